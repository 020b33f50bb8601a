import ReconnectingWebSocket from 'partysocket/ws';
import {
  closeCodes,
  maxFrameLength,
  paths,
  safeParse,
  serverFrame,
  type ClientFrame,
  type ServerFrame,
} from '../protocol/index.js';

/** Turns the REST base into the socket endpoint: `/api` → `ws(s)://<page host>/api/chat/connect`. */
export function socketUrl(apiBase: string, room: string, token: string): string {
  const url = new URL(`${apiBase.replace(/\/+$/, '')}${paths.connect()}`, globalThis.location?.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('room', room);
  url.searchParams.set('token', token);
  return url.toString();
}

export interface RoomSocketOptions {
  /** Called before every (re)connect, so each attempt can carry a fresh token. */
  url: () => Promise<string>;
  heartbeatIntervalMs: number;
  onOpen(): void;
  onFrame(frame: ServerFrame): void;
  onClose(code: number): void;
  /** A frame that is not valid protocol: dropped, reported here. */
  onInvalidFrame(error: Error, raw: string): void;
}

export interface RoomSocket {
  send(frame: ClientFrame): boolean;
  readonly open: boolean;
  /** Drop the current connection (if any) and connect again now. */
  reconnect(): void;
  close(): void;
}

/** Close codes after which reconnecting cannot help. */
const terminalCloseCodes: ReadonlySet<number> = new Set([closeCodes.forbidden, closeCodes.notFound]);

/**
 * The room's one socket: reconnects with exponential backoff (jittered, so a whole lecture hall does
 * not reconnect in step after a blip), validates every frame, and detects a socket that silently
 * stopped delivering by a heartbeat: two intervals without any frame and it reconnects.
 */
export function createRoomSocket(options: RoomSocketOptions): RoomSocket {
  let lastFrameAt = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  /**
   * Closed by us: nothing more is reported, not even the close event partysocket raises later
   * when a connect attempt (its URL) was failing as it was closed.
   */
  let closed = false;

  const socket = new ReconnectingWebSocket(
    async () => {
      const url = await options.url();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300 * Math.min(socket.retryCount, 10)));
      return url;
    },
    undefined,
    {
      minReconnectionDelay: 500,
      maxReconnectionDelay: 15_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 8_000,
      // Messages travel over REST with their own retry; socket frames are only worth sending live.
      maxEnqueuedMessages: 0,
      shouldReconnectOnClose: (event) => !terminalCloseCodes.has(event.code),
    },
  );

  function stopHeartbeat(): void {
    if (heartbeat !== undefined) clearInterval(heartbeat);
    heartbeat = undefined;
  }

  socket.addEventListener('open', () => {
    if (closed) return;
    lastFrameAt = Date.now();
    stopHeartbeat();
    heartbeat = setInterval(() => {
      if (Date.now() - lastFrameAt > 2 * options.heartbeatIntervalMs) {
        socket.reconnect(4000, 'heartbeat timeout');
        return;
      }
      socket.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
    }, options.heartbeatIntervalMs);
    options.onOpen();
  });

  socket.addEventListener('message', (event: MessageEvent) => {
    if (closed) return;
    lastFrameAt = Date.now();
    const raw = typeof event.data === 'string' ? event.data : '';
    if (raw.length === 0 || raw.length > maxFrameLength) {
      options.onInvalidFrame(new Error('Frame is empty, binary or too long'), raw.slice(0, 200));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      options.onInvalidFrame(new Error('Frame is not JSON'), raw.slice(0, 200));
      return;
    }
    const parsed = safeParse(serverFrame, json);
    if (parsed.ok) options.onFrame(parsed.value);
    else options.onInvalidFrame(parsed.error, raw.slice(0, 200));
  });

  socket.addEventListener('close', (event: CloseEvent) => {
    stopHeartbeat();
    if (!closed) options.onClose(event.code);
  });

  return {
    send: (frame) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(frame)),
    get open() {
      return socket.readyState === socket.OPEN;
    },
    reconnect: () => socket.reconnect(),
    close: () => {
      closed = true;
      stopHeartbeat();
      socket.close(1000, 'closed by client');
    },
  };
}

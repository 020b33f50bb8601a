import ReconnectingWebSocket from 'partysocket/ws';
import {
  closeCodes,
  maxFrameLength,
  safeParse,
  serverFrame,
  unbatch,
  type ClientFrame,
  type ServerFrame,
} from '../protocol/index.js';

/** The timers the socket's own waits use (jitter, heartbeat): the page's, or a test's own clock. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
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
  timers?: Timers | undefined;
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
/** Closed by us for want of frames (a socket that silently stopped delivering). */
const heartbeatTimeoutCode = 4000;

/**
 * The room's one socket, over partysocket's reconnecting socket: it retries after 0.5 s, 1.6 times
 * longer each time up to 15 s (at once after a connection that stayed up 5 s), drops a connection
 * that does not open in 8 s, and never retries after 4003 or 4004. On top of that: jitter before
 * each retry, so a whole lecture hall does not reconnect in step after a blip; every frame
 * validated, each frame of a `batch` in turn; and a heartbeat, two intervals without any frame and
 * it reconnects.
 */
export function createRoomSocket(options: RoomSocketOptions): RoomSocket {
  const timers: Timers = options.timers ?? globalThis;
  let lastFrameAt = 0;
  let heartbeat: unknown;
  /**
   * Closed by us: nothing more is reported, not even the close event partysocket raises later
   * when a connect attempt (its URL) was failing as it was closed.
   */
  let closed = false;

  const socket = new ReconnectingWebSocket(
    async () => {
      const url = await options.url();
      const jitterMs = Math.random() * 300 * Math.min(socket.retryCount, 10);
      if (jitterMs > 0) await new Promise((resolve) => timers.setTimeout(() => resolve(undefined), jitterMs));
      return url;
    },
    undefined,
    {
      minReconnectionDelay: 500,
      maxReconnectionDelay: 15_000,
      reconnectionDelayGrowFactor: 1.6,
      minUptime: 5_000,
      connectionTimeout: 8_000,
      // Messages travel over REST with their own retry; socket frames are only worth sending live.
      maxEnqueuedMessages: 0,
      shouldReconnectOnClose: (event) => !terminalCloseCodes.has(event.code),
    },
  );

  function stopHeartbeat(): void {
    timers.clearTimeout(heartbeat);
    heartbeat = undefined;
  }

  function beat(): void {
    heartbeat = timers.setTimeout(() => {
      if (Date.now() - lastFrameAt > 2 * options.heartbeatIntervalMs) {
        socket.reconnect(heartbeatTimeoutCode, 'heartbeat timeout');
        return;
      }
      socket.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
      beat();
    }, options.heartbeatIntervalMs);
  }

  socket.addEventListener('open', () => {
    if (closed) return;
    lastFrameAt = Date.now();
    stopHeartbeat();
    beat();
    options.onOpen();
  });

  socket.addEventListener('message', (event: MessageEvent) => {
    if (!closed) receive(event.data);
  });

  socket.addEventListener('close', (event: CloseEvent) => {
    stopHeartbeat();
    if (!closed) options.onClose(event.code);
  });

  function receive(data: unknown): void {
    lastFrameAt = Date.now();
    const raw = typeof data === 'string' ? data : '';
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
    for (const value of unbatch(json)) {
      const parsed = safeParse(serverFrame, value);
      if (parsed.ok) options.onFrame(parsed.value);
      else options.onInvalidFrame(parsed.error, JSON.stringify(value).slice(0, 200));
    }
  }

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

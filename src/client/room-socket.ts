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

/** The timers the socket waits with: the page's, or a test's own clock. */
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
/** The wait before the second attempt in a row; each later one waits 1.6 times longer, up to 15 s. */
const firstRetryMs = 500;
const longestRetryMs = 15_000;
/** A connection that does not open in this long is dropped and tried again. */
const connectTimeoutMs = 8_000;
/** A connection that stayed up this long starts the retry schedule over when it is lost. */
const stableMs = 5_000;
/** Closed by us for want of frames (a socket that silently stopped delivering). */
const heartbeatTimeoutCode = 4000;
/** `WebSocket.OPEN`, which a page's stand-in WebSocket (a mock's) need not define. */
const openState = 1;

/**
 * The room's one socket: reconnects with exponential backoff (jittered, so a whole lecture hall does
 * not reconnect in step after a blip), validates every frame, and detects a socket that silently
 * stopped delivering by a heartbeat: two intervals without any frame and it reconnects.
 */
export function createRoomSocket(options: RoomSocketOptions): RoomSocket {
  const timers: Timers = options.timers ?? globalThis;
  let ws: WebSocket | undefined;
  /** Attempts since the last connection that stayed up. */
  let attempts = 0;
  let openedAt = 0;
  let lastFrameAt = 0;
  let timer: unknown;
  /** Counts attempts begun: one overtaken while it waited for its URL gives way. */
  let started = 0;
  /** Closed by us: nothing more is reported, and no attempt is made. */
  let closed = false;

  function wait(ms: number, run: () => void): void {
    timers.clearTimeout(timer);
    timer = timers.setTimeout(run, ms);
  }

  /** The next attempt: at once after a stable connection, later and later after failed ones. */
  function schedule(): void {
    const backoff = attempts === 0 ? 0 : Math.min(longestRetryMs, firstRetryMs * 1.6 ** (attempts - 1));
    const jitter = Math.random() * 300 * Math.min(attempts, 10);
    attempts += 1;
    wait(backoff + jitter, () => void connect());
  }

  async function connect(): Promise<void> {
    const attempt = ++started;
    let socket: WebSocket;
    try {
      const url = await options.url();
      if (closed || attempt !== started) return;
      socket = new WebSocket(url);
    } catch {
      // No URL (the room could not be fetched) or no socket for it: try again later, unless the
      // room gave up on us or a newer attempt has begun.
      if (!closed && attempt === started) schedule();
      return;
    }
    ws = socket;
    wait(connectTimeoutMs, () => drop(socket, 1006));
    socket.addEventListener('open', () => {
      if (ws !== socket) return;
      openedAt = lastFrameAt = Date.now();
      beat(socket);
      options.onOpen();
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (ws === socket) receive(event.data);
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      if (ws === socket) lost(event.code);
    });
  }

  /** Two intervals without any frame: the connection is gone, whatever the socket says. */
  function beat(socket: WebSocket): void {
    wait(options.heartbeatIntervalMs, () => {
      if (Date.now() - lastFrameAt > 2 * options.heartbeatIntervalMs) {
        drop(socket, heartbeatTimeoutCode);
        return;
      }
      socket.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
      beat(socket);
    });
  }

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
    const parsed = safeParse(serverFrame, json);
    if (parsed.ok) options.onFrame(parsed.value);
    else options.onInvalidFrame(parsed.error, raw.slice(0, 200));
  }

  /** The connection closed with `code`: told, then tried again unless the room refused us for good. */
  function lost(code: number): void {
    ws = undefined;
    timers.clearTimeout(timer);
    if (openedAt > 0 && Date.now() - openedAt >= stableMs) attempts = 0;
    openedAt = 0;
    options.onClose(code);
    if (!closed && !terminalCloseCodes.has(code)) schedule();
  }

  /** Closes `socket` ourselves, and goes on as if it had closed with `code`. */
  function drop(socket: WebSocket, code: number): void {
    if (ws !== socket) return;
    socket.close(code === 1006 ? 1000 : code);
    lost(code);
  }

  schedule();

  return {
    send: (frame) => ws?.readyState === openState && (ws.send(JSON.stringify(frame)), true),
    get open() {
      return ws?.readyState === openState;
    },
    reconnect: () => {
      attempts = 0;
      if (ws) drop(ws, 1000);
      else schedule();
    },
    close: () => {
      closed = true;
      timers.clearTimeout(timer);
      const socket = ws;
      ws = undefined;
      socket?.close(1000, 'closed by client');
    },
  };
}

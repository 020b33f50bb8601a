import { atom, type ReadableAtom } from 'nanostores';
import { ApiError, type ApiClient } from '../client/api-client.js';
import { socketUrl } from '../client/socket-url.js';
import type { RoomSocket, RoomSocketOptions } from '../client/room-socket.js';
import { closeCodes } from '../protocol/errors.js';
import type { ClientFrame, ServerFrame } from '../protocol/socket.js';
import type { RoomResponse } from '../protocol/rest.js';
import type { Lifetime } from './lifetime.js';
import { failureOf } from './sign-in.js';
import type { ChatFailure, ConnectionStatus } from './types.js';

/**
 * The socket's code, partysocket with it, is a chunk of its own: the room's first paint does
 * without it, so it is fetched while the room loads rather than with the element.
 */
const loadRoomSocket = async () => (await import('../client/room-socket.js')).createRoomSocket;

/** Renew the room token this long before it expires, rather than fail a reconnect with it. */
const tokenRenewMarginMs = 60_000;
/** Hidden pages get no animation frames: frames received there wait this long at most. */
const hiddenFlushMs = 100;

export interface ConnectionOptions {
  api: ApiClient;
  courseId: string;
  lifetime: Lifetime;
  /** A room response arrived: the first, or a renewal for a fresh token. */
  roomLoaded(room: RoomResponse): void;
  /** The room opens: whatever it shows before its socket connects. */
  opening(room: RoomResponse): Promise<void>;
  /** After each (re)connect, before going live: whatever was missed meanwhile. */
  catchUp(): Promise<void>;
  /** Frames received, in order; a burst comes at once. */
  apply(frames: readonly ServerFrame[]): void;
  /** The socket closed: nobody is known to be here until it is back. */
  disconnected(): void;
  /** Live after a (re)connect, caught up. */
  live(room: RoomResponse): void;
  /** A frame from the network failed validation and was dropped. */
  invalid(error: Error): void;
  /** Makes the room's socket: the real one, or a test's. */
  openSocket?: ((options: RoomSocketOptions) => RoomSocket) | undefined;
}

/**
 * The room's connection: loading the room, the socket and its token, catching up after each
 * (re)connect before going live, and batching frames so a burst changes the stores once.
 */
export function createConnection(options: ConnectionOptions) {
  const { api, courseId, lifetime } = options;
  const $status = atom<ConnectionStatus>('loading');
  const $failure = atom<ChatFailure | null>(null);
  const $room = atom<RoomResponse | null>(null);
  let socket: RoomSocket | undefined;
  const socketMaker = Promise.resolve(options.openSocket ?? loadRoomSocket());
  let tokenStale = false;
  let catchingUp = false;
  let buffered: ServerFrame[] = [];
  /** Frames received since the last flush, in order. */
  let inbox: ServerFrame[] = [];
  let flushFrame = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  function fail(failure: ChatFailure): void {
    $failure.set(failure);
    $status.set('failed');
    socket?.close();
    socket = undefined;
  }

  async function loadRoom(): Promise<RoomResponse> {
    const room = await api.room(courseId);
    $room.set(room);
    options.roomLoaded(room);
    tokenStale = false;
    return room;
  }

  async function onOpened(): Promise<void> {
    catchingUp = true;
    $status.set('connecting');
    try {
      await options.catchUp();
    } catch (error) {
      // The socket stays up; the next reconnect catches up again from the same seq.
      catchingUp = false;
      buffered = [];
      if (error instanceof ApiError && !error.transient) fail(failureOf(error));
      else socket?.reconnect();
      return;
    }
    catchingUp = false;
    const frames = buffered;
    buffered = [];
    options.apply(frames);
    const room = $room.get();
    if (lifetime.ended || !room) return;
    $status.set('live');
    options.live(room);
  }

  function onFrame(frame: ServerFrame): void {
    // Presence and typing are about now; messages, and their changes, wait until history has caught up to them.
    if (catchingUp && /^message/.test(frame.type)) buffered.push(frame);
    else if (inbox.push(frame) === 1) {
      // However many frames a burst brings, the stores change once per animation frame, and so
      // does the element.
      flushFrame = requestAnimationFrame(flush);
      flushTimer = setTimeout(flush, hiddenFlushMs);
    }
  }

  function flush(): void {
    cancelAnimationFrame(flushFrame);
    clearTimeout(flushTimer);
    const frames = inbox;
    inbox = [];
    options.apply(frames);
  }

  function onClose(code: number): void {
    if (lifetime.ended) return;
    // What arrived before the close still happened, and before presence is cleared.
    flush();
    catchingUp = false;
    buffered = [];
    options.disconnected();
    if (code === closeCodes.forbidden) fail({ kind: 'not_enrolled' });
    else if (code === closeCodes.notFound) fail({ kind: 'course_not_found' });
    else {
      if (code === closeCodes.unauthorized) tokenStale = true;
      $status.set(navigator.onLine === false ? 'offline' : 'reconnecting');
    }
  }

  async function nextSocketUrl(): Promise<string> {
    let room = $room.get();
    if (!room || tokenStale || Date.parse(room.token_expires_at) - Date.now() < tokenRenewMarginMs) {
      try {
        room = await loadRoom();
      } catch (error) {
        if (error instanceof ApiError && !error.transient) fail(failureOf(error));
        throw error;
      }
    }
    return socketUrl(api.apiBase, room.room_id, room.user_token);
  }

  async function open(): Promise<void> {
    $status.set('loading');
    $failure.set(null);
    try {
      const room = await loadRoom();
      await options.opening(room);
      const openSocket = await socketMaker;
      if (lifetime.ended) return;
      $status.set('connecting');
      socket = openSocket({
        url: nextSocketUrl,
        heartbeatIntervalMs: room.limits.heartbeat_interval_ms,
        // Catch up on open rather than on `hello`, so a lost first frame cannot leave us stuck.
        onOpen: () => void onOpened(),
        onFrame,
        onClose,
        onInvalidFrame: options.invalid,
      });
    } catch (error) {
      if (!lifetime.ended) fail(failureOf(error));
    }
  }

  const onOffline = (): void => {
    if ($status.get() !== 'failed') $status.set('offline');
  };
  const onOnline = (): void => {
    if ($status.get() === 'offline') {
      $status.set('reconnecting');
      socket?.reconnect();
    }
  };

  return {
    $status: $status as ReadableAtom<ConnectionStatus>,
    $failure: $failure as ReadableAtom<ChatFailure | null>,
    /** The room response: course, me, limits, token. Null until loaded. */
    $room: $room as ReadableAtom<RoomResponse | null>,

    async start(): Promise<void> {
      window.addEventListener('offline', onOffline);
      window.addEventListener('online', onOnline);
      await open();
    },

    /**
     * After a refused sign-in: a room that failed opens again; a working one fetches the room
     * again, which asks for a token and, let in, lets whatever waited for it go on.
     */
    resume(): void {
      if ($status.get() === 'failed' || !$room.get()) void open();
      else loadRoom().catch(() => undefined);
    },

    /** "Retry": a failed load opens again; a lost socket reconnects now instead of after its backoff. */
    reconnectNow(): void {
      if ($status.get() === 'failed') {
        if ($failure.get()?.kind === 'unavailable') void open();
      } else if (socket) {
        $status.set('reconnecting');
        socket.reconnect();
      }
    },

    /** Sends a frame if the socket is open; whether it did. */
    send: (frame: ClientFrame): boolean => socket?.send(frame) ?? false,

    stop(): void {
      cancelAnimationFrame(flushFrame);
      clearTimeout(flushTimer);
      inbox = [];
      socket?.close();
      socket = undefined;
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    },
  };
}

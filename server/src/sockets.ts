/**
 * The sockets of one room's Durable Object: who each one is (its hibernation attachment), and
 * sending to them, coalesced under load (fan-out.ts). Fan-out goes only to sockets still allowed
 * to read: a socket whose `user_token` has expired is closed instead of sent to, the moment a
 * frame would reach it.
 */
import { closeCodes, type PresentUser, type ServerFrame, type User } from '../../src/protocol/index.js';
import { FanOut, type Recipient } from './fan-out.js';

/** What each hibernatable socket remembers about its user. */
export interface Attachment {
  /** Names the socket's in-memory state (its frame budgets), which hibernation does not keep. */
  socketId: string;
  courseId: string;
  user: User;
  available: boolean;
  /** When the `user_token` it connected with expires (ms since the epoch): it may read until then. */
  expiresAt: number;
}

export class RoomSockets {
  readonly #ctx: DurableObjectState;
  /** Each socket's attachment as last read or written: a broadcast reads every socket's, and
   * deserialising them all for every message was most of a fan-out's cost. */
  readonly #attachments = new WeakMap<WebSocket, Attachment>();

  readonly #fanOut: FanOut;

  /** `msPerSocket`: how long a busy room holds frames, per socket, to send them together (fan-out.ts). */
  constructor(ctx: DurableObjectState, msPerSocket: number) {
    this.#ctx = ctx;
    this.#fanOut = new FanOut(
      {
        sockets: () => this.open(),
        userOf: (socket) => this.attachment(socket)?.user.id,
        deliver: (socket, data, now) => this.#deliver(socket, data, now),
      },
      msPerSocket,
    );
  }

  attachment(socket: WebSocket): Attachment | null {
    const known = this.#attachments.get(socket);
    if (known) return known;
    const stored = socket.deserializeAttachment() as Attachment | null;
    if (stored) this.#attachments.set(socket, stored);
    return stored;
  }

  /** Takes a new socket into the room: it gets the frames queued from now on, none from before. */
  accept(socket: WebSocket, attachment: Attachment): void {
    this.#fanOut.flush();
    this.#ctx.acceptWebSocket(socket, [attachment.user.id]);
    this.attach(socket, attachment);
  }

  /** Keeps a socket's attachment through hibernation. */
  attach(socket: WebSocket, attachment: Attachment): void {
    socket.serializeAttachment(attachment);
    this.#attachments.set(socket, attachment);
  }

  /** Open sockets only: a closing one no longer counts as its user being here. */
  open(userId?: string): WebSocket[] {
    const sockets = userId === undefined ? this.#ctx.getWebSockets() : this.#ctx.getWebSockets(userId);
    return sockets.filter((socket) => socket.readyState === WebSocket.READY_STATE_OPEN);
  }

  present(): PresentUser[] {
    const present = new Map<string, PresentUser>();
    for (const socket of this.open()) {
      const attachment = this.attachment(socket);
      if (!attachment) continue;
      const seen = present.get(attachment.user.id);
      present.set(attachment.user.id, { ...attachment.user, available: attachment.available || !!seen?.available });
    }
    return [...present.values()];
  }

  /** An ST's "Available to Help" switch, kept on each of their sockets. */
  setAvailable(userId: string, available: boolean): void {
    for (const socket of this.open(userId)) {
      const attachment = this.attachment(socket);
      if (attachment) this.attach(socket, { ...attachment, available });
    }
  }

  send(socket: WebSocket, frame: ServerFrame): void {
    this.#queue(frame, { socket });
  }

  broadcast(frame: ServerFrame, exceptUserId?: string): void {
    this.#queue(frame, { exceptUserId });
  }

  toUser(userId: string, frame: ServerFrame): void {
    this.#queue(frame, { userId });
  }

  /** Frames queued before the close still reach the socket first. */
  close(sockets: WebSocket[], code: number, reason: string): void {
    this.#fanOut.flush();
    for (const socket of sockets) closeNow(socket, code, reason);
  }

  /** Serialised once, whoever it is for. */
  #queue(frame: ServerFrame, to: Recipient): void {
    this.#fanOut.enqueue(JSON.stringify(frame), to);
  }

  #deliver(socket: WebSocket, data: string, now: number): void {
    const attachment = this.attachment(socket);
    if (attachment && attachment.expiresAt <= now) return closeNow(socket, closeCodes.unauthorized, 'token expired');
    try {
      socket.send(data);
    } catch {
      // The socket closed meanwhile; its close handler does the bookkeeping.
    }
  }
}

/**
 * The answer to an upgrade the room took. It declines every WebSocket extension, permessage-deflate
 * among them, which browsers and Node offer: the runtime agrees only to what this header names
 * (workerd's manual compression mode) and without it agrees to whatever the client offered. A chat
 * frame is a few hundred bytes of JSON, and deflate would compress every frame once per socket
 * (each keeps its own context): in a room of 200 a third of the room's CPU, to send a 460-byte
 * message frame as about 90 (server/README.md, Sockets).
 */
export function upgraded(client: WebSocket): Response {
  return new Response(null, {
    status: 101,
    webSocket: client,
    headers: { 'sec-websocket-extensions': noExtensions },
  });
}

/** Names no extension the runtime implements, so it agrees to none and sends the client no header. */
const noExtensions = 'none';

function closeNow(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Closed meanwhile.
  }
}

/**
 * One client connection to the mock; the transport feeds it frames and it answers through a sink.
 * It reads only while its `user_token` is valid: past its expiry, the next frame it sends or would
 * receive closes it with 4001 instead, as the Worker does.
 */
import { FrameThrottle, parseClientFrame } from '../backend/index.js';
import { closeCodes, refusalFrame, type ServerFrame } from '../protocol/index.js';
import type { MockBackend } from './backend.js';
import type { MemoryRoom } from './memory-room.js';

/** Where a socket's frames go; the msw handler and the simulation each provide one. */
export interface SocketSink {
  send(data: string): void;
  close(code: number, reason: string): void;
}

export class MockSocket {
  readonly #backend: MockBackend;
  readonly #sink: SocketSink;
  #room: MemoryRoom | null = null;
  #userId: string | null = null;
  #queue: unknown[] | null = [];
  #closed = false;
  /** When its `user_token` expires, in ms since the epoch. */
  #expiresAt = Number.POSITIVE_INFINITY;
  /** @internal Its budget of typing and availability frames. */
  readonly throttle = new FrameThrottle();

  constructor(backend: MockBackend, sink: SocketSink) {
    this.#backend = backend;
    this.#sink = sink;
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  get userId(): string | null {
    return this.#userId;
  }

  /** @internal */
  join(room: MemoryRoom, userId: string, expiresAt: number): void {
    this.#room = room;
    this.#userId = userId;
    this.#expiresAt = expiresAt;
    const queued = this.#queue ?? [];
    this.#queue = null;
    for (const data of queued) this.receive(data);
  }

  /** A frame from the client, as received: anything may arrive here. */
  receive(data: unknown): void {
    if (this.#closed) return;
    if (this.#queue) {
      this.#queue.push(data);
      return;
    }
    const room = this.#room;
    const userId = this.#userId;
    if (!room || !userId || this.#expired()) return;
    const frame = parseClientFrame(data);
    if (frame.ok) this.#backend.onFrame(room, userId, this, frame.value);
    else this.deliver(refusalFrame(frame.error));
  }

  /** @internal */
  deliver(frame: ServerFrame): void {
    this.deliverRaw(JSON.stringify(frame));
  }

  /** @internal */
  deliverRaw(data: string): void {
    if (this.#closed || this.#backend.faults.silent || this.#expired()) return;
    this.#sink.send(data);
  }

  /** Whether its token has expired; closes it with 4001 then. */
  #expired(): boolean {
    if (this.#backend.now() < this.#expiresAt) return false;
    this.close(closeCodes.unauthorized, 'token expired');
    return true;
  }

  /** Closes from the server side. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#sink.close(code, reason);
    this.closed();
  }

  /** The connection is gone (either side closed it). */
  closed(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = null;
    if (this.#room && this.#userId) this.#backend.leave(this.#room, this.#userId, this);
  }
}

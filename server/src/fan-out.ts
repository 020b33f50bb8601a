/**
 * A room's outgoing frames, coalesced. Nearly all of a busy room's CPU goes to WebSocket sends,
 * one per socket per frame, so frames wait in one queue and leave together: each socket gets one
 * WebSocket message per flush, a `batch` frame carrying every queued frame meant for it, in queue
 * order (a lone frame goes as itself, so a quiet room's wire is unchanged). Sockets that get the
 * same frames share one serialised batch.
 *
 * A room flushes at the end of the turn that queued a frame, and a busy room's frames, queued
 * while it works through its backlog, leave together. After a flush the next may wait
 * `msPerSocket` for each socket the flush sent to, at most 250 ms (FANOUT_MS_PER_SOCKET, 0.5 in
 * wrangler.jsonc, 0 unless set): so a room sends about as often as its size allows whatever its
 * rate, half as often at 20 msg/s among 200 sockets, for 100 ms more at most. A frame that comes
 * when the wait is over flushes the queue itself, since a room behind on its messages runs its
 * timers late (server/README.md, Fan-out). A queue that would outgrow the largest frame a client
 * accepts is flushed first.
 */
import { maxFrameLength } from '../../src/protocol/index.js';
import type { Env } from './env.js';

/** FANOUT_MS_PER_SOCKET, or 0. */
export function fanOutMsPerSocket(env: Pick<Env, 'FANOUT_MS_PER_SOCKET'>): number {
  const ms = Number(env.FANOUT_MS_PER_SOCKET ?? 0);
  return Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

/**
 * The longest wait between two flushes: no one notices it in a chat, and it leaves most of the
 * 500 ms p99 goal (#19) to the rest of the way.
 */
const maxWindowMs = 250;

/** Who a queued frame is for: the room (but one user), one user's sockets, or one socket. */
export type Recipient = { exceptUserId?: string | undefined } | { userId: string } | { socket: WebSocket };

interface Queued {
  data: string;
  to: Recipient;
}

export interface FanOutTarget {
  /** The room's open sockets, read once per flush. */
  sockets(): WebSocket[];
  userOf(socket: WebSocket): string | undefined;
  deliver(socket: WebSocket, data: string, now: number): void;
}

const batchPrefix = '{"type":"batch","frames":[';
const batchSuffix = ']}';

export class FanOut {
  readonly #target: FanOutTarget;
  readonly #msPerSocket: number;
  #queue: Queued[] = [];
  /** The characters a batch of the whole queue would have. */
  #length = batchPrefix.length + batchSuffix.length;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer is due. */
  #dueAt = 0;
  /** When the next flush may be. */
  #nextFlushAt = Number.NEGATIVE_INFINITY;

  constructor(target: FanOutTarget, msPerSocket: number) {
    this.#target = target;
    this.#msPerSocket = msPerSocket;
  }

  enqueue(data: string, to: Recipient): void {
    if (this.#length + data.length + 1 > maxFrameLength) this.flush();
    this.#queue.push({ data, to });
    this.#length += data.length + 1;
    const now = Date.now();
    // A busy process may run the next event before an overdue timer: the frames go now instead.
    if (this.#timer !== null && now > this.#dueAt) return this.flush();
    if (this.#timer !== null) return;
    this.#dueAt = Math.max(now, this.#nextFlushAt);
    this.#timer = setTimeout(() => this.flush(), this.#dueAt - now);
  }

  /** Sends everything queued now: before a socket joins or closes, so it gets exactly the frames of its time. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    this.#length = batchPrefix.length + batchSuffix.length;
    const now = Date.now();
    let sent = 0;
    // By the indices of the frames it carries: most sockets of a room get the very same ones.
    const batches = new Map<string, string>();
    for (const socket of this.#target.sockets()) {
      const userId = this.#target.userOf(socket);
      let key = '';
      const frames: string[] = [];
      queue.forEach(({ data, to }, i) => {
        if (!reaches(to, socket, userId)) return;
        key += `${i},`;
        frames.push(data);
      });
      const [first] = frames;
      if (first === undefined) continue;
      let data = batches.get(key);
      if (data === undefined) {
        data = frames.length === 1 ? first : `${batchPrefix}${frames.join(',')}${batchSuffix}`;
        batches.set(key, data);
      }
      this.#target.deliver(socket, data, now);
      sent += 1;
    }
    this.#nextFlushAt = now + Math.min(maxWindowMs, sent * this.#msPerSocket);
  }
}

function reaches(to: Recipient, socket: WebSocket, userId: string | undefined): boolean {
  if ('socket' in to) return to.socket === socket;
  if ('userId' in to) return to.userId === userId;
  return to.exceptUserId === undefined || to.exceptUserId !== userId;
}

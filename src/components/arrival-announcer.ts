import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * More messages than this within `burstWindowMs` is a burst: screen readers then hear how many
 * arrived, at most once per window, instead of every message.
 */
const burstSize = 3;
const burstWindowMs = 2000;
const burstSettleMs = 250;

/**
 * What a screen reader hears of messages arriving at the newest: each one as the log announces it,
 * or, in a burst, a count read out instead while the log goes quiet.
 */
export class ArrivalAnnouncer implements ReactiveController {
  /** What a screen reader hears instead of each message while a burst lasts; empty otherwise. */
  burst = '';
  #arrivals: number[] = [];
  #announcedAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #settle: ReturnType<typeof setTimeout> | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #say: (count: number) => string;

  /** `say` words a count of messages. */
  constructor(host: ReactiveControllerHost, say: (count: number) => string) {
    this.#host = host;
    this.#say = say;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#settle);
  }

  /**
   * Counts arrivals at the newest message. A burst is summarised by the host's next update, or,
   * when none comes because the burst is over, by one update once it has been quiet for a moment.
   */
  arrived(count: number): void {
    const now = Date.now();
    this.#arrivals = [...this.#arrivals.filter((at) => now - at < burstWindowMs), ...Array<number>(count).fill(now)];
    if (this.#arrivals.length <= burstSize) return;
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#host.requestUpdate(), burstSettleMs);
  }

  /**
   * Part of an update, never one of its own: a burst already changes the stream once per frame,
   * and its summary must not add a second change.
   */
  hostUpdate(): void {
    const now = Date.now();
    const recent = this.#arrivals.filter((at) => now - at < burstWindowMs).length;
    if (recent <= burstSize) return;
    if (!this.burst || now - this.#announcedAt >= burstWindowMs) {
      this.burst = this.#say(recent);
      this.#announcedAt = now;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.burst = '';
      this.#host.requestUpdate();
    }, burstWindowMs);
  }
}

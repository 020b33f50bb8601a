/**
 * How often one socket may make the room fan a frame out to everyone. Messages have their own
 * per-user rate limit (`limits.min_send_interval_ms`); typing and "Available to Help" cost nothing
 * to store but reach every other socket, so both backends budget them per socket.
 */
import { fail, type Outcome } from './outcome.js';

/** Each budget: `burst` frames at once, then one more per `intervalMs`. */
export const frameRates = {
  /** Beyond it a `typing` frame is dropped silently: it only says "still typing". */
  typing: { burst: 1, intervalMs: 1000 },
  /** Beyond it `set_available` is refused with `rate_limited`, and nothing changes. */
  set_available: { burst: 3, intervalMs: 1000 },
} as const;

export type ThrottledFrame = keyof typeof frameRates;

/** The refusal of a `set_available` over its budget. */
export const tooFast = (retryAfterMs: number): Outcome<never> =>
  fail('rate_limited', 'Too many changes: wait a moment.', retryAfterMs);

/** One socket's budgets, as a token bucket per frame type. */
export class FrameThrottle {
  readonly #buckets = new Map<ThrottledFrame, { tokens: number; at: number }>();

  /** Takes one frame of `type` at `now`: 0 when it may pass, else milliseconds until one may. */
  take(type: ThrottledFrame, now: number): number {
    const { burst, intervalMs } = frameRates[type];
    const bucket = this.#buckets.get(type) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) / intervalMs);
    const passes = tokens >= 1;
    this.#buckets.set(type, { tokens: passes ? tokens - 1 : tokens, at: now });
    return passes ? 0 : Math.ceil((1 - tokens) * intervalMs);
  }
}

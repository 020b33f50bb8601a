import { atom, type ReadableAtom } from 'nanostores';
import { ApiError } from '../client/api-client.js';
import type { Timers } from '../client/room-socket.js';
import type { AuthRefusal, ChatFailure, FailureKind } from './types.js';

/**
 * How often a room refused for want of a valid sign-in (401) tries again by itself: the refusals
 * in a row that are each followed by a retry. Enough to bridge a host that signs in late or renews
 * an expired token; past that the room waits for the host (a new token source, or `retry()`).
 */
export const signInRetries = 6;
const firstRetryMs = 1000;
const longestRetryMs = 30_000;

/**
 * How long to wait after refusal number `attempt` (1 or more) before trying again, or null when the
 * retries are spent: 1 s doubling up to 30 s, each drawn from its upper half so that a lecture
 * hall whose sessions expired together does not come back in step.
 */
export function signInRetryDelay(attempt: number, random: () => number = Math.random): number | null {
  if (attempt > signInRetries) return null;
  const ceiling = Math.min(longestRetryMs, firstRetryMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Why the room cannot be shown, from what the backend (or the network) answered. */
export function failureOf(error: unknown): ChatFailure {
  const code = error instanceof ApiError ? error.code : 'unavailable';
  const kind: FailureKind =
    code === 'not_enrolled' || code === 'feature_disabled' || code === 'course_not_found'
      ? code
      : code === 'unauthenticated' || code === 'token_expired'
        ? 'unauthenticated'
        : 'unavailable';
  return { kind };
}

export interface SignInOptions {
  /**
   * Told of each refusal; answers whether to retry on the schedule. False leaves the room waiting
   * for `retryNow()`.
   */
  onRefused?: ((refusal: AuthRefusal) => boolean) | undefined;
  /** Tries the room again: the token source is asked anew by each request. */
  restart(): void;
  timers?: Timers | undefined;
}

/**
 * Sign-in refusals of one room, whichever request met them: each asks the host, then (unless it
 * declines) tries again with backoff until a request is let in or the retries are spent.
 */
export function createSignIn(options: SignInOptions) {
  const timers: Timers = options.timers ?? globalThis;
  const $awaitingSignIn = atom(false);
  let refusals = 0;
  let timer: unknown;
  let letIn: (() => void) | undefined;
  let admitted = Promise.resolve();

  function cancel(): void {
    timers.clearTimeout(timer);
    timer = undefined;
  }

  function admit(): void {
    $awaitingSignIn.set(false);
    letIn?.();
    letIn = undefined;
  }

  return {
    /** A refusal has not yet been followed by a request that was let in. */
    $awaitingSignIn: $awaitingSignIn as ReadableAtom<boolean>,

    /** Resolves once a request is let in after the last refusal (at once if none is pending). */
    admitted: (): Promise<void> => admitted,

    /** The backend refused the credentials (401) with this error. */
    refused(error: ApiError): void {
      cancel();
      refusals += 1;
      if (!$awaitingSignIn.get()) {
        $awaitingSignIn.set(true);
        admitted = new Promise((resolve) => (letIn = resolve));
      }
      const retryInMs = signInRetryDelay(refusals);
      const reason = error.code === 'token_expired' ? 'token_expired' : 'unauthenticated';
      const retry = options.onRefused?.({ reason, attempt: refusals, retryInMs }) ?? true;
      if (retry && retryInMs !== null) timer = timers.setTimeout(options.restart, retryInMs);
    },

    /** A request was let in: whatever waited for a sign-in goes on, and the next refusal starts the schedule over. */
    accepted(): void {
      refusals = 0;
      cancel();
      admit();
    },

    /** Tries again now, with a fresh schedule. */
    retryNow(): void {
      refusals = 0;
      cancel();
      options.restart();
    },

    /** No more retries; whatever waited for a sign-in is let go (and finds the room stopped). */
    stop(): void {
      cancel();
      admit();
    },
  };
}

import { errorStatus, type ErrorBody, type ErrorCode } from '../protocol/errors.js';

/**
 * The answer of one backend operation: a value with its 2xx status, or a protocol error with the
 * status `errorStatus` gives it. Both backends compute these; their transports only turn them into
 * HTTP answers or socket frames, so a rule never depends on which transport carried a request.
 */
export type Outcome<T> =
  { ok: true; status: 200 | 201; value: T } | { ok: false; status: number; error: ErrorBody['error'] };

export const fail = <T>(code: ErrorCode, message: string, retryAfterMs?: number): Outcome<T> => ({
  ok: false,
  status: errorStatus[code],
  error: retryAfterMs === undefined ? { code, message } : { code, message, retry_after_ms: retryAfterMs },
});

export const done = <T>(value: T, status: 200 | 201 = 200): Outcome<T> => ({ ok: true, status, value });

/** Goes on with a valid input, or passes its refusal on unchanged. */
export const andThen = <T, R>(input: Outcome<T>, next: (valid: T) => Outcome<R>): Outcome<R> =>
  input.ok ? next(input.value) : input;

/** REST answers carry a message as `{ message }`; the socket carries it bare. */
export const asMessageBody = <T>(outcome: Outcome<T>): Outcome<{ message: T }> =>
  outcome.ok ? { ...outcome, value: { message: outcome.value } } : outcome;

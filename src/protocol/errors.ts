import { nonNegativeInteger, object, oneOf, optional, string, type Infer } from './schema.js';

export const errorCodes = [
  /** No or invalid credentials. */
  'unauthenticated',
  /** The `user_token` has expired: fetch the room again for a new one. */
  'token_expired',
  /** Signed in, but neither enrolled in the course nor a certified ST for it. */
  'not_enrolled',
  /** The `course_chat` feature flag is off for this user. */
  'feature_disabled',
  'course_not_found',
  'message_not_found',
  'invalid_request',
  'content_too_long',
  'rate_limited',
  /** Only the author may mark a message as a question. */
  'not_author',
  /** Only a student-teacher may toggle "Available to Help". */
  'not_student_teacher',
  'self_award',
  /** `recipient_id` is not the author of the referenced message. */
  'recipient_mismatch',
  'insufficient_balance',
  'points_out_of_range',
  /** Editing a message later than `limits.edit_window_ms` after it was sent. */
  'edit_window_closed',
  /** Editing, reporting or answering a message its author deleted. */
  'message_deleted',
  /** Reporting one's own message. */
  'self_report',
  /** A moderation decision from someone without the course's moderator role. */
  'not_moderator',
  /** A moderator muted this user in this course; `retry_after_ms` says until when. */
  'muted',
  /** A signed request (MODQ decision) whose signature does not match. */
  'invalid_signature',
  /** A signed request whose timestamp is outside the replay window. */
  'stale_request',
  /** A signed decision whose `decision_id` was already applied. */
  'replayed',
  'internal',
] as const;

export const errorCode = oneOf(errorCodes);
export type ErrorCode = Infer<typeof errorCode>;

export const errorBody = object({
  error: object({
    code: errorCode,
    message: string({ maxLength: 2000 }),
    retry_after_ms: optional(nonNegativeInteger),
  }),
});
export type ErrorBody = Infer<typeof errorBody>;

/** HTTP status for each error code; both backends answer with these. */
export const errorStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  token_expired: 401,
  not_enrolled: 403,
  feature_disabled: 403,
  course_not_found: 404,
  message_not_found: 404,
  invalid_request: 400,
  content_too_long: 413,
  rate_limited: 429,
  not_author: 403,
  not_student_teacher: 403,
  self_award: 422,
  recipient_mismatch: 422,
  insufficient_balance: 409,
  points_out_of_range: 422,
  edit_window_closed: 409,
  message_deleted: 409,
  self_report: 422,
  not_moderator: 403,
  muted: 403,
  invalid_signature: 401,
  stale_request: 401,
  replayed: 409,
  internal: 500,
};

/**
 * The headers of an error answer: `Retry-After` (whole seconds, rounded up) when the body has
 * `retry_after_ms`, so clients and proxies that know only HTTP wait as long as the body says.
 */
export function errorHeaders(error: ErrorBody['error']): Record<string, string> {
  const wait = error.retry_after_ms;
  return wait === undefined ? {} : { 'retry-after': String(Math.ceil(wait / 1000)) };
}

export function errorBodyOf(code: ErrorCode, message: string, retryAfterMs?: number): ErrorBody {
  return { error: retryAfterMs === undefined ? { code, message } : { code, message, retry_after_ms: retryAfterMs } };
}

/** WebSocket close codes (4000-4999 are application-defined). */
export const closeCodes = {
  /** Token invalid or expired: fetch the room again, then reconnect. */
  unauthorized: 4001,
  /** Not allowed in this room: do not reconnect. */
  forbidden: 4003,
  /** The room no longer exists. */
  notFound: 4004,
  /** The user already holds `maxSocketsPerUser` sockets in this room: retry later, with backoff. */
  tooManySockets: 4029,
} as const;

/** The close code telling a socket why it may not (or no longer) read the room. */
export function accessCloseCode(code: ErrorCode): number {
  if (code === 'course_not_found') return closeCodes.notFound;
  if (code === 'unauthenticated' || code === 'token_expired') return closeCodes.unauthorized;
  return closeCodes.forbidden;
}

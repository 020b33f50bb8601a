/**
 * Every refusal either backend gives, worded once: the mock and the Worker answer the same code
 * with the same message, and a test or a translation finds each sentence in one place.
 */
import { closeCodes, maxSocketsPerUser } from '../protocol/index.js';
import { fail, type Outcome } from './outcome.js';

export const refusals = {
  // Who may call at all.
  signIn: () => fail<never>('unauthenticated', 'Sign in first.'),
  invalidCredentials: () => fail<never>('unauthenticated', 'Invalid credentials.'),
  tokenExpired: () => fail<never>('token_expired', 'The token has expired.'),

  // Who may use the room.
  courseNotFound: () => fail<never>('course_not_found', 'No such course.'),
  notEnrolled: () => fail<never>('not_enrolled', 'Not enrolled in this course.'),
  featureDisabled: () => fail<never>('feature_disabled', 'Course chat is not enabled.'),

  // Routes.
  /** An unknown route: 404, though its code is the generic one. */
  notFound: (): Outcome<never> => ({
    ok: false,
    status: 404,
    error: { code: 'invalid_request', message: 'Not found.' },
  }),
  connectWithWebSocket: () => fail<never>('invalid_request', 'Connect with a WebSocket.'),
  historyLimit: (max: number) => fail<never>('invalid_request', `limit must be 1 to ${max}.`),
  twoCursors: () => fail<never>('invalid_request', 'Give at most one of before and after.'),

  // The dev endpoints.
  noSuchUser: () => fail<never>('invalid_request', 'No such user.'),

  // Messages.
  messageNotFound: () => fail<never>('message_not_found', 'No such message.'),
  emptyMessage: () => fail<never>('invalid_request', 'The message is empty.'),
  tooLong: (maxLength: number) => fail<never>('content_too_long', `At most ${maxLength} characters.`),
  replyToMissing: () => fail<never>('message_not_found', 'The message replied to does not exist in this room.'),
  sendingTooFast: (retryAfterMs: number) => fail<never>('rate_limited', 'You are sending too fast.', retryAfterMs),
  notAuthorOfQuestion: () => fail<never>('not_author', 'Only the author may mark a message as a question.'),
  notReplyToQuestion: () => fail<never>('invalid_request', 'Only a reply to a question can be marked helpful.'),
  notAskerNorStudentTeacher: () =>
    fail<never>('not_author', 'Only the asker or a student-teacher may mark the answer.'),

  // Goodwill.
  recipientMismatch: () => fail<never>('recipient_mismatch', 'The recipient is not the author of the message.'),
  selfAward: () => fail<never>('self_award', 'You cannot award your own message.'),
  pointsOutOfRange: (max: number) => fail<never>('points_out_of_range', `Points must be 1 to ${max}.`),
  insufficientBalance: () => fail<never>('insufficient_balance', 'Not enough points.'),

  // Moderation.
  noteRequired: () => fail<never>('invalid_request', 'Say why in a note when the reason is other.'),
  selfReport: () => fail<never>('self_report', 'You cannot report your own message.'),
  messageDeleted: () => fail<never>('message_deleted', 'The message was deleted.'),
  notAuthor: () => fail<never>('not_author', 'Only the author may change their message.'),
  editWindowClosed: () => fail<never>('edit_window_closed', 'The time to edit this message is over.'),
  notModerator: () => fail<never>('not_moderator', 'Only a moderator of the course may do this.'),
  muted: (retryAfterMs: number) => fail<never>('muted', 'A moderator muted you in this course.', retryAfterMs),
  decisionIncomplete: (needs: string) => fail<never>('invalid_request', `This decision needs ${needs}.`),
  muteInPast: () => fail<never>('invalid_request', 'until must be in the future.'),
  invalidSignature: () => fail<never>('invalid_signature', 'The signature does not match.'),
  staleRequest: () => fail<never>('stale_request', 'The request is too old or from the future.'),
  replayed: () => fail<never>('replayed', 'This decision was already applied.'),

  // Presence.
  notStudentTeacher: () => fail<never>('not_student_teacher', 'Only a student-teacher can be available to help.'),
} satisfies Record<string, (...args: never[]) => Outcome<never>>;

/**
 * How a new socket is closed at once when its user already holds `open` sockets in the room, the
 * most allowed; null while they may open one more.
 */
export function socketLimitClose(open: number): { code: number; reason: string } | null {
  if (open < maxSocketsPerUser) return null;
  return { code: closeCodes.tooManySockets, reason: `At most ${maxSocketsPerUser} connections per user.` };
}

/**
 * Moderation on the wire: reports, edits and deletions by authors, moderators' decisions from the
 * room, and the platform's moderation queue (MODQ) both ways. Described in docs/protocol.md
 * ("Moderation"); the rules that apply them are in src/backend, shared by the mock and the Worker.
 */
import { chatMessage, id, timestamp } from './entities.js';
import {
  array,
  boolean,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  positiveInteger,
  string,
  type Infer,
} from './schema.js';

export const reportReason = oneOf(['spam', 'harassment', 'off_topic', 'other'] as const);
export type ReportReason = Infer<typeof reportReason>;

/** The most characters of a report's note or a decision's reason. */
export const maxModerationNoteLength = 500;

/**
 * `POST /courses/:id/chat/messages/:messageId/report`. `note` is required (not blank) with `other`,
 * optional otherwise: a blank note with `other` is `invalid_request`.
 */
export const reportBody = object({
  reason: reportReason,
  note: optional(string({ maxLength: maxModerationNoteLength })),
});
export type ReportBody = Infer<typeof reportBody>;

/**
 * 201 for a new report, 200 when this person had already reported the message (nothing changes:
 * one report per person per message). `hidden`: the message is now hidden for everyone.
 */
export const reportResponse = object({ reported: literal(true), hidden: boolean() });
export type ReportResponse = Infer<typeof reportResponse>;

/** `PATCH /courses/:id/chat/messages/:messageId`: the author's new text, within the edit window. */
export const editBody = object({ content: string({ minLength: 1 }) });
export type EditBody = Infer<typeof editBody>;

/**
 * What a moderator decides. `hide`, `restore` and `dismiss` (the reports, leaving the message as
 * it is) name a `message_id`; `mute` names a `user_id` and `until`; `unmute` a `user_id`.
 */
export const moderationAction = oneOf(['hide', 'restore', 'dismiss', 'mute', 'unmute'] as const);
export type ModerationAction = Infer<typeof moderationAction>;

export const moderationDecision = object({
  action: moderationAction,
  message_id: optional(id),
  user_id: optional(id),
  until: optional(timestamp),
  /** Why, for the audit trail. */
  reason: optional(string({ maxLength: maxModerationNoteLength })),
});
export type ModerationDecision = Infer<typeof moderationDecision>;

/**
 * `POST /courses/:id/chat/moderation`: a decision by a moderator of the course, from the room
 * (bearer auth). Applied by the same rules as MODQ's.
 */
export const roomDecisionBody = moderationDecision;
export type RoomDecisionBody = Infer<typeof roomDecisionBody>;

/**
 * `POST /moderation/decisions`: a decision from the platform's MODQ, not from a user. Signed, not
 * authenticated: `x-modq-timestamp` (seconds since the epoch) and `x-modq-signature`
 * (`v1=` and the hex HMAC-SHA256 of `${timestamp}.${body}` with the shared MODQ secret). Refused
 * with `invalid_signature`, `stale_request` (outside `modqReplayWindowSeconds`) or `replayed` (a
 * `decision_id` already applied); a refused decision changes nothing.
 */
export const signedDecisionBody = object({
  ...moderationDecision.shape,
  decision_id: id,
  course_id: id,
  /** The person at the platform who decided, for the audit trail. */
  moderator_id: optional(id),
});
export type SignedDecisionBody = Infer<typeof signedDecisionBody>;

export const modqReplayWindowSeconds = 300;
export const modqTimestampHeader = 'x-modq-timestamp';
export const modqSignatureHeader = 'x-modq-signature';

/** The answer to either kind of decision. */
export const decisionResponse = object({ applied: literal(true) });
export type DecisionResponse = Infer<typeof decisionResponse>;

/** One person's report of a message, as moderators and MODQ see it. */
export const messageReport = object({
  reporter_id: id,
  reason: reportReason,
  note: nullable(string({ maxLength: maxModerationNoteLength })),
  created_at: timestamp,
});
export type MessageReport = Infer<typeof messageReport>;

/**
 * `GET /courses/:id/chat/reports` (moderators only): messages with reports not yet decided,
 * oldest report first; `message.hidden` tells whether it is hidden pending review.
 */
export const reportedResponse = object({
  reported: array(object({ message: chatMessage, reports: array(messageReport) })),
});
export type ReportedResponse = Infer<typeof reportedResponse>;

/**
 * What the backend POSTs to MODQ for each report (signed like a decision, with the same headers):
 * delivered at least once, `report_id` unique so MODQ keeps each report once.
 */
export const modqReport = object({
  report_id: id,
  course_id: id,
  message: chatMessage,
  report: messageReport,
  /** Distinct reporters of this message so far. */
  report_count: positiveInteger,
  hidden: boolean(),
});
export type ModqReport = Infer<typeof modqReport>;

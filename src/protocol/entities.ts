import {
  array,
  boolean,
  literal,
  nonNegativeInteger,
  nullable,
  number,
  object,
  oneOf,
  optional,
  positiveInteger,
  string,
  type Infer,
} from './schema.js';

/** Identifiers are opaque strings chosen by the backend; bounded so a hostile frame stays small. */
export const id = string({ minLength: 1, maxLength: 128 });

/** RFC 4122 UUID made by the client for each send, so retries can be recognised. */
export const clientId = string({ pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i });

/** ISO-8601 timestamp in UTC, as produced by `Date.prototype.toISOString`. */
export const timestamp = string({ pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/ });

/** Per-room message sequence: assigned by the backend, strictly increasing, gaps allowed. */
export const seq = positiveInteger;

export const user = object({
  id,
  name: string({ minLength: 1, maxLength: 200 }),
  avatar_url: nullable(string({ maxLength: 2048 })),
  /** Certified student-teacher for the course this payload belongs to; never across courses. */
  is_student_teacher: boolean(),
});
export type User = Infer<typeof user>;

/** A participant connected to the room right now. */
export const presentUser = object({
  ...user.shape,
  /** "Available to Help": meaningful for student-teachers, always false for others. */
  available: boolean(),
});
export type PresentUser = Infer<typeof presentUser>;

export const questionStatus = oneOf(['open', 'answered'] as const);
export type QuestionStatus = Infer<typeof questionStatus>;

export const chatMessage = object({
  id,
  seq,
  course_id: id,
  client_id: clientId,
  author: user,
  content: string({ maxLength: 20_000 }),
  is_question: boolean(),
  /** Set on questions only: open until an answer is marked helpful (see docs/protocol.md). */
  question_status: nullable(questionStatus),
  reply_to_id: nullable(id),
  /** User ids mentioned in the content, resolved by the sender and checked by the backend. */
  mentions: array(id, { maxLength: 50 }),
  /** Goodwill points this message has earned through "This Helped!" awards. */
  helpful_points: nonNegativeInteger,
  created_at: timestamp,
  /** Set when the author last edited the content (within `limits.edit_window_ms` of `created_at`). */
  edited_at: optional(timestamp),
  /** The author deleted it: `content` is empty and `mentions` too; the row stays for its thread. */
  deleted: optional(literal(true)),
  /**
   * Hidden by moderation (enough reports, or a moderator's decision), pending review. Only its
   * author (with empty `content`, shown "Removed by a moderator") and the course's moderators
   * (with the content) ever receive a hidden message; everyone else never sees it.
   */
  hidden: optional(literal(true)),
});
export type ChatMessage = Infer<typeof chatMessage>;

export const awardReason = oneOf(['chat_help'] as const);
export type AwardReason = Infer<typeof awardReason>;

export const goodwillAward = object({
  id,
  from_user_id: id,
  to_user_id: id,
  points: positiveInteger,
  reason: awardReason,
  reference_id: id,
  created_at: timestamp,
});
export type GoodwillAward = Infer<typeof goodwillAward>;

export const roomLimits = object({
  max_message_length: positiveInteger,
  /** The backend refuses a user's sends closer together than this (anti-spam). */
  min_send_interval_ms: nonNegativeInteger,
  default_award_points: positiveInteger,
  max_award_points: positiveInteger,
  /** Below this balance the widget shows the Low Balance prompt. */
  low_balance_threshold: nonNegativeInteger,
  history_page_size: positiveInteger,
  /** The client sends `ping` at this interval and treats a silent socket as dead after two. */
  heartbeat_interval_ms: number({ integer: true, min: 1000 }),
  /** How long after sending the author may edit a message; deleting has no limit. */
  edit_window_ms: nonNegativeInteger,
  /** This many distinct people reporting a message hide it for everyone pending review. */
  report_hide_threshold: positiveInteger,
});
export type RoomLimits = Infer<typeof roomLimits>;

import {
  awardReason,
  chatMessage,
  clientId,
  goodwillAward,
  id,
  presentUser,
  roomLimits,
  timestamp,
  user,
} from './entities.js';
import {
  array,
  boolean,
  literal,
  nonNegativeInteger,
  number,
  object,
  oneOf,
  optional,
  positiveInteger,
  string,
  type Infer,
} from './schema.js';

/** Paths below the `api-base`, exactly as the page spec names them. */
export const paths = {
  room: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/room`,
  messages: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/messages`,
  markQuestion: (courseId: string, messageId: string) =>
    `/courses/${encodeURIComponent(courseId)}/chat/messages/${encodeURIComponent(messageId)}/question`,
  report: (courseId: string, messageId: string) =>
    `/courses/${encodeURIComponent(courseId)}/chat/messages/${encodeURIComponent(messageId)}/report`,
  message: (courseId: string, messageId: string) =>
    `/courses/${encodeURIComponent(courseId)}/chat/messages/${encodeURIComponent(messageId)}`,
  moderation: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/moderation`,
  reported: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/reports`,
  moderationDecisions: () => '/moderation/decisions',
  helpers: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/helpers`,
  read: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/read`,
  settings: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/settings`,
  myAwards: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/awards`,
  search: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/search`,
  award: () => '/goodwill/award',
  connect: () => '/chat/connect',
  devToken: () => '/dev/token',
  devFixtures: () => '/dev/fixtures',
  devAccess: () => '/dev/access',
} as const;

/** Route patterns for servers (`:name` segments), matching `paths`. */
export const routes = {
  room: '/courses/:courseId/chat/room',
  messages: '/courses/:courseId/chat/messages',
  markQuestion: '/courses/:courseId/chat/messages/:messageId/question',
  report: '/courses/:courseId/chat/messages/:messageId/report',
  message: '/courses/:courseId/chat/messages/:messageId',
  moderation: '/courses/:courseId/chat/moderation',
  reported: '/courses/:courseId/chat/reports',
  moderationDecisions: '/moderation/decisions',
  helpers: '/courses/:courseId/chat/helpers',
  read: '/courses/:courseId/chat/read',
  settings: '/courses/:courseId/chat/settings',
  myAwards: '/courses/:courseId/chat/awards',
  search: '/courses/:courseId/chat/search',
  award: '/goodwill/award',
  connect: '/chat/connect',
  devToken: '/dev/token',
  devFixtures: '/dev/fixtures',
  devAccess: '/dev/access',
} as const;

export type RouteName = keyof typeof routes;

/** Every REST endpoint as a route and its method; `connect` is the WebSocket upgrade. */
export type RestMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export const restEndpoints: ReadonlyArray<readonly [RouteName, RestMethod]> = [
  ['room', 'GET'],
  ['messages', 'GET'],
  ['messages', 'POST'],
  ['markQuestion', 'POST'],
  ['report', 'POST'],
  /** Edit (author, within `limits.edit_window_ms`): `editBody` → `messageResponse`. */
  ['message', 'PATCH'],
  /** Delete (author, any time) → `messageResponse` with the deleted message. */
  ['message', 'DELETE'],
  ['moderation', 'POST'],
  ['reported', 'GET'],
  ['moderationDecisions', 'POST'],
  ['helpers', 'GET'],
  ['read', 'POST'],
  ['settings', 'POST'],
  ['myAwards', 'GET'],
  ['search', 'GET'],
  ['award', 'POST'],
  ['devToken', 'POST'],
  ['devFixtures', 'POST'],
  ['devAccess', 'POST'],
];

/** One user's settings for one course's room, kept by the backend so they follow the user. */
export const roomSettings = object({
  /** No sound, no browser notification and no attention events for this room. */
  muted: boolean(),
  /** Browser notifications (opt-in) for a mention, an answer to one's question, points received. */
  notifications: boolean(),
});
export type RoomSettings = Infer<typeof roomSettings>;

/** Messages after the user's read marker, not their own and not ones they reported. */
export const unreadCounts = object({
  count: nonNegativeInteger,
  /** How many of them mention the user. */
  mentions: nonNegativeInteger,
});
export type UnreadCounts = Infer<typeof unreadCounts>;

/** `GET /courses/:id/chat/room`: everything the widget needs to render at once. */
export const roomResponse = object({
  room_id: id,
  /** Signed, short-lived, bound to this user and room; passed as `token` when connecting. */
  user_token: string({ minLength: 1, maxLength: 4096 }),
  token_expires_at: timestamp,
  course: object({ id, title: string({ minLength: 1, maxLength: 500 }) }),
  me: user,
  balance: nonNegativeInteger,
  limits: roomLimits,
  /** Highest seq stored in the room, 0 when it is empty. */
  last_seq: nonNegativeInteger,
  /** Highest seq this user has read (`POST .../read`), 0 before they read anything. */
  read_seq: nonNegativeInteger,
  unread: unreadCounts,
  settings: roomSettings,
  /** Present when this user moderates the course: Hide, Restore, Mute and the Reported queue. */
  moderator: optional(literal(true)),
  /** Present while a moderator has muted this user in the course: they read but cannot send. */
  muted_until: optional(timestamp),
});
export type RoomResponse = Infer<typeof roomResponse>;

/**
 * `GET /courses/:id/chat/messages` query. Without a cursor: the newest page. `before`: the page
 * just older than that seq. `after`: the oldest `limit` messages newer than that seq (resume).
 */
export interface HistoryQuery {
  before?: number;
  after?: number;
  limit?: number;
  /** `open`: only questions still waiting for an answer (the help queue), same paging rules. */
  questions?: 'open';
}

/** Messages always ascending by seq, whichever direction was asked. */
export const historyResponse = object({
  messages: array(chatMessage),
  /** More exist beyond this page in the direction asked. */
  has_more: boolean(),
});
export type HistoryResponse = Infer<typeof historyResponse>;

export const maxHistoryLimit = 200;

/** Largest REST body either backend reads, in characters: a socket frame's limit too. */
export const maxBodyLength = 64 * 1024;

export const sendMessageBody = object({
  client_id: clientId,
  /** Its length is checked after normalising (`content_too_long`), so the schema sets no maximum. */
  content: string({ minLength: 1 }),
  is_question: boolean(),
  reply_to_id: optional(id),
  mentions: optional(array(id, { maxLength: 50 })),
});
export type SendMessageBody = Infer<typeof sendMessageBody>;

/** 201 when stored now; 200 with the stored message when the `client_id` was seen before. */
export const messageResponse = object({ message: chatMessage });
export type MessageResponse = Infer<typeof messageResponse>;

export const helpersResponse = object({ helpers: array(presentUser) });
export type HelpersResponse = Infer<typeof helpersResponse>;

export const awardBody = object({
  recipient_id: id,
  /** Any number here: the rules refuse 0, -5 or 1.5 with `points_out_of_range` (`pointsInRange`). */
  points: number(),
  reason: awardReason,
  reference_id: id,
});
export type AwardBody = Infer<typeof awardBody>;

/**
 * 201 for a new award; 200 with the first award when this giver already awarded this message
 * (the request is then a no-op and `balance` is the giver's current balance).
 */
export const awardResponse = object({
  award: goodwillAward,
  balance: nonNegativeInteger,
  /** Total points the referenced message has earned. */
  message_points: nonNegativeInteger,
});
export type AwardResponse = Infer<typeof awardResponse>;

/** `POST /courses/:id/chat/read`: the user has read up to `seq`; the marker never moves back. */
export const readBody = object({ seq: nonNegativeInteger });
export type ReadBody = Infer<typeof readBody>;

export const readResponse = object({ read_seq: nonNegativeInteger, unread: unreadCounts });
export type ReadResponse = Infer<typeof readResponse>;

/** `POST /courses/:id/chat/settings`: changes the given settings, keeps the others. */
export const settingsBody = object({ muted: optional(boolean()), notifications: optional(boolean()) });
export type SettingsBody = Infer<typeof settingsBody>;

export const settingsResponse = object({ settings: roomSettings });
export type SettingsResponse = Infer<typeof settingsResponse>;

/** `GET /courses/:id/chat/awards`: the caller's own awards for messages of this course, oldest first. */
export const myAwardsResponse = object({ awards: array(goodwillAward) });
export type MyAwardsResponse = Infer<typeof myAwardsResponse>;

export const devTokenBody = object({ user_id: id, ttl_seconds: optional(positiveInteger) });
export const devTokenResponse = object({ token: string({ minLength: 1 }) });
export type DevTokenResponse = Infer<typeof devTokenResponse>;

/** `moderator`: course staff who moderate the room (and may read and write it), neither enrolled nor ST. */
export const fixtureRole = oneOf(['student', 'student_teacher', 'moderator', 'outsider'] as const);

/** `POST /dev/fixtures` (dev only): creates or replaces a course with its people. */
export const fixturesBody = object({
  course: object({ id, title: string({ minLength: 1, maxLength: 500 }) }),
  /** Defaults to true; false turns `course_chat` off for every user of this fixture. */
  feature_enabled: optional(boolean()),
  users: array(
    object({
      id,
      name: string({ minLength: 1, maxLength: 200 }),
      avatar_url: optional(string({ maxLength: 2048 })),
      role: fixtureRole,
      balance: nonNegativeInteger,
    }),
  ),
});
export type FixturesBody = Infer<typeof fixturesBody>;

/**
 * `POST /dev/access` (dev only): changes one user's access as the host would, without replacing
 * the course, so a test can revoke a connected user: `role` (enrolment or ST certification) in the
 * course, and `feature_enabled` (their `course_chat` flag).
 */
export const devAccessBody = object({
  course_id: id,
  user_id: id,
  role: optional(fixtureRole),
  feature_enabled: optional(boolean()),
});
export type DevAccessBody = Infer<typeof devAccessBody>;

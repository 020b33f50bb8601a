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
import { array, boolean, literal, number, object, oneOf, optional, string, type Infer } from './schema.js';

/** Paths below the `api-base`, exactly as the page spec names them. */
export const paths = {
  room: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/room`,
  messages: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/messages`,
  markQuestion: (courseId: string, messageId: string) =>
    `/courses/${encodeURIComponent(courseId)}/chat/messages/${encodeURIComponent(messageId)}/question`,
  report: (courseId: string, messageId: string) =>
    `/courses/${encodeURIComponent(courseId)}/chat/messages/${encodeURIComponent(messageId)}/report`,
  helpers: (courseId: string) => `/courses/${encodeURIComponent(courseId)}/chat/helpers`,
  award: () => '/goodwill/award',
  connect: () => '/chat/connect',
  devToken: () => '/dev/token',
  devFixtures: () => '/dev/fixtures',
} as const;

/** Route patterns for servers (`:name` segments), matching `paths`. */
export const routes = {
  room: '/courses/:courseId/chat/room',
  messages: '/courses/:courseId/chat/messages',
  markQuestion: '/courses/:courseId/chat/messages/:messageId/question',
  report: '/courses/:courseId/chat/messages/:messageId/report',
  helpers: '/courses/:courseId/chat/helpers',
  award: '/goodwill/award',
  connect: '/chat/connect',
  devToken: '/dev/token',
  devFixtures: '/dev/fixtures',
} as const;

export type RouteName = keyof typeof routes;

/** Every REST endpoint as a route and its method; `connect` is the WebSocket upgrade. */
export const restEndpoints: ReadonlyArray<readonly [RouteName, 'GET' | 'POST']> = [
  ['room', 'GET'],
  ['messages', 'GET'],
  ['messages', 'POST'],
  ['markQuestion', 'POST'],
  ['report', 'POST'],
  ['helpers', 'GET'],
  ['award', 'POST'],
  ['devToken', 'POST'],
  ['devFixtures', 'POST'],
];

/** `GET /courses/:id/chat/room`: everything the widget needs to render at once. */
export const roomResponse = object({
  room_id: id,
  /** Signed, short-lived, bound to this user and room; passed as `token` when connecting. */
  user_token: string({ minLength: 1, maxLength: 4096 }),
  token_expires_at: timestamp,
  course: object({ id, title: string({ minLength: 1, maxLength: 500 }) }),
  me: user,
  balance: number({ integer: true, min: 0 }),
  limits: roomLimits,
  /** Highest seq stored in the room, 0 when it is empty. */
  last_seq: number({ integer: true, min: 0 }),
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

export const sendMessageBody = object({
  client_id: clientId,
  content: string({ minLength: 1, maxLength: 20_000 }),
  is_question: boolean(),
  reply_to_id: optional(id),
  mentions: optional(array(id, { maxLength: 50 })),
});
export type SendMessageBody = Infer<typeof sendMessageBody>;

/** 201 when stored now; 200 with the stored message when the `client_id` was seen before. */
export const messageResponse = object({ message: chatMessage });
export type MessageResponse = Infer<typeof messageResponse>;

export const reportBody = object({ reason: optional(string({ maxLength: 500 })) });
export type ReportBody = Infer<typeof reportBody>;

export const reportResponse = object({ reported: literal(true) });
export type ReportResponse = Infer<typeof reportResponse>;

export const helpersResponse = object({ helpers: array(presentUser) });
export type HelpersResponse = Infer<typeof helpersResponse>;

export const awardBody = object({
  recipient_id: id,
  points: number({ integer: true, min: 1 }),
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
  balance: number({ integer: true, min: 0 }),
  /** Total points the referenced message has earned. */
  message_points: number({ integer: true, min: 0 }),
});
export type AwardResponse = Infer<typeof awardResponse>;

export const devTokenBody = object({ user_id: id, ttl_seconds: optional(number({ integer: true, min: 1 })) });
export const devTokenResponse = object({ token: string({ minLength: 1 }) });
export type DevTokenResponse = Infer<typeof devTokenResponse>;

export const fixtureRole = oneOf(['student', 'student_teacher', 'outsider'] as const);

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
      balance: number({ integer: true, min: 0 }),
    }),
  ),
});
export type FixturesBody = Infer<typeof fixturesBody>;

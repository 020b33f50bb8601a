import { chatMessage, clientId, goodwillAward, id, presentUser, timestamp } from './entities.js';
import { errorBody, type ErrorBody } from './errors.js';
import { maxBodyLength, sendMessageBody } from './rest.js';
import { array, boolean, nonNegativeInteger, nullable, object, optional, taggedUnion, type Infer } from './schema.js';

/** Frames the client sends over `WS /chat/connect`. */
export const clientFrame = taggedUnion({
  /** The same fields as `POST …/messages`' body. */
  message: sendMessageBody.shape,
  typing: {},
  /** The asker (or an ST) marks an answer as the one that helped: the question becomes answered. */
  mark_helpful: { message_id: id },
  /** The author turns an earlier message of theirs into a question. */
  mark_question: { message_id: id },
  /** A student-teacher's "Available to Help" switch. */
  set_available: { available: boolean() },
  ping: {},
});
export type ClientFrame = Infer<typeof clientFrame>;

/** Frames the server sends. */
export const serverFrame = taggedUnion({
  /** First frame after a successful connect. */
  hello: {
    user_id: id,
    last_seq: nonNegativeInteger,
  },
  message: { data: chatMessage },
  /** A stored message changed (became a question, was answered, earned points). */
  message_updated: { data: chatMessage },
  user_joined: { user: presentUser },
  user_left: { user_id: id },
  presence: { users: array(presentUser) },
  typing: { user_id: id },
  /** Broadcast to the room after an award commits. */
  award: {
    data: object({ award: goodwillAward, message_points: nonNegativeInteger }),
  },
  /** Sent to one user's own sockets when their balance changes. */
  balance: { balance: nonNegativeInteger },
  /** A frame from this socket was refused; the connection stays open. */
  error: { ...errorBody.shape.error.shape, client_id: optional(clientId) },
  pong: {},
  /**
   * Moderation hid a message. Everyone drops it but its author (who shows "Removed by a
   * moderator") and moderators (who keep it, marked hidden, to restore it).
   */
  message_hidden: { message_id: id },
  /** A moderator restored a hidden message: shown again to everyone, in its place by seq. */
  message_restored: { data: chatMessage },
  /** To the muted user's own sockets and to moderators: muted until `until`, or no longer (null). */
  muted: { user_id: id, until: nullable(timestamp) },
  /** To moderators only: a message's reports changed (a new one, or dismissed to 0). */
  reported: {
    message_id: id,
    report_count: nonNegativeInteger,
    hidden: boolean(),
  },
});
export type ServerFrame = Infer<typeof serverFrame>;

/**
 * The frames one socket message carries: the `frames` of a `{ type: "batch", frames }` message
 * (several server frames, handled in order as if each had come alone: the Worker's fan-out under
 * load, docs/protocol.md; a batch never holds a batch), or else the message itself. Each is still
 * to be validated as a `serverFrame` on its own, so one bad frame in a batch costs only itself.
 */
export function unbatch(json: unknown): unknown[] {
  const batch = json as { type?: unknown; frames?: unknown } | null;
  return batch?.type === 'batch' && Array.isArray(batch.frames) ? batch.frames : [json];
}

export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
export type ClientFrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

/** Largest frame either side accepts, in characters, before parsing it: the REST body limit. */
export const maxFrameLength = maxBodyLength;

/** The `error` frame refusing a client frame; a refused send carries its `client_id`. */
export function refusalFrame(error: ErrorBody['error'], clientId?: string): ServerFrameOf<'error'> {
  const { code, message, retry_after_ms } = error;
  return {
    type: 'error',
    code,
    message,
    ...(clientId === undefined ? {} : { client_id: clientId }),
    ...(retry_after_ms === undefined ? {} : { retry_after_ms }),
  };
}

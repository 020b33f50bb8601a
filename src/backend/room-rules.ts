/**
 * The rules of a room, written once for both backends (docs/protocol.md): what each write checks
 * and in which order, what it stores and which frames it fans out. Who may use the room at all is
 * decided before (`accessRefusal`); the storage and the sockets are behind room-store.ts.
 */
import {
  normaliseContent,
  textLength,
  type AwardBody,
  type AwardResponse,
  type ChatMessage,
  type GoodwillAward,
  type ReadResponse,
  type RoomSettings,
  type SendMessageBody,
  type SettingsBody,
  type User,
} from '../protocol/index.js';
import { pointsInRange } from './limits.js';
import { muteRefusal } from './moderation-rules.js';
import { done, fail, type Outcome } from './outcome.js';
import { refusals } from './refusals.js';
import { wait, type RoomContext, type RoomRecords, type Rule } from './room-store.js';
import { announceUpdate, visibleMessage } from './visibility.js';

/**
 * Why a user may not use a course's room, in the protocol's order (the course, then enrolment or
 * ST certification, then the `course_chat` flag), or null when they may.
 */
export function accessRefusal(found: {
  course: boolean;
  participant: boolean;
  enabled: boolean;
}): Outcome<never> | null {
  if (!found.course) return refusals.courseNotFound();
  if (!found.participant) return refusals.notEnrolled();
  if (!found.enabled) return refusals.featureDisabled();
  return null;
}

/**
 * Stores a message (201) or returns the one already stored under its `client_id` (200), which a
 * resend gets back whatever would refuse a new message. REST and the socket both come here.
 */
export function* sendMessage(room: RoomContext, author: User, body: SendMessageBody): Rule<Outcome<ChatMessage>> {
  const { records, live, now } = room;
  const content = normaliseContent(body.content);
  const replay = () => wait(records.messageByClientId(author.id, body.client_id));
  const refused = yield* sendRefusal(room, author.id, body, content);
  if (refused) {
    // The lookup is only needed now, or when the insert below finds the client_id taken.
    const stored = yield* replay();
    return stored ? done(stored) : refused;
  }
  const seq = (yield* wait(live.seq())) + 1;
  const message: ChatMessage = {
    id: records.newId('message'),
    seq,
    course_id: records.courseId,
    client_id: body.client_id,
    author,
    content,
    is_question: body.is_question,
    question_status: body.is_question ? 'open' : null,
    reply_to_id: body.reply_to_id ?? null,
    mentions: yield* wait(records.participantsAmong([...new Set(body.mentions ?? [])])),
    helpful_points: 0,
    created_at: new Date(now).toISOString(),
  };
  if (!(yield* wait(records.insertMessage(message)))) {
    const stored = yield* replay();
    if (!stored) throw new Error(`client_id ${body.client_id} is taken but its message is not found`);
    return done(stored);
  }
  live.accepted(author.id, seq, now);
  live.broadcast({ type: 'message', data: message });
  return done(message, 201);
}

/** Why a new message would be refused, in the order of docs/protocol.md, or null. */
function* sendRefusal(
  room: RoomContext,
  authorId: string,
  body: SendMessageBody,
  content: string,
): Rule<Outcome<never> | null> {
  const { records, live, limits, now } = room;
  const muted = yield* muteRefusal(room, authorId);
  if (muted) return muted;
  if (content.length === 0) return refusals.emptyMessage();
  if (textLength(content) > limits.max_message_length) return refusals.tooLong(limits.max_message_length);
  if (body.reply_to_id !== undefined && !(yield* wait(records.message(body.reply_to_id))))
    return refusals.replyToMissing();
  const last = live.lastAcceptedAt(authorId);
  if (last !== undefined && now - last < limits.min_send_interval_ms)
    return refusals.sendingTooFast(limits.min_send_interval_ms - (now - last));
  return null;
}

/** The author makes their message a question; a question already is one, unchanged. */
export function* markQuestion(room: RoomContext, userId: string, messageId: string): Rule<Outcome<ChatMessage>> {
  const message = yield* wait(room.records.message(messageId));
  if (!message) return refusals.messageNotFound();
  if (message.author.id !== userId) return refusals.notAuthorOfQuestion();
  if (!(yield* wait(room.records.markQuestion(messageId)))) return done(message);
  return done(yield* updated(room, messageId));
}

/** The asker or a certified ST marks a reply as the answer that helped: its question is answered. */
export function* markHelpful(room: RoomContext, user: User, messageId: string): Rule<Outcome<ChatMessage>> {
  const reply = yield* wait(room.records.message(messageId));
  if (!reply) return refusals.messageNotFound();
  const question = reply.reply_to_id === null ? null : yield* wait(room.records.message(reply.reply_to_id));
  if (!question?.is_question) return refusals.notReplyToQuestion();
  if (question.author.id !== user.id && !user.is_student_teacher) return refusals.notAskerNorStudentTeacher();
  return done(yield* answer(room, question));
}

/** "This Helped!": the rule order of docs/protocol.md, then one all-or-nothing commit. */
export function* award(room: RoomContext, giverId: string, body: AwardBody): Rule<Outcome<AwardResponse>> {
  const { records, live, limits } = room;
  const message = yield* visibleMessage(room, giverId, body.reference_id);
  if (!message) return refusals.messageNotFound();
  if (body.recipient_id !== message.author.id) return refusals.recipientMismatch();
  if (body.recipient_id === giverId) return refusals.selfAward();
  const repeat = yield* repeatedAward(records, giverId, body);
  if (repeat) return repeat;
  if (!pointsInRange(body.points, limits.max_award_points)) return refusals.pointsOutOfRange(limits.max_award_points);
  if (body.points > (yield* wait(records.balanceOf(giverId)))) return refusals.insufficientBalance();

  const given: GoodwillAward = {
    id: records.newId('award'),
    from_user_id: giverId,
    to_user_id: body.recipient_id,
    points: body.points,
    reason: body.reason,
    reference_id: body.reference_id,
    created_at: new Date(room.now).toISOString(),
  };
  // Another room may have spent the giver's points or recorded this award meanwhile.
  const committed = yield* wait(records.commitAward(given));
  if (committed === 'insufficient') return refusals.insufficientBalance();
  if (committed === 'duplicate')
    return (yield* repeatedAward(records, giverId, body)) ?? fail('internal', 'The award vanished.');

  const now = yield* updated(room, message.id, false);
  live.broadcast({ type: 'award', data: { award: given, message_points: now.helpful_points } });
  yield* announceUpdate(room, now);
  const giverBalance = yield* wait(records.balanceOf(giverId));
  const recipientBalance = yield* wait(records.balanceOf(body.recipient_id));
  live.toUser(giverId, { type: 'balance', balance: giverBalance });
  live.toUser(body.recipient_id, { type: 'balance', balance: recipientBalance });
  // Awarding a reply to one's own question says it helped, as marking it would.
  const question = message.reply_to_id === null ? null : yield* wait(records.message(message.reply_to_id));
  if (question?.is_question && question.author.id === giverId) yield* answer(room, question);
  return done({ award: given, balance: giverBalance, message_points: now.helpful_points }, 201);
}

/** The first award under the same key, answered again as it was (200); null when there is none. */
function* repeatedAward(records: RoomRecords, giverId: string, body: AwardBody): Rule<Outcome<AwardResponse> | null> {
  const first = yield* wait(records.awardOf(giverId, body.reason, body.reference_id));
  if (!first) return null;
  const message = yield* wait(records.message(body.reference_id));
  return done({
    award: first,
    balance: yield* wait(records.balanceOf(giverId)),
    message_points: message?.helpful_points ?? 0,
  });
}

/** Moves the read marker forward to `seq`: never back, never past the newest message. */
export function* markRead(records: RoomRecords, userId: string, seq: number): Rule<Outcome<ReadResponse>> {
  const readSeq = yield* wait(records.raiseReadSeq(userId, Math.min(seq, yield* wait(records.lastSeq()))));
  return done({ read_seq: readSeq, unread: yield* wait(records.unread(userId, readSeq)) });
}

/** Changes the given settings and keeps the others. */
export function* updateSettings(
  records: RoomRecords,
  userId: string,
  change: SettingsBody,
): Rule<Outcome<{ settings: RoomSettings }>> {
  const settings = yield* wait(
    records.updateSettings(userId, {
      ...(change.muted === undefined ? {} : { muted: change.muted }),
      ...(change.notifications === undefined ? {} : { notifications: change.notifications }),
    }),
  );
  return done({ settings });
}

/** An ST's "Available to Help" switch; everyone sees the new presence. */
export function setAvailable(room: RoomContext, user: User, available: boolean): Outcome<null> {
  if (!user.is_student_teacher) return refusals.notStudentTeacher();
  room.live.setAvailable(user.id, available);
  room.live.broadcast({ type: 'presence', users: room.live.present() });
  return done(null);
}

function* updated(room: RoomContext, messageId: string, announce = true): Rule<ChatMessage> {
  const message = yield* wait(room.records.message(messageId));
  if (!message) throw new Error(`message ${messageId} vanished while being updated`);
  if (announce) yield* announceUpdate(room, message);
  return message;
}

function* answer(room: RoomContext, question: ChatMessage): Rule<ChatMessage> {
  if (!(yield* wait(room.records.answerQuestion(question.id)))) return question;
  return yield* updated(room, question.id);
}

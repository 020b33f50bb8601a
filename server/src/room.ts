/**
 * One course's room: a Durable Object, so every write to the room passes through one place that
 * assigns `seq`, applies the rate limit and fans frames out in order. Sockets use the Hibernation
 * API, so an idle room costs nothing; who is connected lives in each socket's attachment
 * (sockets.ts), and an alarm re-checks their access while anyone is connected (access.ts).
 */
import { DurableObject } from 'cloudflare:workers';
import {
  accessCloseCode,
  closeCodes,
  defaultLimits,
  done,
  fail,
  FrameThrottle,
  maxSocketsPerUser,
  normaliseContent,
  parseClientFrame,
  pointsInRange,
  refusalFrame,
  textLength,
  tooFast,
  type AwardBody,
  type AwardResponse,
  type ChatMessage,
  type ClientFrame,
  type Outcome,
  type PresentUser,
  type SendMessageBody,
  type User,
} from '../../src/protocol/index.js';
import { AccessGuard, recheckIntervalMs, refuseSocket } from './access.js';
import { Database } from './db.js';
import type { Env } from './env.js';
import { RoomSockets, type Attachment } from './sockets.js';

/** Headers the Worker sets when it hands over an upgrade it has already authorised. */
export const handoverHeaders = {
  user: 'x-course-chat-user',
  course: 'x-course-chat-course',
  /** When the socket's `user_token` expires, in ms since the epoch. */
  expires: 'x-course-chat-expires',
} as const;

// Exactly the frame the client sends, so the runtime answers heartbeats without waking the room.
const pingFrame = JSON.stringify({ type: 'ping' });
const pongFrame = JSON.stringify({ type: 'pong' });

export class ChatRoom extends DurableObject<Env> {
  readonly #db: Database;
  readonly #sockets: RoomSockets;
  readonly #access: AccessGuard;
  /** Each socket's budget of typing and availability frames, by `socketId`. */
  readonly #throttles = new Map<string, FrameThrottle>();
  /** Highest seq stored; read from D1 once per wake-up, then kept here. */
  #seq: number | null = null;
  /** A user's last accepted message, for the rate limit. Losing it on hibernation is harmless: a
   * room only hibernates after seconds of quiet, longer than the interval. */
  readonly #lastAcceptedAt = new Map<string, number>();
  /** Writes run one after another, so seq order, D1 order and broadcast order are one order. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#db = new Database(env.DB, env.COURSE_CHAT_DEFAULT !== 'off');
    this.#sockets = new RoomSockets(ctx);
    this.#access = new AccessGuard(ctx.storage, this.#sockets, this.#db, recheckIntervalMs(env));
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(pingFrame, pongFrame));
  }

  #exclusive<T>(write: () => Promise<T>): Promise<T> {
    const result = this.#writes.then(write);
    this.#writes = result.catch(() => undefined);
    return result;
  }

  async #lastSeq(courseId: string): Promise<number> {
    this.#seq ??= await this.#db.lastSeq(courseId);
    return this.#seq;
  }

  // ---- operations the Worker calls after authorising the caller ---------------------------

  /** Stores a message (201) or returns the one already stored under its `client_id` (200). */
  send(courseId: string, author: User, body: SendMessageBody): Promise<Outcome<ChatMessage>> {
    return this.#exclusive(async () => {
      const now = Date.now();
      const content = normaliseContent(body.content);
      const refused = await this.#refusal(courseId, author.id, body, content, now);
      // A resend of a stored message gets that message back, whatever would refuse a new one; the
      // lookup is only needed then, or when the insert below finds the client_id taken.
      const replay = () => this.#db.messageByClientId(courseId, author.id, body.client_id);
      if (refused) {
        const stored = await replay();
        return stored ? done(stored) : refused;
      }
      const seq = (await this.#lastSeq(courseId)) + 1;
      const message: ChatMessage = {
        id: crypto.randomUUID(),
        seq,
        course_id: courseId,
        client_id: body.client_id,
        author,
        content,
        is_question: body.is_question,
        question_status: body.is_question ? 'open' : null,
        reply_to_id: body.reply_to_id ?? null,
        mentions: await this.#db.participantsAmong(courseId, [...new Set(body.mentions ?? [])]),
        helpful_points: 0,
        created_at: new Date(now).toISOString(),
      };
      if (!(await this.#db.insertMessage(message))) {
        const stored = await replay();
        if (!stored) throw new Error(`client_id ${body.client_id} is taken but its message is not found`);
        return done(stored);
      }
      this.#seq = seq;
      this.#lastAcceptedAt.set(author.id, now);
      this.#sockets.broadcast({ type: 'message', data: message });
      return done(message, 201);
    });
  }

  /** Why a new message would be refused, in the order of docs/protocol.md, or null. */
  async #refusal(
    courseId: string,
    authorId: string,
    body: SendMessageBody,
    content: string,
    now: number,
  ): Promise<Outcome<never> | null> {
    if (content.length === 0) return fail('invalid_request', 'The message is empty.');
    if (textLength(content) > defaultLimits.max_message_length)
      return fail('content_too_long', `At most ${defaultLimits.max_message_length} characters.`);
    if (body.reply_to_id !== undefined && !(await this.#db.message(courseId, body.reply_to_id)))
      return fail('message_not_found', 'The message replied to does not exist in this room.');
    const last = this.#lastAcceptedAt.get(authorId);
    if (last !== undefined && now - last < defaultLimits.min_send_interval_ms)
      return fail('rate_limited', 'You are sending too fast.', defaultLimits.min_send_interval_ms - (now - last));
    return null;
  }

  markQuestion(courseId: string, userId: string, messageId: string): Promise<Outcome<ChatMessage>> {
    return this.#exclusive(async () => {
      const message = await this.#db.message(courseId, messageId);
      if (!message) return fail('message_not_found', 'No such message.');
      if (message.author.id !== userId) return fail('not_author', 'Only the author may mark a message as a question.');
      if (!(await this.#db.markQuestion(messageId))) return done(message);
      return done(await this.#updated(courseId, messageId));
    });
  }

  /** The asker or a certified ST marks a reply as the answer that helped. */
  markHelpful(courseId: string, user: User, messageId: string): Promise<Outcome<ChatMessage>> {
    return this.#exclusive(async () => {
      const reply = await this.#db.message(courseId, messageId);
      if (!reply) return fail('message_not_found', 'No such message.');
      const question = reply.reply_to_id === null ? null : await this.#db.message(courseId, reply.reply_to_id);
      if (!question?.is_question) return fail('invalid_request', 'Only a reply to a question can be marked helpful.');
      if (question.author.id !== user.id && !user.is_student_teacher)
        return fail('not_author', 'Only the asker or a student-teacher may mark the answer.');
      return done(await this.#answer(courseId, question));
    });
  }

  /** "This Helped!": the rule order of docs/protocol.md, then one D1 transaction. */
  award(courseId: string, giverId: string, body: AwardBody): Promise<Outcome<AwardResponse>> {
    return this.#exclusive(async () => {
      const message = await this.#db.message(courseId, body.reference_id);
      if (!message) return fail('message_not_found', 'No such message.');
      if (body.recipient_id !== message.author.id)
        return fail('recipient_mismatch', 'The recipient is not the author of the message.');
      if (body.recipient_id === giverId) return fail('self_award', 'You cannot award your own message.');
      const repeat = await this.#repeatedAward(courseId, giverId, body);
      if (repeat) return repeat;
      if (!pointsInRange(body.points, defaultLimits.max_award_points))
        return fail('points_out_of_range', `Points must be 1 to ${defaultLimits.max_award_points}.`);
      if (body.points > (await this.#db.balanceOf(giverId))) return fail('insufficient_balance', 'Not enough points.');

      const award = {
        id: crypto.randomUUID(),
        from_user_id: giverId,
        to_user_id: body.recipient_id,
        points: body.points,
        reason: body.reason,
        reference_id: body.reference_id,
        created_at: new Date().toISOString(),
      };
      // Another room may have spent the giver's points or recorded this award meanwhile; the
      // transaction, not the checks above, is what decides.
      const committed = await this.#db.commitAward(award);
      if (committed === 'insufficient') return fail('insufficient_balance', 'Not enough points.');
      if (committed === 'duplicate')
        return (await this.#repeatedAward(courseId, giverId, body)) ?? fail('internal', '');

      const updated = await this.#updated(courseId, message.id, false);
      this.#sockets.broadcast({ type: 'award', data: { award, message_points: updated.helpful_points } });
      this.#sockets.broadcast({ type: 'message_updated', data: updated });
      const [giverBalance, recipientBalance] = await Promise.all([
        this.#db.balanceOf(giverId),
        this.#db.balanceOf(body.recipient_id),
      ]);
      this.#sockets.toUser(giverId, { type: 'balance', balance: giverBalance });
      this.#sockets.toUser(body.recipient_id, { type: 'balance', balance: recipientBalance });
      const question = message.reply_to_id === null ? null : await this.#db.message(courseId, message.reply_to_id);
      if (question?.is_question && question.author.id === giverId) await this.#answer(courseId, question);
      return done({ award, balance: giverBalance, message_points: updated.helpful_points }, 201);
    });
  }

  async #repeatedAward(courseId: string, giverId: string, body: AwardBody): Promise<Outcome<AwardResponse> | null> {
    const first = await this.#db.awardOf(giverId, body.reason, body.reference_id);
    if (!first) return null;
    const message = await this.#db.message(courseId, body.reference_id);
    return done({
      award: first,
      balance: await this.#db.balanceOf(giverId),
      message_points: message?.helpful_points ?? 0,
    });
  }

  /** The course's STs connected now, with their "Available to Help" switch. */
  helpers(): PresentUser[] {
    return this.#sockets.present().filter((present) => present.is_student_teacher);
  }

  /** The course was replaced (dev fixtures): everyone leaves, and seq is read again. */
  reset(): Promise<void> {
    return this.#exclusive(async () => {
      this.#sockets.close(this.ctx.getWebSockets(), closeCodes.notFound, 'room replaced');
      this.#seq = null;
      this.#lastAcceptedAt.clear();
    });
  }

  /** The host revoked a user's access (admin.ts): their sockets close now, not at the next re-check. */
  revoke(userId: string): number {
    const sockets = this.#sockets.open(userId);
    this.#sockets.close(sockets, closeCodes.forbidden, 'access revoked');
    return sockets.length;
  }

  // ---- WebSocket --------------------------------------------------------------------------

  /** Accepts an upgrade the Worker has authorised; its headers carry the user and the course. */
  override async fetch(request: Request): Promise<Response> {
    const user = JSON.parse(request.headers.get(handoverHeaders.user) ?? 'null') as User | null;
    const courseId = request.headers.get(handoverHeaders.course);
    const expiresAt = Number(request.headers.get(handoverHeaders.expires));
    if (!user || !courseId || !expiresAt) return new Response('Not an authorised upgrade.', { status: 400 });
    const others = this.#sockets.open(user.id);
    if (others.length >= maxSocketsPerUser)
      return refuseSocket(closeCodes.tooManySockets, `At most ${maxSocketsPerUser} connections per user.`);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const attachment: Attachment = {
      socketId: crypto.randomUUID(),
      courseId,
      user,
      available: others.some((socket) => this.#sockets.attachment(socket)?.available),
      expiresAt,
    };
    this.ctx.acceptWebSocket(server, [user.id]);
    server.serializeAttachment(attachment);
    server.send(JSON.stringify({ type: 'hello', user_id: user.id, last_seq: await this.#lastSeq(courseId) }));
    server.send(JSON.stringify({ type: 'presence', users: this.#sockets.present() }));
    if (others.length === 0)
      this.#sockets.broadcast({ type: 'user_joined', user: { ...user, available: attachment.available } }, user.id);
    await this.#access.schedule();
    return new Response(null, { status: 101, webSocket: client });
  }

  override async alarm(): Promise<void> {
    await this.#access.recheck();
  }

  override async webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const attachment = this.#sockets.attachment(socket);
    if (!attachment) return;
    // Every frame is a write or asks for one: none is taken on an expired token.
    if (attachment.expiresAt <= Date.now())
      return this.#sockets.close([socket], accessCloseCode('token_expired'), 'token expired');
    const frame = parseClientFrame(data);
    if (frame.ok) await this.#onFrame(socket, attachment, frame.value);
    else this.#sockets.send(socket, refusalFrame(frame.error));
  }

  async #onFrame(socket: WebSocket, { socketId, courseId, user }: Attachment, frame: ClientFrame): Promise<void> {
    const refuse = (outcome: Outcome<unknown>, clientId?: string) => {
      if (!outcome.ok) this.#sockets.send(socket, refusalFrame(outcome.error, clientId));
    };
    if (frame.type === 'ping') return this.#sockets.send(socket, { type: 'pong' });
    if (frame.type === 'typing' || frame.type === 'set_available') {
      let throttle = this.#throttles.get(socketId);
      if (!throttle) this.#throttles.set(socketId, (throttle = new FrameThrottle()));
      const wait = throttle.take(frame.type, Date.now());
      if (wait > 0) return frame.type === 'typing' ? undefined : refuse(tooFast(wait));
    }
    if (frame.type === 'typing') return this.#sockets.broadcast({ type: 'typing', user_id: user.id }, user.id);
    // A write is checked against the course as it is now: access may have ended since connecting,
    // and then the user's sockets close at once rather than at the next re-check.
    const access = await this.#db.access(user.id, courseId);
    if (!access.ok)
      return this.#sockets.close(this.#sockets.open(user.id), accessCloseCode(access.error.code), access.error.message);
    const { me } = access.value;
    switch (frame.type) {
      case 'message': {
        const { type, ...body } = frame;
        const outcome = await this.send(courseId, me, body);
        // A replay stores and broadcasts nothing, but the sender still needs its acknowledgement.
        if (outcome.ok && outcome.status === 200) this.#sockets.send(socket, { type: 'message', data: outcome.value });
        return refuse(outcome, frame.client_id);
      }
      case 'mark_helpful':
        return refuse(await this.markHelpful(courseId, me, frame.message_id));
      case 'mark_question':
        return refuse(await this.markQuestion(courseId, me.id, frame.message_id));
      case 'set_available':
        return refuse(this.#setAvailable(me, frame.available));
    }
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    this.#leave(socket);
    // Completes the closing handshake; without it the client waits for its close timeout.
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed by the runtime.
    }
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    this.#leave(socket);
  }

  #leave(socket: WebSocket): void {
    const attachment = this.#sockets.attachment(socket);
    if (!attachment) return;
    this.#throttles.delete(attachment.socketId);
    const userId = attachment.user.id;
    if (this.#sockets.open(userId).some((other) => other !== socket)) return;
    this.#sockets.broadcast({ type: 'user_left', user_id: userId });
  }

  #setAvailable(user: User, available: boolean): Outcome<null> {
    if (!user.is_student_teacher)
      return fail('not_student_teacher', 'Only a student-teacher can be available to help.');
    for (const socket of this.#sockets.open(user.id)) {
      const attachment = this.#sockets.attachment(socket);
      if (attachment) socket.serializeAttachment({ ...attachment, available });
    }
    this.#sockets.broadcast({ type: 'presence', users: this.#sockets.present() });
    return done(null);
  }

  // ---- helpers ----------------------------------------------------------------------------

  async #updated(courseId: string, messageId: string, announce = true): Promise<ChatMessage> {
    const message = await this.#db.message(courseId, messageId);
    if (!message) throw new Error(`message ${messageId} vanished while being updated`);
    if (announce) this.#sockets.broadcast({ type: 'message_updated', data: message });
    return message;
  }

  async #answer(courseId: string, question: ChatMessage): Promise<ChatMessage> {
    if (!(await this.#db.answerQuestion(question.id))) return question;
    return this.#updated(courseId, question.id);
  }
}

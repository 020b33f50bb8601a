/**
 * One course's room: a Durable Object, so every write to the room passes through one place that
 * assigns `seq`, applies the rate limit and fans frames out in order. Sockets use the Hibernation
 * API, so an idle room costs nothing; who is connected lives in each socket's attachment
 * (sockets.ts), and an alarm re-checks their access while anyone is connected (access.ts). Its
 * messages are written to its own SQLite log and go on to D1 in batches (room-log.ts).
 */
import { DurableObject } from 'cloudflare:workers';
import {
  answerFrame,
  applySignedDecision,
  award,
  deleteMessage,
  editMessage,
  FrameThrottle,
  markQuestion,
  moderate,
  parseClientFrame,
  report,
  reportedMessages,
  roomLimitsFromVariables,
  runAwaiting,
  sendMessage,
  socketLimitClose,
  type Outcome,
  type RoomContext,
  type RoomLive,
  type Rule,
  welcome,
} from '../../src/backend/index.js';
import {
  accessCloseCode,
  closeCodes,
  refusalFrame,
  type AwardBody,
  type AwardResponse,
  type ChatMessage,
  type DecisionResponse,
  type EditBody,
  type ReportBody,
  type ReportedResponse,
  type ReportResponse,
  type RoomDecisionBody,
  type SignedDecisionBody,
  type PresentUser,
  type RoomLimits,
  type SendMessageBody,
  type ServerFrame,
  type User,
} from '../../src/protocol/index.js';
import { AccessGuard, recheckIntervalMs, refuseSocket } from './access.js';
import { AlarmClock } from './alarm-clock.js';
import { fanOutMsPerSocket } from './fan-out.js';
import { Database, type CourseAccess } from './db.js';
import type { Env } from './env.js';
import { ModerationDatabase } from './moderation-db.js';
import { ModqOutbox } from './modq-outbox.js';
import { RoomLog } from './room-log.js';
import { D1RoomRecords } from './room-records.js';
import { RoomSockets, upgraded, type Attachment } from './sockets.js';

/** Headers the Worker sets when it hands over an upgrade it has already authorised. */
export const handoverHeaders = {
  user: 'x-course-chat-user',
  course: 'x-course-chat-course',
  /** When the socket's `user_token` expires, in ms since the epoch. */
  expires: 'x-course-chat-expires',
  /** Until when a moderator muted the user in the course (ISO), or empty. */
  mutedUntil: 'x-course-chat-muted-until',
} as const;

// Exactly the frame the client sends, so the runtime answers heartbeats without waking the room.
const pingFrame = JSON.stringify({ type: 'ping' });
const pongFrame = JSON.stringify({ type: 'pong' });
/** How long after a failed batch to D1 the alarm tries again. */
const flushRetryMs = 5000;

export class ChatRoom extends DurableObject<Env> {
  readonly #db: Database;
  readonly #log: RoomLog;
  readonly #clock: AlarmClock;
  /** New reports on their way to the MODQ queue. */
  readonly #outbox: ModqOutbox;
  /** LOG_FLUSH_MS: 0 sends each batch to D1 at once, more leaves it to the alarm. */
  readonly #flushDelayMs: number;
  readonly #sockets: RoomSockets;
  readonly #access: AccessGuard;
  /** This deployment's limits (wrangler vars), read once per object. */
  readonly #limits: RoomLimits;
  /** Each socket's budget of typing and availability frames, by `socketId`. */
  readonly #throttles = new Map<string, FrameThrottle>();
  /** Highest seq stored; read from the log once per wake-up (from D1 if it is empty), then kept here. */
  #seq: number | null = null;
  /** A user's last accepted message, for the rate limit. Losing it on hibernation is harmless: a
   * room only hibernates after seconds of quiet, longer than the interval. */
  readonly #lastAcceptedAt = new Map<string, number>();
  /** Writes run one after another, so seq order, D1 order and broadcast order are one order. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#db = new Database(env.DB, env.COURSE_CHAT_DEFAULT !== 'off');
    this.#log = new RoomLog(ctx.storage.sql, this.#db);
    this.#clock = new AlarmClock(ctx.storage);
    this.#outbox = new ModqOutbox(ctx, env, this.#clock);
    this.#flushDelayMs = Math.max(0, Number(env.LOG_FLUSH_MS ?? 0) || 0);
    this.#sockets = new RoomSockets(ctx, fanOutMsPerSocket(env));
    this.#access = new AccessGuard(ctx.storage, this.#clock, this.#sockets, this.#db, recheckIntervalMs(env));
    this.#limits = roomLimitsFromVariables(env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(pingFrame, pongFrame));
  }

  #exclusive<T>(write: () => Promise<T>): Promise<T> {
    const result = this.#writes.then(write);
    this.#writes = result.catch(() => undefined);
    return result;
  }

  async #lastSeq(courseId: string): Promise<number> {
    this.#seq ??= this.#log.lastSeq() || (await this.#db.lastSeq(courseId));
    return this.#seq;
  }

  /**
   * New messages are in the log: they go on to D1 after LOG_FLUSH_MS (`atOnce`, or with no delay
   * set, now), and the alarm is set first, so a crash or a failed batch leaves them to be sent
   * again rather than lost to D1.
   */
  async #written(atOnce = false): Promise<void> {
    if (this.#flushDelayMs > 0 && !atOnce) return this.#clock.wake(Date.now() + this.#flushDelayMs);
    await this.#clock.wake(Date.now() + flushRetryMs);
    await this.flush().catch(() => undefined);
  }

  /** Every message written so far is in D1 once this resolves; reads of D1 for the room wait on it. */
  flush(): Promise<void> {
    return this.#log.flush();
  }

  /** The room as the shared rules see it: records in D1, the rest in this object. */
  #context(courseId: string): RoomContext {
    const live: RoomLive = {
      seq: () => this.#lastSeq(courseId),
      lastAcceptedAt: (userId) => this.#lastAcceptedAt.get(userId),
      accepted: (userId, seq, at) => {
        this.#seq = seq;
        this.#lastAcceptedAt.set(userId, at);
      },
      setAvailable: (userId, available) => this.#sockets.setAvailable(userId, available),
      present: () => this.#sockets.present(),
      broadcast: (frame, exceptUserId) => this.#sockets.broadcast(frame, exceptUserId),
      toUser: (userId, frame) => this.#sockets.toUser(userId, frame),
      mutedUntil: (userId) => this.#access.mutedUntil(userId, courseId),
      setMutedUntil: (userId, until) => this.#access.setMutedUntil(userId, until),
    };
    const moderation = new ModerationDatabase(this.env.DB, courseId);
    const records = new D1RoomRecords(this.#db, courseId, { log: this.#log, moderation, outbox: this.#outbox });
    return { records, live, limits: this.#limits, now: Date.now() };
  }

  // ---- operations the Worker calls after authorising the caller ---------------------------

  /**
   * Stores a message (201) or returns the one already stored under its `client_id` (200). A REST
   * send is answered once its message is in D1 too, so the award and history requests that
   * follow it find it wherever they look.
   */
  async send(courseId: string, access: CourseAccess, body: SendMessageBody): Promise<Outcome<ChatMessage>> {
    this.#access.admitted(access);
    const sent = await this.#exclusive(() => runAwaiting(sendMessage(this.#context(courseId), access.me, body)));
    if (sent.ok && sent.status === 201) await this.#written(true);
    return sent;
  }

  /**
   * A rule that reads or changes messages in D1 (questions, points, moderation), in the order of
   * the room's writes, once the room's log is flushed: D1 is then authoritative for every message.
   */
  #inD1<T>(courseId: string, rule: (room: RoomContext) => Rule<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.flush();
      return runAwaiting(rule(this.#context(courseId)));
    });
  }

  markQuestion(courseId: string, userId: string, messageId: string): Promise<Outcome<ChatMessage>> {
    return this.#inD1(courseId, (room) => markQuestion(room, userId, messageId));
  }

  /** "This Helped!", in the order of the writes to this room. */
  award(courseId: string, giverId: string, body: AwardBody): Promise<Outcome<AwardResponse>> {
    return this.#inD1(courseId, (room) => award(room, giverId, body));
  }

  /** Moderation (src/backend/moderation-rules.ts); an edit, as a send, writes as the user now is. */
  report(courseId: string, userId: string, messageId: string, body: ReportBody): Promise<Outcome<ReportResponse>> {
    return this.#inD1(courseId, (room) => report(room, userId, messageId, body));
  }

  edit(courseId: string, access: CourseAccess, messageId: string, body: EditBody): Promise<Outcome<ChatMessage>> {
    this.#access.admitted(access);
    return this.#inD1(courseId, (room) => editMessage(room, access.me.id, messageId, body));
  }

  deleteMessage(courseId: string, userId: string, messageId: string): Promise<Outcome<ChatMessage>> {
    return this.#inD1(courseId, (room) => deleteMessage(room, userId, messageId));
  }

  reported(courseId: string, userId: string): Promise<Outcome<ReportedResponse>> {
    return this.#inD1(courseId, (room) => reportedMessages(room, userId));
  }

  moderate(courseId: string, userId: string, decision: RoomDecisionBody): Promise<Outcome<DecisionResponse>> {
    return this.#inD1(courseId, (room) => moderate(room, userId, decision));
  }

  /** A decision MODQ signed, its signature checked by the Worker (decisions.ts). */
  decide(body: SignedDecisionBody): Promise<Outcome<DecisionResponse>> {
    return this.#inD1(body.course_id, (room) => applySignedDecision(room, body));
  }

  /** The course's STs connected now, with their "Available to Help" switch. */
  helpers(): PresentUser[] {
    return this.#sockets.present().filter((present) => present.is_student_teacher);
  }

  /** The course was replaced (dev fixtures): everyone leaves, and seq is read again. */
  reset(): Promise<void> {
    return this.#exclusive(async () => {
      this.#sockets.close(this.ctx.getWebSockets(), closeCodes.notFound, 'room replaced');
      this.#log.clear();
      this.#access.forgetEveryone();
      this.#seq = null;
      this.#lastAcceptedAt.clear();
    });
  }

  /** The host revoked a user's access (admin.ts): their sockets close now, not at the next re-check. */
  revoke(userId: string): number {
    this.#access.forget(userId);
    const sockets = this.#sockets.open(userId);
    this.#sockets.close(sockets, closeCodes.forbidden, 'access revoked');
    return sockets.length;
  }

  /** The host changed the user's access (/dev/access): their next write reads it again. */
  accessChanged(userId: string): void {
    this.#access.forget(userId);
  }

  // ---- WebSocket --------------------------------------------------------------------------

  /** Accepts an upgrade the Worker has authorised; its headers carry the user and the course. */
  override async fetch(request: Request): Promise<Response> {
    const user = JSON.parse(request.headers.get(handoverHeaders.user) ?? 'null') as User | null;
    const mutedUntil = request.headers.get(handoverHeaders.mutedUntil) || null;
    const courseId = request.headers.get(handoverHeaders.course);
    const expiresAt = Number(request.headers.get(handoverHeaders.expires));
    if (!user || !courseId || !expiresAt) return new Response('Not an authorised upgrade.', { status: 400 });
    const others = this.#sockets.open(user.id);
    const limit = socketLimitClose(others.length);
    if (limit) return refuseSocket(limit.code, limit.reason);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const attachment: Attachment = {
      socketId: crypto.randomUUID(),
      courseId,
      user,
      available: others.some((socket) => this.#sockets.attachment(socket)?.available),
      expiresAt,
    };
    this.#sockets.accept(server, attachment);
    this.#access.admitted({ me: user, mutedUntil });
    const present = { ...user, available: attachment.available };
    const reply = (frame: ServerFrame) => this.#sockets.send(server, frame);
    await runAwaiting(welcome(this.#context(courseId), present, others.length === 0, reply));
    await this.#access.schedule();
    return upgraded(client);
  }

  override async alarm(): Promise<void> {
    this.#clock.rang();
    try {
      await this.flush();
    } catch (error) {
      console.error('course-chat: a batch of messages to D1 failed; the alarm tries again', error);
      await this.#clock.wake(Date.now() + flushRetryMs);
    }
    await this.#outbox.resend((courseId, rule) => this.#inD1(courseId, rule));
    await this.#access.onAlarm();
  }

  override async webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const attachment = this.#sockets.attachment(socket);
    if (!attachment) return;
    // Every frame is a write or asks for one: none is taken on an expired token.
    if (attachment.expiresAt <= Date.now())
      return this.#sockets.close([socket], accessCloseCode('token_expired'), 'token expired');
    const frame = parseClientFrame(data);
    if (!frame.ok) return this.#sockets.send(socket, refusalFrame(frame.error));
    const { socketId, courseId, user } = attachment;
    let throttle = this.#throttles.get(socketId);
    if (!throttle) this.#throttles.set(socketId, (throttle = new FrameThrottle()));
    const source = {
      userId: user.id,
      throttle,
      reply: (answer: ServerFrame) => this.#sockets.send(socket, answer),
      writer: () => this.#access.writer(user.id, courseId),
    };
    const run = () => runAwaiting(answerFrame(this.#context(courseId), source, frame.value));
    // Writes go through the room's one queue, as REST writes do; typing and ping write nothing,
    // so they need not wait behind them.
    const writesNothing = frame.value.type === 'typing' || frame.value.type === 'ping';
    if (writesNothing) return run();
    // A new message needs nothing of D1; a question or an answer changes a message there.
    const sends = frame.value.type === 'message';
    const seqBefore = this.#seq;
    await this.#exclusive(async () => {
      if (!sends) await this.flush();
      await run();
    });
    if (sends && this.#seq !== seqBefore) await this.#written();
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
}

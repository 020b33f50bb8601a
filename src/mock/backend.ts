import {
  answerFrame,
  award,
  done,
  markHelpful,
  markQuestion,
  markRead,
  refusals,
  roomLimitsWith,
  runNow,
  sendMessage,
  socketLimitClose,
  updateSettings,
  userTokenExpiry,
  welcome,
  type Outcome,
  type RoomContext,
  type Rule,
} from '../backend/index.js';
import {
  accessCloseCode,
  maxHistoryLimit,
  type AwardBody,
  type AwardResponse,
  type ChatMessage,
  type ClientFrame,
  type DevAccessBody,
  type FixturesBody,
  type GoodwillAward,
  type HistoryQuery,
  type HistoryResponse,
  type PresentUser,
  type ReadResponse,
  type RoomLimits,
  type RoomResponse,
  type RoomSettings,
  type SendMessageBody,
  type SettingsBody,
  type User,
} from '../protocol/index.js';
import { Faults, type RouteName } from './faults.js';
import { accessTo, applyFixtures, changeAccess, closeIfRefused } from './host-access.js';
import { MockTables, type MemoryRoom } from './memory-room.js';
import { answerRequest, type ApiRequest, type ApiResponse } from './mock-rest.js';
import { MockModeration } from './moderation.js';
import { MockSocket, type SocketSink } from './mock-socket.js';
import { MockTokens, type Caller } from './tokens.js';

export type { RouteName } from './faults.js';
export type { Role } from './memory-room.js';
export type { ApiRequest, ApiResponse } from './mock-rest.js';
export { MockSocket, type SocketSink } from './mock-socket.js';

export interface MockBackendOptions {
  /** HS256 secret shared with the host (bearer tokens) and used for `user_token`s. */
  secret?: string;
  /** Milliseconds since the epoch; injected so tests control time (tokens, rate limit, stamps). */
  now?: () => number;
  /** Limits other than the protocol's defaults, as a Worker's variables would set them. */
  limits?: Partial<RoomLimits>;
  /** Whether `/dev/token` and `/dev/fixtures` answer (404 otherwise, as in production). */
  dev?: boolean;
  /** The secret MODQ signs its decisions with (the Worker's `MODQ_SECRET`). */
  modqSecret?: string;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The protocol of docs/protocol.md over in-memory state: the room rules of src/backend (which the
 * Worker runs too) over `MemoryRoom`s, so the conformance suite can hold both to the same rules.
 * It knows nothing about msw; `handlers.ts` adapts it to HTTP and WebSocket, and tests may drive
 * it directly.
 */
export class MockBackend {
  readonly secret: string;
  readonly limits: RoomLimits;
  readonly dev: boolean;
  readonly faults: Faults;
  readonly now: () => number;
  /** Reports, edits, deletions and decisions; what MODQ would have been sent (`modqSent()`). */
  readonly moderation: MockModeration;

  readonly #tables = new MockTables();
  readonly #tokens: MockTokens;
  #pinnedNow: number | null = null;

  constructor(options: MockBackendOptions = {}) {
    this.secret = options.secret ?? 'course-chat-mock-secret';
    this.limits = roomLimitsWith(options.limits);
    this.dev = options.dev ?? true;
    const clock = options.now ?? Date.now;
    this.now = () => this.#pinnedNow ?? clock();
    this.faults = new Faults({
      now: () => this.now(),
      dropSockets: (code, reason, userId) => this.#dropSockets(code, reason, userId),
      sendRaw: (userId, data) => {
        for (const socket of this.#socketsOf(userId)) socket.deliverRaw(data);
      },
    });
    this.#tokens = new MockTokens(this.secret, this.now, this.faults);
    const host = {
      apply: <T>(userId: string, courseId: string, rule: (room: RoomContext) => Rule<Outcome<T>>) =>
        this.#apply(userId, courseId, rule),
      context: (courseId: string) => {
        const room = this.#tables.rooms.get(courseId);
        return room ? this.#context(room) : null;
      },
      now: this.now,
    };
    this.moderation = new MockModeration(host, this.#tables, options.modqSecret ?? 'course-chat-mock-modq-secret');
  }

  // ---- seeding and inspection -------------------------------------------------------------

  /** Creates or replaces a course with its people, exactly as `POST /dev/fixtures` does. */
  applyFixtures(fixtures: FixturesBody): void {
    applyFixtures(this.#tables, fixtures);
  }

  /**
   * Runs `action` with the clock pinned to `at`: scenarios build their history through the same
   * rules as live users (rate limit included), only earlier in time.
   */
  at<T>(at: number, action: () => T): T {
    const previous = this.#pinnedNow;
    this.#pinnedNow = at;
    try {
      return action();
    } finally {
      this.#pinnedNow = previous;
    }
  }

  balanceOf(userId: string): number {
    return this.#tables.balanceOf(userId);
  }

  /** Every committed award, oldest first (the goodwill_transactions table). */
  ledger(): GoodwillAward[] {
    return copy(this.#tables.ledger);
  }

  /** Every stored message of a course, ascending by seq, reported ones included. */
  messages(courseId: string): ChatMessage[] {
    return copy(this.#tables.rooms.get(courseId)?.messages ?? []);
  }

  /** The course's messages as the user sees them: what they reported or may not see left out. */
  messagesSeenBy(userId: string, courseId: string): ChatMessage[] {
    return copy(this.#tables.rooms.get(courseId)?.seenBy(userId) ?? []);
  }

  /** Users with at least one socket in the course's room, as `presence` would list them. */
  online(courseId: string): PresentUser[] {
    return this.#tables.rooms.get(courseId)?.present() ?? [];
  }

  courseIds(): string[] {
    return [...this.#tables.rooms.keys()];
  }

  participants(courseId: string): User[] {
    const room = this.#tables.rooms.get(courseId);
    if (!room) return [];
    return [...room.roles.keys()].filter((userId) => room.isParticipant(userId)).map((id) => room.userView(id));
  }

  // ---- tokens -----------------------------------------------------------------------------

  /** A host bearer token, as the host platform would sign it. */
  issueHostToken(userId: string, ttlSeconds = 3600): Promise<string> {
    return this.#tokens.issue({ sub: userId, exp: Math.floor(this.now() / 1000) + ttlSeconds });
  }

  /** @internal Who a token names (see `MockTokens.authenticate`). */
  authenticate(token: string | null | undefined, room?: string): Promise<Outcome<Caller>> {
    return this.#tokens.authenticate(token, room);
  }

  /** @internal Why the user may not use the course's room, or null when they may. */
  accessRefusal(userId: string, courseId: string): Outcome<never> | null {
    const access = this.#access(userId, courseId);
    return access.ok ? null : access;
  }

  // ---- REST -------------------------------------------------------------------------------

  /** Authenticates, parses and dispatches one REST request; the transport only moves bytes. */
  handle(route: RouteName, request: ApiRequest = {}): Promise<ApiResponse> {
    return answerRequest(this, route, request);
  }

  /** `POST /dev/access`: the host changed a user's access; their sockets that lost it close now. */
  changeAccess(change: DevAccessBody): Outcome<unknown> {
    return changeAccess(this.#tables, change);
  }

  /**
   * The room and everything the widget renders at once; signs a fresh `user_token`, which never
   * outlives the credential (expiring at `notAfter`, in seconds) it was asked with.
   */
  async room(userId: string, courseId: string, notAfter = Number.POSITIVE_INFINITY): Promise<Outcome<RoomResponse>> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const exp = userTokenExpiry(this.now(), notAfter);
    const readSeq = room.readSeqOf(userId);
    return done({
      room_id: courseId,
      user_token: await this.#tokens.issue({ sub: userId, exp, room: courseId }),
      token_expires_at: new Date(exp * 1000).toISOString(),
      course: { ...room.course },
      me: room.userView(userId),
      balance: this.balanceOf(userId),
      limits: { ...this.limits },
      last_seq: room.lastSeq(),
      read_seq: readSeq,
      unread: room.unread(userId, readSeq),
      settings: room.settingsOf(userId),
      ...this.moderation.roomFields(userId, courseId),
    });
  }

  history(userId: string, courseId: string, query: HistoryQuery = {}): Outcome<HistoryResponse> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const limit = query.limit ?? this.limits.history_page_size;
    if (limit < 1 || limit > maxHistoryLimit) return refusals.historyLimit(maxHistoryLimit);
    if (query.before !== undefined && query.after !== undefined) return refusals.twoCursors();
    return done(access.value.history(userId, { ...query, limit }));
  }

  /**
   * Stores a message (201) or returns the one already stored under this `client_id` (200).
   * Transport-neutral: REST and the socket's `message` frame both come here.
   */
  send(userId: string, courseId: string, body: SendMessageBody): Outcome<ChatMessage> {
    return this.#apply(userId, courseId, (room, me) => sendMessage(room, me, body));
  }

  markQuestion(userId: string, courseId: string, messageId: string): Outcome<ChatMessage> {
    return this.#apply(userId, courseId, (room) => markQuestion(room, userId, messageId));
  }

  /** The asker or a certified ST of the course marks a reply as the answer that helped. */
  markHelpful(userId: string, courseId: string, messageId: string): Outcome<ChatMessage> {
    return this.#apply(userId, courseId, (room, me) => markHelpful(room, me, messageId));
  }

  /** Moves the user's read marker forward to `seq` (never back, never past the newest message). */
  markRead(userId: string, courseId: string, seq: number): Outcome<ReadResponse> {
    return this.#apply(userId, courseId, (room) => markRead(room.records, userId, seq));
  }

  updateSettings(userId: string, courseId: string, change: SettingsBody): Outcome<{ settings: RoomSettings }> {
    return this.#apply(userId, courseId, (room) => updateSettings(room.records, userId, change));
  }

  /** The user's own awards for messages of the course, so a reloaded page knows what it gave. */
  myAwards(userId: string, courseId: string): Outcome<{ awards: GoodwillAward[] }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const { ledger, messageCourse } = this.#tables;
    const mine = ledger.filter(
      (given) => given.from_user_id === userId && messageCourse.get(given.reference_id) === courseId,
    );
    return done({ awards: copy(mine) });
  }

  helpers(userId: string, courseId: string): Outcome<{ helpers: PresentUser[] }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    return done({ helpers: access.value.present().filter((present) => present.is_student_teacher) });
  }

  /** "This Helped!": in the course of the message it names. */
  award(giverId: string, body: AwardBody): Outcome<AwardResponse> {
    const courseId = this.#tables.messageCourse.get(body.reference_id);
    if (courseId === undefined) return refusals.messageNotFound();
    return this.#apply(giverId, courseId, (room) => award(room, giverId, body));
  }

  // ---- WebSocket --------------------------------------------------------------------------

  /**
   * Opens a socket for `/chat/connect?room=&token=`. The socket is usable at once (frames received
   * before the token is checked are queued), and is closed with 4001/4003/4004 when refused.
   */
  connect(roomId: string, token: string, sink: SocketSink): MockSocket {
    const socket = new MockSocket(this, sink);
    void this.#admit(socket, roomId, token);
    return socket;
  }

  async #admit(socket: MockSocket, roomId: string, token: string): Promise<void> {
    const refused = this.faults.refuseCode;
    if (refused !== null) return socket.close(refused, 'refused by fault injection');
    const auth = await this.authenticate(token, roomId);
    if (!auth.ok) return socket.close(accessCloseCode(auth.error.code), auth.error.message);
    const access = this.#access(auth.value.userId, roomId);
    if (!access.ok) return socket.close(accessCloseCode(access.error.code), access.error.message);
    if (socket.isClosed) return;
    const room = access.value;
    const userId = auth.value.userId;
    const limit = socketLimitClose(room.sockets.get(userId)?.size ?? 0);
    if (limit) return socket.close(limit.code, limit.reason);
    const first = room.join(socket, userId);
    socket.join(room, userId, auth.value.exp * 1000);
    runNow(welcome(this.#context(room), room.presentUser(userId), first, (frame) => socket.deliver(frame)));
  }

  /** @internal Called by a socket that closed, whoever closed it. */
  leave(room: MemoryRoom, userId: string, socket: MockSocket): void {
    room.leave(userId, socket);
  }

  /** @internal One validated client frame from a joined socket. */
  onFrame(room: MemoryRoom, userId: string, socket: MockSocket, frame: ClientFrame): void {
    runNow(
      answerFrame(
        this.#context(room),
        {
          userId,
          throttle: socket.throttle,
          reply: (answer) => socket.deliver(answer),
          writer: () => (closeIfRefused(this.#tables, userId, room.courseId) ? null : room.userView(userId)),
        },
        frame,
      ),
    );
  }

  #dropSockets(code: number, reason: string, userId?: string): void {
    const sockets =
      userId === undefined
        ? [...this.#tables.rooms.values()].flatMap((room) => [...room.sockets.values()].flatMap((set) => [...set]))
        : this.#socketsOf(userId);
    for (const socket of sockets) socket.close(code, reason);
  }

  #socketsOf(userId: string): MockSocket[] {
    return [...this.#tables.rooms.values()].flatMap((room) => [...(room.sockets.get(userId) ?? [])]);
  }

  /** Closes every socket, e.g. before the backend is thrown away. */
  closeAllSockets(): void {
    this.#dropSockets(1001, 'backend stopped');
  }

  // ---- helpers ----------------------------------------------------------------------------

  #access(userId: string, courseId: string): Outcome<MemoryRoom> {
    return accessTo(this.#tables, userId, courseId);
  }

  #context(room: MemoryRoom): RoomContext {
    return { records: room, live: room, limits: this.limits, now: this.now() };
  }

  /** Runs a rule for a user in their course, once access is granted. */
  #apply<T>(userId: string, courseId: string, rule: (room: RoomContext, me: User) => Rule<Outcome<T>>): Outcome<T> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    return runNow(rule(this.#context(access.value), access.value.userView(userId)));
  }
}

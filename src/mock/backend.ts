import {
  awardBody,
  closeCodes,
  defaultLimits,
  andThen,
  asMessageBody,
  done,
  devTokenBody,
  fail,
  fixturesBody,
  maxHistoryLimit,
  maxSocketsPerUser,
  normaliseContent,
  readBody,
  reportBody,
  isJsonContentType,
  accessCloseCode,
  errorHeaders,
  devAccessBody,
  notJson,
  pointsInRange,
  tooFast,
  textLength,
  parseBody,
  refusalFrame,
  parseHistoryQuery,
  sendMessageBody,
  settingsBody,
  signToken,
  userTokenTtlSeconds,
  verifyToken,
  type AwardBody,
  type AwardResponse,
  type ChatMessage,
  type ClientFrame,
  type ClientFrameOf,
  type DevAccessBody,
  type FixturesBody,
  type GoodwillAward,
  type HistoryQuery,
  type HistoryResponse,
  type Outcome,
  type PresentUser,
  type ReadResponse,
  type RoomLimits,
  type RoomSettings,
  type RoomResponse,
  type SendMessageBody,
  type SettingsBody,
  type ServerFrame,
  type UnreadCounts,
  type User,
} from '../protocol/index.js';
import { Faults, type RouteName } from './faults.js';
import { MockSocket, type SocketSink } from './mock-socket.js';

export type { RouteName } from './faults.js';
export { MockSocket, type SocketSink } from './mock-socket.js';
export type Role = FixturesBody['users'][number]['role'];

export interface MockBackendOptions {
  /** HS256 secret shared with the host (bearer tokens) and used for `user_token`s. */
  secret?: string;
  /** Milliseconds since the epoch; injected so tests control time (tokens, rate limit, stamps). */
  now?: () => number;
  limits?: Partial<RoomLimits>;
  /** Whether `/dev/token` and `/dev/fixtures` answer (404 otherwise, as in production). */
  dev?: boolean;
}

/** One REST request as the transport hands it over: the backend parses and checks everything. */
export interface ApiRequest {
  method?: 'GET' | 'POST';
  params?: Record<string, string>;
  query?: URLSearchParams;
  /** The raw body text, or null when there is none. */
  body?: string | null;
  /** The bearer token or session cookie value, whichever the request carried. */
  token?: string | null;
  /** The `content-type` header: POST bodies must say they are JSON. */
  contentType?: string | null;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** `Retry-After` on a 429, as the Worker sends it. */
  headers?: Record<string, string>;
}

interface StoredUser {
  id: string;
  name: string;
  avatar_url: string | null;
}

/** @internal The state of one course's room. */
export interface Room {
  course: { id: string; title: string };
  roles: Map<string, Role>;
  /** Ascending by seq. */
  messages: ChatMessage[];
  byId: Map<string, ChatMessage>;
  /** `${authorId}\n${client_id}` → message, for idempotent sends. */
  byClientId: Map<string, ChatMessage>;
  lastAcceptedAt: Map<string, number>;
  /** `${reporterId}\n${messageId}`. */
  reports: Set<string>;
  sockets: Map<string, Set<MockSocket>>;
  available: Set<string>;
  readSeq: Map<string, number>;
  settings: Map<string, RoomSettings>;
  seq: number;
}

export interface ReportRecord {
  reporter_id: string;
  message_id: string;
  course_id: string;
  reason: string | null;
  created_at: string;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The protocol of docs/protocol.md over in-memory state: a second, independent implementation
 * next to the Worker, so the conformance suite can hold both to the same rules. It knows nothing
 * about msw; `handlers.ts` adapts it to HTTP and WebSocket, and tests may drive it directly.
 */
export class MockBackend {
  readonly secret: string;
  readonly limits: RoomLimits;
  readonly dev: boolean;
  readonly faults: Faults;
  readonly now: () => number;

  readonly #users = new Map<string, StoredUser>();
  readonly #balances = new Map<string, number>();
  /** Each user's `course_chat` flag, across courses, as the host keeps it. */
  readonly #featureFlags = new Map<string, boolean>();
  readonly #rooms = new Map<string, Room>();
  /** Message id → course id, because an award names only the message. */
  readonly #messageCourse = new Map<string, string>();
  /** `${giver}\n${reason}\n${reference}` → award: the unique key of goodwill_transactions. */
  readonly #awards = new Map<string, GoodwillAward>();
  readonly #ledger: GoodwillAward[] = [];
  readonly #modQueue: ReportRecord[] = [];
  /** Token → issue time, so fault injection can expire tokens issued before a moment. */
  readonly #issued = new Map<string, number>();
  #pinnedNow: number | null = null;
  #nextId = 1;

  constructor(options: MockBackendOptions = {}) {
    this.secret = options.secret ?? 'course-chat-mock-secret';
    this.limits = { ...defaultLimits, ...options.limits };
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
  }

  // ---- seeding and inspection -------------------------------------------------------------

  /** Creates or replaces a course with its people, exactly as `POST /dev/fixtures` does. */
  applyFixtures(fixtures: FixturesBody): void {
    const old = this.#rooms.get(fixtures.course.id);
    if (old) {
      for (const message of old.messages) this.#messageCourse.delete(message.id);
      for (const sockets of old.sockets.values())
        for (const socket of [...sockets]) socket.close(closeCodes.notFound, 'room replaced');
    }
    const room: Room = {
      course: { ...fixtures.course },
      roles: new Map(),
      messages: [],
      byId: new Map(),
      byClientId: new Map(),
      lastAcceptedAt: new Map(),
      reports: new Set(),
      sockets: new Map(),
      available: new Set(),
      readSeq: new Map(),
      settings: new Map(),
      seq: 0,
    };
    for (const person of fixtures.users) {
      this.#users.set(person.id, { id: person.id, name: person.name, avatar_url: person.avatar_url ?? null });
      this.#balances.set(person.id, person.balance);
      this.#featureFlags.set(person.id, fixtures.feature_enabled ?? true);
      room.roles.set(person.id, person.role);
    }
    this.#rooms.set(fixtures.course.id, room);
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
    return this.#balances.get(userId) ?? 0;
  }

  /** Every committed award, oldest first (the goodwill_transactions table). */
  ledger(): GoodwillAward[] {
    return copy(this.#ledger);
  }

  /** Every stored message of a course, ascending by seq, reported ones included. */
  messages(courseId: string): ChatMessage[] {
    return copy(this.#rooms.get(courseId)?.messages ?? []);
  }

  reports(): ReportRecord[] {
    return copy(this.#modQueue);
  }

  /** Users with at least one socket in the course's room, as `presence` would list them. */
  online(courseId: string): PresentUser[] {
    const room = this.#rooms.get(courseId);
    return room ? this.#presentUsers(room) : [];
  }

  courseIds(): string[] {
    return [...this.#rooms.keys()];
  }

  participants(courseId: string): User[] {
    const room = this.#rooms.get(courseId);
    if (!room) return [];
    return [...room.roles.entries()]
      .filter(([, role]) => role !== 'outsider')
      .map(([userId]) => this.#userView(room, userId));
  }

  // ---- tokens -----------------------------------------------------------------------------

  /** A host bearer token, as the host platform would sign it. */
  issueHostToken(userId: string, ttlSeconds = 3600): Promise<string> {
    return this.#issue({ sub: userId, exp: Math.floor(this.now() / 1000) + ttlSeconds });
  }

  async #issue(claims: { sub: string; exp: number; room?: string }): Promise<string> {
    const token = await signToken(claims, this.secret);
    this.#issued.set(token, this.now());
    return token;
  }

  async #verify(
    token: string,
    room?: string,
  ): Promise<{ ok: true; userId: string; exp: number } | { ok: false; expired: boolean }> {
    const check = await verifyToken(token, this.secret, this.now());
    if (!check.ok) return { ok: false, expired: check.reason === 'expired' };
    const issuedAt = this.#issued.get(token);
    if (issuedAt !== undefined && this.faults.isExpired(issuedAt)) return { ok: false, expired: true };
    // A user_token is bound to its room and is no host credential; a host token opens no room.
    if (check.claims.room !== room) return { ok: false, expired: false };
    return { ok: true, userId: check.claims.sub, exp: check.claims.exp };
  }

  // ---- REST -------------------------------------------------------------------------------

  /** Authenticates, parses and dispatches one REST request; the transport only moves bytes. */
  async handle(route: RouteName, request: ApiRequest = {}): Promise<ApiResponse> {
    const outcome = await this.#dispatch(route, request);
    if (outcome.ok) return { status: outcome.status, body: outcome.value };
    const headers = errorHeaders(outcome.error);
    const answer = { status: outcome.status, body: { error: outcome.error } };
    return Object.keys(headers).length > 0 ? { ...answer, headers } : answer;
  }

  async #dispatch(route: RouteName, request: ApiRequest): Promise<Outcome<unknown>> {
    const params = request.params ?? {};
    const courseId = params['courseId'] ?? '';
    const messageId = params['messageId'] ?? '';
    const body = request.body;
    const dev = route === 'devToken' || route === 'devFixtures' || route === 'devAccess';
    if (dev && !this.dev) return { ok: false, status: 404, error: { code: 'invalid_request', message: 'Not found.' } };
    if (request.method === 'POST' && !isJsonContentType(request.contentType)) return notJson();
    if (dev) {
      if (route === 'devAccess') return andThen(parseBody(devAccessBody, body), (change) => this.#changeAccess(change));
      return route === 'devToken' ? this.#devToken(body) : this.#devFixtures(body);
    }
    if (route === 'connect') return fail('invalid_request', 'Connect with a WebSocket.');
    if (!request.token) return fail('unauthenticated', 'Sign in first.');
    const auth = await this.#verify(request.token);
    if (!auth.ok)
      return auth.expired
        ? fail('token_expired', 'The token has expired.')
        : fail('unauthenticated', 'Invalid credentials.');
    const userId = auth.userId;
    switch (route) {
      case 'room':
        return this.room(userId, courseId, auth.exp);
      case 'messages':
        return request.method !== 'POST'
          ? this.#historyRequest(userId, courseId, request.query ?? new URLSearchParams())
          : andThen(parseBody(sendMessageBody, body), (valid) => asMessageBody(this.send(userId, courseId, valid)));
      case 'markQuestion':
        return asMessageBody(this.markQuestion(userId, courseId, messageId));
      case 'report':
        return andThen(parseBody(reportBody, body), (valid) => this.report(userId, courseId, messageId, valid.reason));
      case 'helpers':
        return this.helpers(userId, courseId);
      case 'read':
        return andThen(parseBody(readBody, body), (valid) => this.markRead(userId, courseId, valid.seq));
      case 'settings':
        return andThen(parseBody(settingsBody, body), (valid) => this.updateSettings(userId, courseId, valid));
      case 'myAwards':
        return this.myAwards(userId, courseId);
      case 'award':
        return andThen(parseBody(awardBody, body), (valid) => this.award(userId, valid));
    }
  }

  async #devToken(body: string | null | undefined): Promise<Outcome<unknown>> {
    const parsed = parseBody(devTokenBody, body);
    if (!parsed.ok) return parsed;
    return done({ token: await this.issueHostToken(parsed.value.user_id, parsed.value.ttl_seconds) });
  }

  #devFixtures(body: string | null | undefined): Outcome<unknown> {
    return andThen(parseBody(fixturesBody, body), (fixtures) => {
      this.applyFixtures(fixtures);
      return done({}, 201);
    });
  }

  /** `POST /dev/access`: the host changed a user's access; their sockets that lost it close now. */
  #changeAccess(change: DevAccessBody): Outcome<unknown> {
    const changed = this.#rooms.get(change.course_id);
    if (!changed) return fail('course_not_found', 'No such course.');
    if (!this.#users.has(change.user_id)) return fail('invalid_request', 'No such user.');
    const wasSt = changed.roles.get(change.user_id) === 'student_teacher';
    if (change.role !== undefined) changed.roles.set(change.user_id, change.role);
    // An ST no longer certified but still enrolled stays, no longer offered as a helper.
    if (wasSt && change.role === 'student' && changed.sockets.has(change.user_id)) {
      changed.available.delete(change.user_id);
      this.#broadcast(changed, { type: 'presence', users: this.#presentUsers(changed) });
    }
    if (change.feature_enabled !== undefined) this.#featureFlags.set(change.user_id, change.feature_enabled);
    for (const room of this.#rooms.values()) {
      const access = this.#access(change.user_id, room.course.id);
      if (access.ok) continue;
      for (const socket of [...(room.sockets.get(change.user_id) ?? [])])
        socket.close(accessCloseCode(access.error.code), access.error.message);
    }
    return done({});
  }

  #historyRequest(userId: string, courseId: string, query: URLSearchParams): Outcome<HistoryResponse> {
    return andThen(parseHistoryQuery(query, this.limits.history_page_size), (parsed) =>
      this.history(userId, courseId, parsed),
    );
  }

  /**
   * The room and everything the widget renders at once; signs a fresh `user_token`, which never
   * outlives the credential (expiring at `notAfter`, in seconds) it was asked with.
   */
  async room(userId: string, courseId: string, notAfter = Number.POSITIVE_INFINITY): Promise<Outcome<RoomResponse>> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const exp = Math.min(Math.floor(this.now() / 1000) + userTokenTtlSeconds, notAfter);
    return done({
      room_id: courseId,
      user_token: await this.#issue({ sub: userId, exp, room: courseId }),
      token_expires_at: new Date(exp * 1000).toISOString(),
      course: { ...room.course },
      me: this.#userView(room, userId),
      balance: this.balanceOf(userId),
      limits: { ...this.limits },
      last_seq: room.seq,
      read_seq: room.readSeq.get(userId) ?? 0,
      unread: this.#unread(room, userId),
      settings: this.#settingsOf(room, userId),
    });
  }

  history(userId: string, courseId: string, query: HistoryQuery = {}): Outcome<HistoryResponse> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const limit = query.limit ?? this.limits.history_page_size;
    if (limit < 1 || limit > maxHistoryLimit) return fail('invalid_request', `limit must be 1 to ${maxHistoryLimit}.`);
    if (query.before !== undefined && query.after !== undefined)
      return fail('invalid_request', 'Give at most one of before and after.');
    const room = access.value;
    const visible = room.messages.filter(
      (message) =>
        !room.reports.has(`${userId}\n${message.id}`) &&
        (query.questions !== 'open' || message.question_status === 'open'),
    );
    let matching: ChatMessage[];
    let page: ChatMessage[];
    if (query.after !== undefined) {
      const after = query.after;
      matching = visible.filter((message) => message.seq > after);
      page = matching.slice(0, limit);
    } else {
      const before = query.before ?? Number.POSITIVE_INFINITY;
      matching = visible.filter((message) => message.seq < before);
      page = matching.slice(-limit);
    }
    return done({ messages: copy(page), has_more: matching.length > limit });
  }

  /**
   * Stores a message (201) or returns the one already stored under this `client_id` (200).
   * Transport-neutral: REST and the socket's `message` frame both come here.
   */
  send(userId: string, courseId: string, body: SendMessageBody): Outcome<ChatMessage> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const replay = room.byClientId.get(`${userId}\n${body.client_id}`);
    if (replay) return done(copy(replay));
    const content = normaliseContent(body.content);
    if (content.length === 0) return fail('invalid_request', 'The message is empty.');
    if (textLength(content) > this.limits.max_message_length)
      return fail('content_too_long', `At most ${this.limits.max_message_length} characters.`);
    if (body.reply_to_id !== undefined && !room.byId.has(body.reply_to_id))
      return fail('message_not_found', 'The message replied to does not exist in this room.');
    const now = this.now();
    const last = room.lastAcceptedAt.get(userId);
    if (last !== undefined && now - last < this.limits.min_send_interval_ms) {
      const wait = this.limits.min_send_interval_ms - (now - last);
      return fail('rate_limited', 'You are sending too fast.', wait);
    }
    const mentions = [...new Set(body.mentions ?? [])].filter((id) => {
      const role = room.roles.get(id);
      return role === 'student' || role === 'student_teacher';
    });
    room.seq += 1;
    const message: ChatMessage = {
      id: `msg_${this.#nextId++}`,
      seq: room.seq,
      course_id: courseId,
      client_id: body.client_id,
      author: this.#userView(room, userId),
      content,
      is_question: body.is_question,
      question_status: body.is_question ? 'open' : null,
      reply_to_id: body.reply_to_id ?? null,
      mentions,
      helpful_points: 0,
      created_at: new Date(now).toISOString(),
    };
    room.messages.push(message);
    room.byId.set(message.id, message);
    room.byClientId.set(`${userId}\n${body.client_id}`, message);
    room.lastAcceptedAt.set(userId, now);
    this.#messageCourse.set(message.id, courseId);
    this.#broadcast(room, { type: 'message', data: message });
    return done(copy(message), 201);
  }

  markQuestion(userId: string, courseId: string, messageId: string): Outcome<ChatMessage> {
    const found = this.#message(userId, courseId, messageId);
    if (!found.ok) return found;
    const { room, message } = found.value;
    if (message.author.id !== userId) return fail('not_author', 'Only the author may mark a message as a question.');
    if (!message.is_question) {
      message.is_question = true;
      message.question_status = 'open';
      this.#broadcast(room, { type: 'message_updated', data: message });
    }
    return done(copy(message));
  }

  /**
   * Marks a reply as the answer that helped: the asker or a certified ST of the course may, and
   * the question it replies to becomes answered.
   */
  markHelpful(userId: string, courseId: string, messageId: string): Outcome<ChatMessage> {
    const found = this.#message(userId, courseId, messageId);
    if (!found.ok) return found;
    const { room, message } = found.value;
    const question = message.reply_to_id === null ? undefined : room.byId.get(message.reply_to_id);
    if (!question?.is_question) return fail('invalid_request', 'Only a reply to a question can be marked helpful.');
    if (question.author.id !== userId && room.roles.get(userId) !== 'student_teacher')
      return fail('not_author', 'Only the asker or a student-teacher may mark the answer.');
    this.#answer(room, question);
    return done(copy(question));
  }

  report(userId: string, courseId: string, messageId: string, reason?: string): Outcome<{ reported: true }> {
    const found = this.#message(userId, courseId, messageId);
    if (!found.ok) return found;
    const key = `${userId}\n${messageId}`;
    if (!found.value.room.reports.has(key)) {
      found.value.room.reports.add(key);
      this.#modQueue.push({
        reporter_id: userId,
        message_id: messageId,
        course_id: courseId,
        reason: reason ?? null,
        created_at: new Date(this.now()).toISOString(),
      });
    }
    return done({ reported: true }, 201);
  }

  /** Moves the user's read marker forward to `seq` (never back, never past the newest message). */
  markRead(userId: string, courseId: string, seq: number): Outcome<ReadResponse> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const readSeq = Math.max(room.readSeq.get(userId) ?? 0, Math.min(seq, room.seq));
    room.readSeq.set(userId, readSeq);
    return done({ read_seq: readSeq, unread: this.#unread(room, userId) });
  }

  updateSettings(userId: string, courseId: string, change: SettingsBody): Outcome<{ settings: RoomSettings }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const settings = { ...this.#settingsOf(room, userId) };
    if (change.muted !== undefined) settings.muted = change.muted;
    if (change.notifications !== undefined) settings.notifications = change.notifications;
    room.settings.set(userId, settings);
    return done({ settings: { ...settings } });
  }

  /** The user's own awards for messages of the course, so a reloaded page knows what it gave. */
  myAwards(userId: string, courseId: string): Outcome<{ awards: GoodwillAward[] }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const mine = this.#ledger.filter(
      (award) => award.from_user_id === userId && this.#messageCourse.get(award.reference_id) === courseId,
    );
    return done({ awards: copy(mine) });
  }

  helpers(userId: string, courseId: string): Outcome<{ helpers: PresentUser[] }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    return done({ helpers: this.#presentUsers(room).filter((present) => present.is_student_teacher) });
  }

  /** "This Helped!": the rule order of docs/protocol.md, then one all-or-nothing transaction. */
  award(giverId: string, body: AwardBody): Outcome<AwardResponse> {
    const courseId = this.#messageCourse.get(body.reference_id);
    if (courseId === undefined) return fail('message_not_found', 'No such message.');
    const access = this.#access(giverId, courseId);
    if (!access.ok) return access;
    const room = access.value;
    const message = room.byId.get(body.reference_id);
    if (!message) return fail('message_not_found', 'No such message.');
    if (body.recipient_id !== message.author.id)
      return fail('recipient_mismatch', 'The recipient is not the author of the message.');
    if (body.recipient_id === giverId) return fail('self_award', 'You cannot award your own message.');
    const key = `${giverId}\n${body.reason}\n${body.reference_id}`;
    const first = this.#awards.get(key);
    if (first)
      return done({ award: copy(first), balance: this.balanceOf(giverId), message_points: message.helpful_points });
    if (!pointsInRange(body.points, this.limits.max_award_points))
      return fail('points_out_of_range', `Points must be 1 to ${this.limits.max_award_points}.`);
    const balance = this.balanceOf(giverId);
    if (body.points > balance) return fail('insufficient_balance', 'Not enough points.');

    // The transaction: synchronous, so no other request interleaves between check and commit.
    const award: GoodwillAward = {
      id: `award_${this.#nextId++}`,
      from_user_id: giverId,
      to_user_id: body.recipient_id,
      points: body.points,
      reason: body.reason,
      reference_id: body.reference_id,
      created_at: new Date(this.now()).toISOString(),
    };
    this.#balances.set(giverId, balance - body.points);
    this.#balances.set(body.recipient_id, this.balanceOf(body.recipient_id) + body.points);
    this.#awards.set(key, award);
    this.#ledger.push(award);
    message.helpful_points += body.points;

    this.#broadcast(room, { type: 'award', data: { award, message_points: message.helpful_points } });
    this.#broadcast(room, { type: 'message_updated', data: message });
    for (const userId of [giverId, body.recipient_id])
      this.#sendToUser(room, userId, { type: 'balance', balance: this.balanceOf(userId) });
    const question = message.reply_to_id === null ? undefined : room.byId.get(message.reply_to_id);
    if (question?.is_question && question.author.id === giverId) this.#answer(room, question);
    return done({ award: copy(award), balance: this.balanceOf(giverId), message_points: message.helpful_points }, 201);
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
    const auth = await this.#verify(token, roomId);
    if (!auth.ok) return socket.close(closeCodes.unauthorized, auth.expired ? 'token expired' : 'invalid token');
    const access = this.#access(auth.userId, roomId);
    if (!access.ok) return socket.close(accessCloseCode(access.error.code), access.error.message);
    if (socket.isClosed) return;
    const room = access.value;
    const userId = auth.userId;
    if ((room.sockets.get(userId)?.size ?? 0) >= maxSocketsPerUser)
      return socket.close(closeCodes.tooManySockets, `At most ${maxSocketsPerUser} connections per user.`);
    let sockets = room.sockets.get(userId);
    const first = !sockets;
    if (!sockets) {
      sockets = new Set();
      room.sockets.set(userId, sockets);
      room.available.delete(userId);
    }
    sockets.add(socket);
    socket.join(room, userId, auth.exp * 1000);
    socket.deliver({ type: 'hello', user_id: userId, last_seq: room.seq });
    socket.deliver({ type: 'presence', users: this.#presentUsers(room) });
    if (first) this.#broadcast(room, { type: 'user_joined', user: this.#present(room, userId) }, userId);
  }

  /** @internal Called by a socket that closed, whoever closed it. */
  leave(room: Room, userId: string, socket: MockSocket): void {
    const sockets = room.sockets.get(userId);
    if (!sockets?.delete(socket) || sockets.size > 0) return;
    room.sockets.delete(userId);
    room.available.delete(userId);
    this.#broadcast(room, { type: 'user_left', user_id: userId });
  }

  /** @internal One validated client frame from a joined socket. */
  onFrame(room: Room, userId: string, socket: MockSocket, frame: ClientFrame): void {
    const courseId = room.course.id;
    const refuse = (outcome: Outcome<unknown>, clientId?: string) => {
      if (!outcome.ok) socket.deliver(refusalFrame(outcome.error, clientId));
    };
    switch (frame.type) {
      case 'message': {
        const outcome = this.send(userId, courseId, frame);
        // A replay stores and broadcasts nothing, but the sender still needs its acknowledgement.
        if (outcome.ok && outcome.status === 200) socket.deliver({ type: 'message', data: outcome.value });
        return refuse(outcome, frame.client_id);
      }
      case 'typing':
        if (socket.throttle.take('typing', this.now()) > 0) return;
        return this.#broadcast(room, { type: 'typing', user_id: userId }, userId);
      case 'mark_helpful':
        return refuse(this.markHelpful(userId, courseId, frame.message_id));
      case 'mark_question':
        return refuse(this.markQuestion(userId, courseId, frame.message_id));
      case 'set_available': {
        const wait = socket.throttle.take('set_available', this.now());
        return refuse(wait > 0 ? tooFast(wait) : this.#setAvailable(room, userId, frame));
      }
      case 'ping':
        return socket.deliver({ type: 'pong' });
    }
  }

  #setAvailable(room: Room, userId: string, frame: ClientFrameOf<'set_available'>): Outcome<null> {
    if (room.roles.get(userId) !== 'student_teacher')
      return fail('not_student_teacher', 'Only a student-teacher can be available to help.');
    if (frame.available) room.available.add(userId);
    else room.available.delete(userId);
    this.#broadcast(room, { type: 'presence', users: this.#presentUsers(room) });
    return done(null);
  }

  #dropSockets(code: number, reason: string, userId?: string): void {
    const sockets =
      userId === undefined
        ? [...this.#rooms.values()].flatMap((room) => [...room.sockets.values()].flatMap((set) => [...set]))
        : this.#socketsOf(userId);
    for (const socket of sockets) socket.close(code, reason);
  }

  #socketsOf(userId: string): MockSocket[] {
    return [...this.#rooms.values()].flatMap((room) => [...(room.sockets.get(userId) ?? [])]);
  }

  /** Closes every socket, e.g. before the backend is thrown away. */
  closeAllSockets(): void {
    this.#dropSockets(1001, 'backend stopped');
  }

  // ---- helpers ----------------------------------------------------------------------------

  #access(userId: string, courseId: string): Outcome<Room> {
    const room = this.#rooms.get(courseId);
    if (!room) return fail('course_not_found', 'No such course.');
    const role = room.roles.get(userId);
    if (role !== 'student' && role !== 'student_teacher') return fail('not_enrolled', 'Not enrolled in this course.');
    if (this.#featureFlags.get(userId) === false) return fail('feature_disabled', 'Course chat is not enabled.');
    return done(room);
  }

  #message(userId: string, courseId: string, messageId: string): Outcome<{ room: Room; message: ChatMessage }> {
    const access = this.#access(userId, courseId);
    if (!access.ok) return access;
    const message = access.value.byId.get(messageId);
    return message ? done({ room: access.value, message }) : fail('message_not_found', 'No such message.');
  }

  #unread(room: Room, userId: string): UnreadCounts {
    const readSeq = room.readSeq.get(userId) ?? 0;
    const unread = room.messages.filter(
      (message) =>
        message.seq > readSeq && message.author.id !== userId && !room.reports.has(`${userId}\n${message.id}`),
    );
    return { count: unread.length, mentions: unread.filter((message) => message.mentions.includes(userId)).length };
  }

  #settingsOf(room: Room, userId: string): RoomSettings {
    return room.settings.get(userId) ?? { muted: false, notifications: false };
  }

  #answer(room: Room, question: ChatMessage): void {
    if (question.question_status === 'answered') return;
    question.question_status = 'answered';
    this.#broadcast(room, { type: 'message_updated', data: question });
  }

  #userView(room: Room, userId: string): User {
    const stored = this.#users.get(userId) ?? { id: userId, name: userId, avatar_url: null };
    return { ...stored, is_student_teacher: room.roles.get(userId) === 'student_teacher' };
  }

  #present(room: Room, userId: string): PresentUser {
    return { ...this.#userView(room, userId), available: room.available.has(userId) };
  }

  #presentUsers(room: Room): PresentUser[] {
    return [...room.sockets.keys()].map((userId) => this.#present(room, userId));
  }

  #broadcast(room: Room, frame: ServerFrame, exceptUserId?: string): void {
    const data = JSON.stringify(frame);
    for (const [userId, sockets] of room.sockets) {
      if (userId === exceptUserId) continue;
      for (const socket of sockets) socket.deliverRaw(data);
    }
  }

  #sendToUser(room: Room, userId: string, frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const socket of room.sockets.get(userId) ?? []) socket.deliverRaw(data);
  }
}

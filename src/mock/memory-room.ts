/**
 * The mock's storage: the tables the host and the Worker's D1 keep, in memory, and each course's
 * live room. A `MemoryRoom` is what the shared room rules (src/backend/room-rules.ts) read and
 * write, answering at once, as the Worker's D1 store and Durable Object answer later.
 */
import type { RoomLive, RoomRecords } from '../backend/index.js';
import type {
  ChatMessage,
  FixturesBody,
  GoodwillAward,
  HistoryQuery,
  HistoryResponse,
  PresentUser,
  RoomSettings,
  ServerFrame,
  UnreadCounts,
  User,
} from '../protocol/index.js';
import type { MockSocket } from './mock-socket.js';

export type Role = FixturesBody['users'][number]['role'];

export interface ReportRecord {
  reporter_id: string;
  message_id: string;
  course_id: string;
  reason: string | null;
  created_at: string;
}

interface StoredUser {
  id: string;
  name: string;
  avatar_url: string | null;
}

const copy = <T>(value: T): T => structuredClone(value);

/** What every course shares: people, balances, the goodwill ledger and the moderation queue. */
export class MockTables {
  readonly users = new Map<string, StoredUser>();
  readonly balances = new Map<string, number>();
  /** Each user's `course_chat` flag, across courses, as the host keeps it. */
  readonly featureFlags = new Map<string, boolean>();
  readonly rooms = new Map<string, MemoryRoom>();
  /** Message id → course id, because an award names only the message. */
  readonly messageCourse = new Map<string, string>();
  /** `${giver}\n${reason}\n${reference}` → award: the unique key of goodwill_transactions. */
  readonly awards = new Map<string, GoodwillAward>();
  readonly ledger: GoodwillAward[] = [];
  readonly modQueue: ReportRecord[] = [];
  #nextId = 1;

  newId(prefix: string): string {
    return `${prefix}_${this.#nextId++}`;
  }

  balanceOf(userId: string): number {
    return this.balances.get(userId) ?? 0;
  }
}

/** One course's room: its messages and members' state, and who is connected. */
export class MemoryRoom implements RoomRecords, RoomLive {
  readonly #tables: MockTables;
  readonly course: { id: string; title: string };
  readonly roles = new Map<string, Role>();
  /** Ascending by seq. */
  readonly messages: ChatMessage[] = [];
  readonly byId = new Map<string, ChatMessage>();
  /** `${authorId}\n${client_id}` → message, for idempotent sends. */
  readonly #byClientId = new Map<string, ChatMessage>();
  readonly #lastAcceptedAt = new Map<string, number>();
  /** `${reporterId}\n${messageId}`. */
  readonly #reports = new Set<string>();
  readonly sockets = new Map<string, Set<MockSocket>>();
  readonly available = new Set<string>();
  readonly #readSeq = new Map<string, number>();
  readonly #settings = new Map<string, RoomSettings>();
  #seq = 0;

  constructor(tables: MockTables, course: { id: string; title: string }) {
    this.#tables = tables;
    this.course = { ...course };
  }

  get courseId(): string {
    return this.course.id;
  }

  // ---- RoomRecords ------------------------------------------------------------------------

  message(messageId: string): ChatMessage | null {
    const message = this.byId.get(messageId);
    return message ? copy(message) : null;
  }

  messageByClientId(authorId: string, clientId: string): ChatMessage | null {
    const message = this.#byClientId.get(`${authorId}\n${clientId}`);
    return message ? copy(message) : null;
  }

  participantsAmong(ids: string[]): string[] {
    return ids.filter((id) => this.isParticipant(id));
  }

  newId(kind: 'message' | 'award'): string {
    return this.#tables.newId(kind === 'message' ? 'msg' : 'award');
  }

  insertMessage(message: ChatMessage): boolean {
    const key = `${message.author.id}\n${message.client_id}`;
    if (this.#byClientId.has(key)) return false;
    const stored = copy(message);
    this.messages.push(stored);
    this.byId.set(stored.id, stored);
    this.#byClientId.set(key, stored);
    this.#tables.messageCourse.set(stored.id, this.courseId);
    return true;
  }

  markQuestion(messageId: string): boolean {
    const message = this.byId.get(messageId);
    if (!message || message.is_question) return false;
    message.is_question = true;
    message.question_status = 'open';
    return true;
  }

  answerQuestion(messageId: string): boolean {
    const message = this.byId.get(messageId);
    if (message?.question_status !== 'open') return false;
    message.question_status = 'answered';
    return true;
  }

  report(messageId: string, reporterId: string, reason: string | null, at: string): void {
    const key = `${reporterId}\n${messageId}`;
    if (this.#reports.has(key)) return;
    this.#reports.add(key);
    this.#tables.modQueue.push({
      reporter_id: reporterId,
      message_id: messageId,
      course_id: this.courseId,
      reason,
      created_at: at,
    });
  }

  raiseReadSeq(userId: string, seq: number): number {
    const readSeq = Math.max(this.readSeqOf(userId), seq);
    this.#readSeq.set(userId, readSeq);
    return readSeq;
  }

  lastSeq(): number {
    return this.#seq;
  }

  /** Messages after `readSeq` that are not the user's own nor reported by them, and their mentions of the user. */
  unread(userId: string, readSeq: number): UnreadCounts {
    const unread = this.messages.filter(
      (message) => message.seq > readSeq && message.author.id !== userId && !this.reported(userId, message.id),
    );
    return { count: unread.length, mentions: unread.filter((message) => message.mentions.includes(userId)).length };
  }

  updateSettings(userId: string, change: { muted?: boolean; notifications?: boolean }): RoomSettings {
    const settings = { ...this.settingsOf(userId), ...change };
    this.#settings.set(userId, settings);
    return { ...settings };
  }

  balanceOf(userId: string): number {
    return this.#tables.balanceOf(userId);
  }

  awardOf(giverId: string, reason: string, referenceId: string): GoodwillAward | null {
    const award = this.#tables.awards.get(`${giverId}\n${reason}\n${referenceId}`);
    return award ? copy(award) : null;
  }

  /** Synchronous, so no other request interleaves between its check and its writes. */
  commitAward(award: GoodwillAward): 'committed' | 'duplicate' | 'insufficient' {
    const { balances, awards, ledger } = this.#tables;
    const key = `${award.from_user_id}\n${award.reason}\n${award.reference_id}`;
    if (awards.has(key)) return 'duplicate';
    const balance = this.balanceOf(award.from_user_id);
    if (award.points > balance) return 'insufficient';
    balances.set(award.from_user_id, balance - award.points);
    balances.set(award.to_user_id, this.balanceOf(award.to_user_id) + award.points);
    awards.set(key, copy(award));
    ledger.push(copy(award));
    const message = this.byId.get(award.reference_id);
    if (message) message.helpful_points += award.points;
    return 'committed';
  }

  // ---- RoomLive ---------------------------------------------------------------------------

  seq(): number {
    return this.#seq;
  }

  lastAcceptedAt(userId: string): number | undefined {
    return this.#lastAcceptedAt.get(userId);
  }

  accepted(userId: string, seq: number, at: number): void {
    this.#seq = seq;
    this.#lastAcceptedAt.set(userId, at);
  }

  setAvailable(userId: string, available: boolean): void {
    if (available) this.available.add(userId);
    else this.available.delete(userId);
  }

  present(): PresentUser[] {
    return [...this.sockets.keys()].map((userId) => this.presentUser(userId));
  }

  broadcast(frame: ServerFrame, exceptUserId?: string): void {
    const data = JSON.stringify(frame);
    for (const [userId, sockets] of this.sockets) {
      if (userId === exceptUserId) continue;
      for (const socket of sockets) socket.deliverRaw(data);
    }
  }

  toUser(userId: string, frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const socket of this.sockets.get(userId) ?? []) socket.deliverRaw(data);
  }

  /** Adds an admitted socket; whether it is its user's first in the room. */
  join(socket: MockSocket, userId: string): boolean {
    let sockets = this.sockets.get(userId);
    const first = !sockets;
    if (!sockets) {
      sockets = new Set();
      this.sockets.set(userId, sockets);
      this.available.delete(userId);
    }
    sockets.add(socket);
    return first;
  }

  /** A socket closed; its user leaves with their last one. */
  leave(userId: string, socket: MockSocket): void {
    const sockets = this.sockets.get(userId);
    if (!sockets?.delete(socket) || sockets.size > 0) return;
    this.sockets.delete(userId);
    this.available.delete(userId);
    this.broadcast({ type: 'user_left', user_id: userId });
  }

  /**
   * One page of history, ascending by seq: after `after` (oldest first) or before `before` (the
   * newest before it). Messages the reader reported are left out for them.
   */
  history(readerId: string, query: HistoryQuery & { limit: number }): HistoryResponse {
    const { limit } = query;
    const visible = this.messages.filter(
      (message) =>
        !this.reported(readerId, message.id) && (query.questions !== 'open' || message.question_status === 'open'),
    );
    const after = query.after;
    const before = query.before ?? Number.POSITIVE_INFINITY;
    const matching =
      after === undefined
        ? visible.filter((message) => message.seq < before)
        : visible.filter((message) => message.seq > after);
    const page = after === undefined ? matching.slice(-limit) : matching.slice(0, limit);
    return { messages: copy(page), has_more: matching.length > limit };
  }

  // ---- views ------------------------------------------------------------------------------

  isParticipant(userId: string): boolean {
    const role = this.roles.get(userId);
    return role === 'student' || role === 'student_teacher';
  }

  reported(userId: string, messageId: string): boolean {
    return this.#reports.has(`${userId}\n${messageId}`);
  }

  readSeqOf(userId: string): number {
    return this.#readSeq.get(userId) ?? 0;
  }

  settingsOf(userId: string): RoomSettings {
    return { ...(this.#settings.get(userId) ?? { muted: false, notifications: false }) };
  }

  userView(userId: string): User {
    const stored = this.#tables.users.get(userId) ?? { id: userId, name: userId, avatar_url: null };
    return { ...stored, is_student_teacher: this.roles.get(userId) === 'student_teacher' };
  }

  presentUser(userId: string): PresentUser {
    return { ...this.userView(userId), available: this.available.has(userId) };
  }
}

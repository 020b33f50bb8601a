/**
 * The mock's storage: the tables the host and the Worker's D1 keep, in memory, and each course's
 * live room. A `MemoryRoom` is what the shared room rules (src/backend/room-rules.ts) read and
 * write, answering at once, as the Worker's D1 store and Durable Object answer later.
 */
import { visibleTo, type DecisionAudit, type RoomLive, type RoomRecords } from '../backend/index.js';
import type {
  ChatMessage,
  FixturesBody,
  GoodwillAward,
  HistoryQuery,
  HistoryResponse,
  MessageReport,
  ModqReport,
  PresentUser,
  RoomSettings,
  ServerFrame,
  UnreadCounts,
  User,
} from '../protocol/index.js';
import { MemoryModeration, type ModerationTables } from './memory-moderation.js';
import type { MockSocket } from './mock-socket.js';

export type Role = FixturesBody['users'][number]['role'];

interface StoredUser {
  id: string;
  name: string;
  avatar_url: string | null;
}

const copy = <T>(value: T): T => structuredClone(value);

/** What every course shares: people, balances, the goodwill ledger and moderation's audit. */
export class MockTables implements ModerationTables {
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
  readonly decisions: DecisionAudit[] = [];
  readonly edits: ModerationTables['edits'] = [];
  readonly modqSent: ModqReport[] = [];
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
  readonly #moderation: MemoryModeration;
  readonly sockets = new Map<string, Set<MockSocket>>();
  readonly available = new Set<string>();
  readonly #readSeq = new Map<string, number>();
  readonly #settings = new Map<string, RoomSettings>();
  #seq = 0;

  constructor(tables: MockTables, course: { id: string; title: string }) {
    this.#tables = tables;
    this.course = { ...course };
    this.#moderation = new MemoryModeration(tables, this.byId);
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

  newId(kind: 'message' | 'award' | 'report' | 'decision'): string {
    return this.#tables.newId(kind === 'message' ? 'msg' : kind);
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

  addReport(messageId: string, _reportId: string, report: MessageReport): number | null {
    return this.#moderation.addReport(messageId, report);
  }

  closeReports(messageId: string): number {
    return this.#moderation.closeReports(messageId);
  }

  reportedMessages(): Array<{ message: ChatMessage; reports: MessageReport[] }> {
    return this.#moderation.reportedMessages();
  }

  queueForModq(report: ModqReport): void {
    this.#moderation.queueForModq(report);
  }

  setHidden(messageId: string, hidden: boolean): boolean {
    return this.#moderation.setHidden(messageId, hidden);
  }

  editMessage(messageId: string, content: string, editedAt: string): void {
    this.#moderation.editMessage(messageId, content, editedAt);
  }

  deleteMessage(messageId: string): boolean {
    return this.#moderation.deleteMessage(messageId);
  }

  isModerator(userId: string): boolean {
    return this.roles.get(userId) === 'moderator';
  }

  moderators(): string[] {
    return [...this.roles.keys()].filter((userId) => this.isModerator(userId));
  }

  setMute(userId: string, until: string | null): void {
    this.#moderation.setMute(userId, until);
  }

  recordDecision(entry: DecisionAudit): boolean {
    return this.#moderation.recordDecision(entry);
  }

  raiseReadSeq(userId: string, seq: number): number {
    const readSeq = Math.max(this.readSeqOf(userId), seq);
    this.#readSeq.set(userId, readSeq);
    return readSeq;
  }

  lastSeq(): number {
    return this.#seq;
  }

  /**
   * Messages after `readSeq` the user sees and did not write nor report, and their mentions of
   * the user.
   */
  unread(userId: string, readSeq: number): UnreadCounts {
    const unread = this.seenBy(userId).filter((message) => message.seq > readSeq && message.author.id !== userId);
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

  mutedUntil(userId: string): string | null {
    return this.#moderation.mutedUntil(userId);
  }

  /** Nothing to do: the mock's live room reads mutes from the records `setMute` wrote. */
  setMutedUntil(): void {}

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
   * newest before it). Messages the reader reported or may not see are left out for them, and
   * hidden questions are never open ones.
   */
  history(readerId: string, query: HistoryQuery & { limit: number }): HistoryResponse {
    const { limit } = query;
    const visible = this.seenBy(readerId).filter(
      (message) => query.questions !== 'open' || (message.question_status === 'open' && !message.hidden),
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

  /** The room's messages as the reader sees them, ascending by seq. */
  seenBy(readerId: string): ChatMessage[] {
    const reader = { id: readerId, moderator: this.isModerator(readerId) };
    return this.messages.flatMap((message) => {
      const view = this.#moderation.reportedBy(readerId, message.id) ? null : visibleTo(message, reader);
      return view ? [view] : [];
    });
  }

  // ---- views ------------------------------------------------------------------------------

  /** Enrolled students, STs, and moderators, who are course staff. */
  isParticipant(userId: string): boolean {
    const role = this.roles.get(userId);
    return role === 'student' || role === 'student_teacher' || role === 'moderator';
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

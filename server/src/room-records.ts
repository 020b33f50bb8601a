/**
 * A course's records in D1, as the shared room rules read and write them (src/backend): the
 * Worker's side of `RoomRecords`, which the mock keeps in memory. Every query is in db.ts. In the
 * room's Durable Object new messages go to its own log (room-log.ts), which answers for them
 * until they are in D1; elsewhere the room is flushed before its records are read.
 */
import type { DecisionAudit, RoomRecords } from '../../src/backend/index.js';
import type {
  ChatMessage,
  GoodwillAward,
  MessageReport,
  ModqReport,
  RoomSettings,
  UnreadCounts,
} from '../../src/protocol/index.js';
import type { Database } from './db.js';
import type { Env } from './env.js';
import { ModerationDatabase } from './moderation-db.js';
import type { RoomLog } from './room-log.js';

/** Where the room's moderation writes go: its queries, and the queue out to MODQ (modq.ts). */
export interface RoomModeration {
  db: ModerationDatabase;
  outbox: Queue<ModqReport>;
}

export const moderationOf = (env: Env, courseId: string): RoomModeration => ({
  db: new ModerationDatabase(env.DB, courseId),
  outbox: env.MODQ_OUTBOX,
});

export class D1RoomRecords implements RoomRecords {
  readonly #db: Database;
  readonly #moderation: RoomModeration;
  readonly #log: RoomLog | null;
  readonly courseId: string;

  constructor(db: Database, courseId: string, moderation: RoomModeration, log: RoomLog | null = null) {
    this.#db = db;
    this.courseId = courseId;
    this.#moderation = moderation;
    this.#log = log;
  }

  async message(messageId: string): Promise<ChatMessage | null> {
    return this.#log?.pending({ id: messageId }) ?? this.#db.message(this.courseId, messageId);
  }

  async messageByClientId(authorId: string, clientId: string): Promise<ChatMessage | null> {
    return this.#log?.pending({ authorId, clientId }) ?? this.#db.messageByClientId(this.courseId, authorId, clientId);
  }

  participantsAmong(ids: string[]): Promise<string[]> {
    return this.#db.participantsAmong(this.courseId, ids);
  }

  newId(): string {
    return crypto.randomUUID();
  }

  async insertMessage(message: ChatMessage): Promise<boolean> {
    return this.#log ? this.#log.insert(message) : this.#db.insertMessage(message);
  }

  markQuestion(messageId: string): Promise<boolean> {
    return this.#db.markQuestion(messageId);
  }

  answerQuestion(messageId: string): Promise<boolean> {
    return this.#db.answerQuestion(messageId);
  }

  addReport(messageId: string, reportId: string, report: MessageReport): Promise<number | null> {
    return this.#moderation.db.addReport(messageId, reportId, report);
  }

  closeReports(messageId: string): Promise<number> {
    return this.#moderation.db.closeReports(messageId);
  }

  reportedMessages(): Promise<Array<{ message: ChatMessage; reports: MessageReport[] }>> {
    return this.#moderation.db.reportedMessages();
  }

  /** Durable on the queue once this resolves; the consumer delivers it (modq.ts). */
  async queueForModq(report: ModqReport): Promise<void> {
    await this.#moderation.outbox.send(report, { contentType: 'json' });
  }

  setHidden(messageId: string, hidden: boolean): Promise<boolean> {
    return this.#moderation.db.setHidden(messageId, hidden);
  }

  editMessage(messageId: string, content: string, editedAt: string): Promise<void> {
    return this.#moderation.db.editMessage(messageId, content, editedAt);
  }

  deleteMessage(messageId: string): Promise<boolean> {
    return this.#moderation.db.deleteMessage(messageId);
  }

  isModerator(userId: string): Promise<boolean> {
    return this.#moderation.db.isModerator(userId);
  }

  moderators(): Promise<string[]> {
    return this.#moderation.db.moderators();
  }

  setMute(userId: string, until: string | null): Promise<void> {
    return this.#moderation.db.setMute(userId, until);
  }

  recordDecision(entry: DecisionAudit): Promise<boolean> {
    return this.#moderation.db.recordDecision(entry);
  }

  raiseReadSeq(userId: string, seq: number): Promise<number> {
    return this.#db.raiseReadSeq(this.courseId, userId, seq);
  }

  lastSeq(): Promise<number> {
    return this.#db.lastSeq(this.courseId);
  }

  unread(userId: string, readSeq: number): Promise<UnreadCounts> {
    return this.#db.unread(this.courseId, userId, readSeq);
  }

  updateSettings(userId: string, change: { muted?: boolean; notifications?: boolean }): Promise<RoomSettings> {
    return this.#db.updateSettings(this.courseId, userId, change);
  }

  balanceOf(userId: string): Promise<number> {
    return this.#db.balanceOf(userId);
  }

  awardOf(giverId: string, reason: string, referenceId: string): Promise<GoodwillAward | null> {
    return this.#db.awardOf(giverId, reason, referenceId);
  }

  commitAward(award: GoodwillAward): Promise<'committed' | 'duplicate' | 'insufficient'> {
    return this.#db.commitAward(award);
  }
}

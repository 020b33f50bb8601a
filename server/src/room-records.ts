/**
 * A course's records in D1, as the shared room rules read and write them (src/backend): the
 * Worker's side of `RoomRecords`, which the mock keeps in memory. Every query is in db.ts. In the
 * room's Durable Object new messages go to its own log (room-log.ts), which answers for them
 * until they are in D1; elsewhere the room is flushed before its records are read.
 */
import type { RoomRecords } from '../../src/backend/index.js';
import type { ChatMessage, GoodwillAward, RoomSettings, UnreadCounts } from '../../src/protocol/index.js';
import type { Database } from './db.js';
import type { RoomLog } from './room-log.js';

export class D1RoomRecords implements RoomRecords {
  readonly #db: Database;
  readonly #log: RoomLog | null;
  readonly courseId: string;

  constructor(db: Database, courseId: string, log: RoomLog | null = null) {
    this.#db = db;
    this.courseId = courseId;
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

  report(messageId: string, reporterId: string, reason: string | null, at: string): Promise<void> {
    return this.#db.report(this.courseId, messageId, reporterId, reason, at);
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

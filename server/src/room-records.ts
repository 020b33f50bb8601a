/**
 * A course's records in D1, as the shared room rules read and write them (src/backend): the
 * Worker's side of `RoomRecords`, which the mock keeps in memory. Every query is in db.ts. In the
 * room's Durable Object new messages go to its own log (room-log.ts), which answers for them
 * until they are in D1; elsewhere the room is flushed before its records are read. Moderation's
 * writes run in the room object only (moderation-db.ts).
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
import type { ModerationDatabase } from './moderation-db.js';
import type { ModqOutbox } from './modq-outbox.js';
import type { RoomLog } from './room-log.js';

/** What only the room's Durable Object has: its message log, moderation's queries and its outbox to MODQ. */
export interface RoomParts {
  log: RoomLog;
  moderation: ModerationDatabase;
  outbox: ModqOutbox;
}

export class D1RoomRecords implements RoomRecords {
  readonly #db: Database;
  readonly #room: RoomParts | null;
  readonly courseId: string;

  constructor(db: Database, courseId: string, room: RoomParts | null = null) {
    this.#db = db;
    this.courseId = courseId;
    this.#room = room;
  }

  /**
   * Moderation changes messages in D1, which is safe only in the room: after its log is flushed,
   * in the order of its writes.
   */
  get #inRoom(): RoomParts {
    if (!this.#room) throw new Error('moderation is written in the room object only');
    return this.#room;
  }

  async message(messageId: string): Promise<ChatMessage | null> {
    return this.#room?.log.pending({ id: messageId }) ?? this.#db.message(this.courseId, messageId);
  }

  async messageByClientId(authorId: string, clientId: string): Promise<ChatMessage | null> {
    const pending = this.#room?.log.pending({ authorId, clientId });
    return pending ?? this.#db.messageByClientId(this.courseId, authorId, clientId);
  }

  participantsAmong(ids: string[]): Promise<string[]> {
    return this.#db.participantsAmong(this.courseId, ids);
  }

  newId(): string {
    return crypto.randomUUID();
  }

  async insertMessage(message: ChatMessage): Promise<boolean> {
    return this.#room ? this.#room.log.insert(message) : this.#db.insertMessage(message);
  }

  markQuestion(messageId: string): Promise<boolean> {
    return this.#db.markQuestion(messageId);
  }

  answerQuestion(messageId: string): Promise<boolean> {
    return this.#db.answerQuestion(messageId);
  }

  /** Noted in the outbox first, so MODQ hears of the report whatever becomes of the room after the insert. */
  addReport(messageId: string, reportId: string, report: MessageReport): Promise<number | null> {
    const { moderation, outbox } = this.#inRoom;
    const due = { report_id: reportId, course_id: this.courseId, message_id: messageId, report };
    return outbox.storing(due, () => moderation.addReport(messageId, reportId, report));
  }

  closeReports(messageId: string): Promise<number> {
    return this.#inRoom.moderation.closeReports(messageId);
  }

  reportedMessages(): Promise<Array<{ message: ChatMessage; reports: MessageReport[] }>> {
    return this.#inRoom.moderation.reportedMessages();
  }

  queueForModq(report: ModqReport): Promise<void> {
    return this.#inRoom.outbox.handOff(report);
  }

  setHidden(messageId: string, hidden: boolean): Promise<boolean> {
    return this.#inRoom.moderation.setHidden(messageId, hidden);
  }

  editMessage(messageId: string, content: string, editedAt: string): Promise<void> {
    return this.#inRoom.moderation.editMessage(messageId, content, editedAt);
  }

  deleteMessage(messageId: string): Promise<boolean> {
    return this.#inRoom.moderation.deleteMessage(messageId);
  }

  isModerator(userId: string): Promise<boolean> {
    return this.#inRoom.moderation.isModerator(userId);
  }

  moderators(): Promise<string[]> {
    return this.#inRoom.moderation.moderators();
  }

  setMute(userId: string, until: string | null): Promise<void> {
    return this.#inRoom.moderation.setMute(userId, until);
  }

  recordDecision(entry: DecisionAudit): Promise<boolean> {
    return this.#inRoom.moderation.recordDecision(entry);
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

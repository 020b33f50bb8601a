/**
 * Moderation's D1 queries (migration 0004): reports and their state, hidden, edited and deleted
 * messages, moderators, mutes and the audit of decisions. The room object runs them after its log
 * is flushed, so D1 is authoritative for every message they change, and the log's later batches
 * (which never overwrite a row D1 holds) cannot undo them.
 */
import type { DecisionAudit } from '../../src/backend/index.js';
import type { ChatMessage, MessageReport, ReportReason } from '../../src/protocol/index.js';
import { messageView, toMessage, type MessageRow } from './message-view.js';

interface ReportRow {
  message_id: string;
  reporter_id: string;
  reason: ReportReason;
  note: string | null;
  created_at: string;
}

const toReport = (row: ReportRow): MessageReport => ({
  reporter_id: row.reporter_id,
  reason: row.reason,
  note: row.note,
  created_at: row.created_at,
});

export class ModerationDatabase {
  readonly #db: D1Database;
  readonly #courseId: string;

  constructor(db: D1Database, courseId: string) {
    this.#db = db;
    this.#courseId = courseId;
  }

  /**
   * The report and the count of distinct open reporters in one batch (a D1 transaction), so
   * reporters at once each count the other; null when this person had reported the message.
   */
  async addReport(messageId: string, reportId: string, report: MessageReport): Promise<number | null> {
    const [inserted, counted] = await this.#db.batch<{ count: number }>([
      this.#insertReport(messageId, reportId, report),
      this.#openReporters(messageId),
    ]);
    if (!inserted?.meta.changes) return null;
    return counted?.results[0]?.count ?? 0;
  }

  /**
   * A report whose room died before it finished the report rule (modq-outbox.ts): stored first
   * unless it already is, so a report whose insert the crash cut short is kept as its reporter
   * asked, then counted as `addReport` counts, in one transaction. Null when no report has this
   * id: its message is gone, or the reporter's other report of the message holds its place.
   */
  async restoreReport(messageId: string, reportId: string, report: MessageReport): Promise<number | null> {
    const [, stored, counted] = await this.#db.batch([
      this.#insertReport(messageId, reportId, report),
      this.#db.prepare('SELECT 1 AS yes FROM chat_reports WHERE id = ?').bind(reportId),
      this.#openReporters(messageId),
    ]);
    const count = (counted?.results[0] as { count: number } | undefined)?.count;
    return stored?.results.length && count !== undefined ? count : null;
  }

  /** Nothing when the person already reported the message, or the message is not in this course. */
  #insertReport(messageId: string, reportId: string, report: MessageReport): D1PreparedStatement {
    return this.#db
      .prepare(
        `INSERT INTO chat_reports (id, message_id, reporter_id, course_id, reason, note, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
         WHERE EXISTS (SELECT 1 FROM chat_messages WHERE id = ?2 AND course_id = ?4) ON CONFLICT DO NOTHING`,
      )
      .bind(reportId, messageId, report.reporter_id, this.#courseId, report.reason, report.note, report.created_at);
  }

  #openReporters(messageId: string): D1PreparedStatement {
    return this.#db
      .prepare("SELECT COUNT(*) AS count FROM chat_reports WHERE message_id = ? AND state = 'open'")
      .bind(messageId);
  }

  /** Marks the message's open reports decided; how many there were. */
  async closeReports(messageId: string): Promise<number> {
    const result = await this.#db
      .prepare("UPDATE chat_reports SET state = 'decided' WHERE message_id = ? AND course_id = ? AND state = 'open'")
      .bind(messageId, this.#courseId)
      .run();
    return result.meta.changes;
  }

  /** The course's messages with open reports, by their oldest open report, with those reports. */
  async reportedMessages(): Promise<Array<{ message: ChatMessage; reports: MessageReport[] }>> {
    const [messages, reports] = await this.#db.batch([
      this.#db
        .prepare(
          `${messageView}
           WHERE m.course_id = ?1 AND EXISTS (SELECT 1 FROM chat_reports r WHERE r.message_id = m.id AND r.state = 'open')`,
        )
        .bind(this.#courseId),
      this.#db
        .prepare(
          `SELECT message_id, reporter_id, reason, note, created_at FROM chat_reports
           WHERE course_id = ? AND state = 'open' ORDER BY created_at, reporter_id`,
        )
        .bind(this.#courseId),
    ]);
    const byId = new Map((messages?.results as MessageRow[]).map((row) => [row.id, toMessage(row)]));
    const reported = new Map<string, { message: ChatMessage; reports: MessageReport[] }>();
    for (const row of reports?.results as ReportRow[]) {
      const message = byId.get(row.message_id);
      if (!message) continue;
      let entry = reported.get(row.message_id);
      if (!entry) reported.set(row.message_id, (entry = { message, reports: [] }));
      entry.reports.push(toReport(row));
    }
    return [...reported.values()];
  }

  /** False when the message already was so. */
  async setHidden(messageId: string, hidden: boolean): Promise<boolean> {
    const result = await this.#db
      .prepare('UPDATE chat_messages SET hidden = ?1 WHERE id = ?2 AND course_id = ?3 AND hidden != ?1')
      .bind(hidden ? 1 : 0, messageId, this.#courseId)
      .run();
    return result.meta.changes > 0;
  }

  /** The old text into `chat_message_edits` and the new one onto the message, in one transaction. */
  async editMessage(messageId: string, content: string, editedAt: string): Promise<void> {
    await this.#db.batch([
      this.#db
        .prepare(
          `INSERT INTO chat_message_edits (message_id, content, mentions, edited_at)
           SELECT id, content, mentions, ?3 FROM chat_messages WHERE id = ?1 AND course_id = ?2`,
        )
        .bind(messageId, this.#courseId, editedAt),
      this.#db
        .prepare('UPDATE chat_messages SET content = ?, edited_at = ? WHERE id = ? AND course_id = ?')
        .bind(content, editedAt, messageId, this.#courseId),
    ]);
  }

  /** Empties the message and closes it as a question; its points stay. False when it already was deleted. */
  async deleteMessage(messageId: string): Promise<boolean> {
    const result = await this.#db
      .prepare(
        `UPDATE chat_messages
         SET deleted = 1, content = '', mentions = '[]',
             question_status = CASE WHEN question_status = 'open' THEN NULL ELSE question_status END
         WHERE id = ? AND course_id = ? AND deleted = 0`,
      )
      .bind(messageId, this.#courseId)
      .run();
    return result.meta.changes > 0;
  }

  async moderators(): Promise<string[]> {
    const { results } = await this.#db
      .prepare('SELECT user_id FROM course_moderators WHERE course_id = ? ORDER BY user_id')
      .bind(this.#courseId)
      .all<{ user_id: string }>();
    return results.map((row) => row.user_id);
  }

  async isModerator(userId: string): Promise<boolean> {
    const row = await this.#db
      .prepare('SELECT 1 AS yes FROM course_moderators WHERE course_id = ? AND user_id = ?')
      .bind(this.#courseId, userId)
      .first<{ yes: number }>();
    return row !== null;
  }

  /** Stores the end of the user's mute, or lifts it (null). */
  async setMute(userId: string, until: string | null): Promise<void> {
    const statement =
      until === null
        ? this.#db.prepare('DELETE FROM chat_mutes WHERE course_id = ? AND user_id = ?').bind(this.#courseId, userId)
        : this.#db
            .prepare(
              `INSERT INTO chat_mutes (course_id, user_id, until) VALUES (?, ?, ?)
               ON CONFLICT (course_id, user_id) DO UPDATE SET until = excluded.until`,
            )
            .bind(this.#courseId, userId, until);
    await statement.run();
  }

  /** The decision into the audit; false when its id is there already (a replay). */
  async recordDecision(entry: DecisionAudit): Promise<boolean> {
    const result = await this.#db
      .prepare(
        `INSERT INTO chat_moderation_audit
           (decision_id, course_id, actor, action, message_id, user_id, until, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING`,
      )
      .bind(
        entry.id,
        this.#courseId,
        entry.actor,
        entry.action,
        entry.message_id,
        entry.user_id,
        entry.until,
        entry.reason,
        entry.at,
      )
      .run();
    return result.meta.changes > 0;
  }
}

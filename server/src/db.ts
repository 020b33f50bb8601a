/**
 * Every D1 query of the backend, so the Worker and the room object read and write the same shapes.
 * Rows are turned into protocol entities here and nowhere else.
 */
import { accessRefusal, done, refusals, type Outcome, type Reader } from '../../src/backend/index.js';
import {
  type ChatMessage,
  type GoodwillAward,
  type HistoryQuery,
  type HistoryResponse,
  type RoomSettings,
  type UnreadCounts,
  type User,
} from '../../src/protocol/index.js';
import { messageView, readableBy, seenBy, toMessage, type MessageRow } from './message-view.js';

/**
 * What a user may do in a course: who they are there, and the course itself; whether they
 * moderate it, and until when a moderator muted them there (an ISO time, possibly past, or null).
 */
export interface CourseAccess {
  course: { id: string; title: string };
  me: User;
  moderator: boolean;
  mutedUntil: string | null;
}

interface AccessRow {
  title: string;
  name: string | null;
  avatar_url: string | null;
  enrolled: number;
  st: number;
  moderator: number;
  muted_until: string | null;
  flag: number | null;
}

export class Database {
  readonly #db: D1Database;
  readonly #courseChatDefault: boolean;

  constructor(db: D1Database, courseChatDefault: boolean) {
    this.#db = db;
    this.#courseChatDefault = courseChatDefault;
  }

  /** Enrolment or ST certification, then the `course_chat` flag: the order of docs/protocol.md. */
  async access(userId: string, courseId: string): Promise<Outcome<CourseAccess>> {
    return (await this.accessOfMany([userId], courseId)).get(userId) ?? refusals.courseNotFound();
  }

  /** `access` for several users of one course in one query, as a room re-checks everyone connected. */
  async accessOfMany(userIds: string[], courseId: string): Promise<Map<string, Outcome<CourseAccess>>> {
    const { results } = await this.#db
      .prepare(
        `SELECT j.value AS user_id, c.title, u.name, u.avatar_url,
                EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.user_id = j.value) AS enrolled,
                EXISTS (SELECT 1 FROM student_teachers s WHERE s.course_id = c.id AND s.user_id = j.value) AS st,
                EXISTS (SELECT 1 FROM course_moderators o WHERE o.course_id = c.id AND o.user_id = j.value) AS moderator,
                (SELECT t.until FROM chat_mutes t WHERE t.course_id = c.id AND t.user_id = j.value) AS muted_until,
                (SELECT f.enabled FROM feature_flags f WHERE f.user_id = j.value AND f.flag = 'course_chat') AS flag
         FROM json_each(?1) j JOIN courses c ON c.id = ?2 LEFT JOIN users u ON u.id = j.value`,
      )
      .bind(JSON.stringify(userIds), courseId)
      .all<AccessRow & { user_id: string }>();
    const rows = new Map(results.map((row) => [row.user_id, row]));
    return new Map(userIds.map((userId) => [userId, this.#decide(userId, courseId, rows.get(userId))]));
  }

  #decide(userId: string, courseId: string, row: AccessRow | undefined): Outcome<CourseAccess> {
    const refused = accessRefusal({
      course: row !== undefined,
      participant:
        row !== undefined && row.name !== null && (row.enrolled === 1 || row.st === 1 || row.moderator === 1),
      enabled: row?.flag === null || row?.flag === undefined ? this.#courseChatDefault : row.flag === 1,
    });
    if (refused || !row || row.name === null) return refused ?? refusals.notEnrolled();
    return done({
      course: { id: courseId, title: row.title },
      me: { id: userId, name: row.name, avatar_url: row.avatar_url, is_student_teacher: row.st === 1 },
      moderator: row.moderator === 1,
      mutedUntil: row.muted_until,
    });
  }

  async balanceOf(userId: string): Promise<number> {
    const row = await this.#db
      .prepare('SELECT balance FROM user_goodwill WHERE user_id = ?')
      .bind(userId)
      .first<{ balance: number }>();
    return row?.balance ?? 0;
  }

  async lastSeq(courseId: string): Promise<number> {
    const row = await this.#db
      .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM chat_messages WHERE course_id = ?')
      .bind(courseId)
      .first<{ seq: number }>();
    return row?.seq ?? 0;
  }

  async courseOfMessage(messageId: string): Promise<string | null> {
    const row = await this.#db
      .prepare('SELECT course_id FROM chat_messages WHERE id = ?')
      .bind(messageId)
      .first<{ course_id: string }>();
    return row?.course_id ?? null;
  }

  async message(courseId: string, messageId: string): Promise<ChatMessage | null> {
    const row = await this.#db
      .prepare(`${messageView} WHERE m.course_id = ? AND m.id = ?`)
      .bind(courseId, messageId)
      .first<MessageRow>();
    return row ? toMessage(row) : null;
  }

  async messageByClientId(courseId: string, authorId: string, clientId: string): Promise<ChatMessage | null> {
    const row = await this.#db
      .prepare(`${messageView} WHERE m.course_id = ? AND m.author_id = ? AND m.client_id = ?`)
      .bind(courseId, authorId, clientId)
      .first<MessageRow>();
    return row ? toMessage(row) : null;
  }

  /**
   * One page of history, ascending by seq: after `after` (oldest first) or before `before`
   * (newest first, then reversed). Messages the reader reported are left out for them, and hidden
   * ones unless they are the author's or the reader moderates.
   */
  async history(courseId: string, reader: Reader, page: HistoryQuery & { limit: number }): Promise<HistoryResponse> {
    const forward = page.after !== undefined;
    const cursor = forward ? page.after : (page.before ?? Number.MAX_SAFE_INTEGER);
    const { results } = await this.#db
      .prepare(
        `${messageView}
         WHERE m.course_id = ?1 AND m.seq ${forward ? '>' : '<'} ?2
           AND (?3 = 0 OR m.question_status = 'open')
           AND NOT EXISTS (SELECT 1 FROM chat_reports r WHERE r.message_id = m.id AND r.reporter_id = ?4)
           AND ${readableBy('?4')}
         ORDER BY m.seq ${forward ? 'ASC' : 'DESC'}
         LIMIT ?5`,
      )
      .bind(courseId, cursor, page.questions === 'open' ? 1 : 0, reader.id, page.limit + 1)
      .all<MessageRow>();
    const rows = results.slice(0, page.limit);
    if (!forward) rows.reverse();
    return { messages: seenBy(rows, reader), has_more: results.length > page.limit };
  }

  /** The user's read marker and settings for a course's room; defaults before they set any. */
  async membership(courseId: string, userId: string): Promise<{ readSeq: number; settings: RoomSettings }> {
    const row = await this.#db
      .prepare('SELECT read_seq, muted, notifications FROM chat_room_members WHERE course_id = ? AND user_id = ?')
      .bind(courseId, userId)
      .first<{ read_seq: number; muted: number; notifications: number }>();
    return {
      readSeq: row?.read_seq ?? 0,
      settings: { muted: row?.muted === 1, notifications: row?.notifications === 1 },
    };
  }

  /**
   * Messages after `readSeq` that are not the user's own nor reported by them nor hidden (unless
   * they moderate), and their mentions of the user.
   */
  async unread(courseId: string, userId: string, readSeq: number): Promise<UnreadCounts> {
    const row = await this.#db
      .prepare(
        `SELECT COUNT(*) AS count,
                COALESCE(SUM(EXISTS (SELECT 1 FROM json_each(m.mentions) j WHERE j.value = ?2)), 0) AS mentions
         FROM chat_messages m
         WHERE m.course_id = ?1 AND m.seq > ?3 AND m.author_id != ?2
           AND NOT EXISTS (SELECT 1 FROM chat_reports r WHERE r.message_id = m.id AND r.reporter_id = ?2)
           AND ${readableBy('?2')}`,
      )
      .bind(courseId, userId, readSeq)
      .first<UnreadCounts>();
    return { count: row?.count ?? 0, mentions: row?.mentions ?? 0 };
  }

  /** Raises the read marker to `seq`, never lowers it; answers the marker now. */
  async raiseReadSeq(courseId: string, userId: string, seq: number): Promise<number> {
    const row = await this.#db
      .prepare(
        `INSERT INTO chat_room_members (course_id, user_id, read_seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (course_id, user_id) DO UPDATE SET read_seq = MAX(read_seq, excluded.read_seq)
         RETURNING read_seq`,
      )
      .bind(courseId, userId, seq)
      .first<{ read_seq: number }>();
    return row?.read_seq ?? 0;
  }

  /** Changes the given settings and keeps the others. */
  async updateSettings(
    courseId: string,
    userId: string,
    change: { muted?: boolean | undefined; notifications?: boolean | undefined },
  ): Promise<RoomSettings> {
    const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
    const row = await this.#db
      .prepare(
        `INSERT INTO chat_room_members (course_id, user_id, muted, notifications)
         VALUES (?1, ?2, COALESCE(?3, 0), COALESCE(?4, 0))
         ON CONFLICT (course_id, user_id) DO UPDATE
           SET muted = COALESCE(?3, muted), notifications = COALESCE(?4, notifications)
         RETURNING muted, notifications`,
      )
      .bind(courseId, userId, flag(change.muted), flag(change.notifications))
      .first<{ muted: number; notifications: number }>();
    return { muted: row?.muted === 1, notifications: row?.notifications === 1 };
  }

  /** The ids among `ids` who take part in the course (enrolled or ST), in their given order. */
  async participantsAmong(courseId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const { results } = await this.#db
      .prepare(
        `SELECT user_id FROM enrollments WHERE course_id = ?1 AND user_id IN (SELECT value FROM json_each(?2))
         UNION SELECT user_id FROM student_teachers WHERE course_id = ?1 AND user_id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(courseId, JSON.stringify(ids))
      .all<{ user_id: string }>();
    const found = new Set(results.map((row) => row.user_id));
    return ids.filter((id) => found.has(id));
  }

  /** Stores a new message; false when its author already stored one under this `client_id`. */
  async insertMessage(message: ChatMessage): Promise<boolean> {
    const result = await this.#insert(message).run();
    return result.meta.changes > 0;
  }

  /**
   * A room's log entries in one batch, which D1 runs as a transaction; a message D1 already holds
   * (by id or by its author's `client_id`) is left as it is, so a retried batch is harmless.
   */
  async insertMessages(messages: ChatMessage[]): Promise<void> {
    await this.#db.batch(messages.map((message) => this.#insert(message)));
  }

  #insert(message: ChatMessage): D1PreparedStatement {
    return this.#db
      .prepare(
        `INSERT INTO chat_messages (id, course_id, seq, client_id, author_id, content, is_question, question_status,
                                    reply_to_id, mentions, helpful_points, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .bind(
        message.id,
        message.course_id,
        message.seq,
        message.client_id,
        message.author.id,
        message.content,
        message.is_question ? 1 : 0,
        message.question_status,
        message.reply_to_id,
        JSON.stringify(message.mentions),
        message.helpful_points,
        message.created_at,
      );
  }

  /** Makes a message an open question; false when it already was one. */
  async markQuestion(messageId: string): Promise<boolean> {
    const result = await this.#db
      .prepare("UPDATE chat_messages SET is_question = 1, question_status = 'open' WHERE id = ? AND is_question = 0")
      .bind(messageId)
      .run();
    return result.meta.changes > 0;
  }

  /** Closes an open question; false when it was not open. */
  async answerQuestion(messageId: string): Promise<boolean> {
    const result = await this.#db
      .prepare("UPDATE chat_messages SET question_status = 'answered' WHERE id = ? AND question_status = 'open'")
      .bind(messageId)
      .run();
    return result.meta.changes > 0;
  }

  /** The user's own awards for messages of the course, oldest first. */
  async awardsBy(giverId: string, courseId: string): Promise<GoodwillAward[]> {
    const { results } = await this.#db
      .prepare(
        `SELECT t.id, t.from_user_id, t.to_user_id, t.points, t.reason, t.reference_id, t.created_at
         FROM goodwill_transactions t JOIN chat_messages m ON m.id = t.reference_id
         WHERE t.from_user_id = ? AND m.course_id = ?
         ORDER BY t.created_at, t.id`,
      )
      .bind(giverId, courseId)
      .all<GoodwillAward>();
    return results;
  }

  async awardOf(giverId: string, reason: string, referenceId: string): Promise<GoodwillAward | null> {
    return this.#db
      .prepare(
        `SELECT id, from_user_id, to_user_id, points, reason, reference_id, created_at FROM goodwill_transactions
         WHERE from_user_id = ? AND reason = ? AND reference_id = ?`,
      )
      .bind(giverId, reason, referenceId)
      .first<GoodwillAward>();
  }

  /**
   * The award as one D1 batch, which D1 runs as a transaction: the ledger row (unique per giver,
   * reason and reference), the debit (refused below zero by the CHECK), the credit and the
   * message's total. Any failing statement rolls back all of them.
   */
  async commitAward(award: GoodwillAward): Promise<'committed' | 'duplicate' | 'insufficient'> {
    try {
      await this.#db.batch([
        this.#db
          .prepare(
            `INSERT INTO goodwill_transactions (id, from_user_id, to_user_id, points, reason, reference_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            award.id,
            award.from_user_id,
            award.to_user_id,
            award.points,
            award.reason,
            award.reference_id,
            award.created_at,
          ),
        this.#db
          .prepare('UPDATE user_goodwill SET balance = balance - ? WHERE user_id = ?')
          .bind(award.points, award.from_user_id),
        this.#db
          .prepare(
            `INSERT INTO user_goodwill (user_id, balance) VALUES (?, ?)
             ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance`,
          )
          .bind(award.to_user_id, award.points),
        this.#db
          .prepare('UPDATE chat_messages SET helpful_points = helpful_points + ? WHERE id = ?')
          .bind(award.points, award.reference_id),
      ]);
      return 'committed';
    } catch (error) {
      const text = String(error);
      if (text.includes('UNIQUE constraint failed')) return 'duplicate';
      if (text.includes('CHECK constraint failed')) return 'insufficient';
      throw error;
    }
  }
}

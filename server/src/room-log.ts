/**
 * A room's message log in its Durable Object's own SQLite storage. A send is written here, and
 * the runtime holds the answer until the write is durable, so an acknowledged message survives a
 * crash without a network round trip to D1. D1's `chat_messages` (history across rooms,
 * moderation, search, the goodwill ledger's message points) is filled from here in batches:
 * right after a write, with the writes that came meanwhile joining the next batch, and by the
 * room's alarm after a crash or a failed batch. Rows reach D1 idempotently (by message id and by
 * `client_id`), so a batch retried after a crash between the two stores nothing twice.
 *
 * Until a message is in D1 this log is authoritative for it; afterwards D1 is (questions and
 * points change there), and reads of anything but the message itself flush first.
 */
import type { ChatMessage } from '../../src/protocol/index.js';
import type { Database } from './db.js';

/** How many messages one D1 batch carries at most. */
const batchSize = 100;

export class RoomLog {
  readonly #sql: SqlStorage;
  readonly #db: Database;
  /** The batch on its way to D1, which later callers wait for rather than start another. */
  #flushing: Promise<void> | null = null;

  constructor(sql: SqlStorage, db: Database) {
    this.#sql = sql;
    this.#db = db;
    sql.exec(`CREATE TABLE IF NOT EXISTS room_log (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      author_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      message TEXT NOT NULL,
      in_d1 INTEGER NOT NULL DEFAULT 0,
      UNIQUE (author_id, client_id))`);
    sql.exec('CREATE INDEX IF NOT EXISTS room_log_pending ON room_log (seq) WHERE in_d1 = 0');
  }

  /** Highest seq in the log; 0 when it is empty. */
  lastSeq(): number {
    return this.#sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM room_log').one().seq;
  }

  /** Stores a new message; false when its author already stored one under its `client_id`. */
  insert(message: ChatMessage): boolean {
    const cursor = this.#sql.exec(
      `INSERT INTO room_log (seq, id, author_id, client_id, message) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      message.seq,
      message.id,
      message.author.id,
      message.client_id,
      JSON.stringify(message),
    );
    return cursor.rowsWritten > 0;
  }

  /** The message as sent while it is not yet in D1; null once D1 holds it (or it never was). */
  pending(where: { id: string } | { authorId: string; clientId: string }): ChatMessage | null {
    const rows =
      'id' in where
        ? this.#sql.exec<{ message: string }>('SELECT message FROM room_log WHERE in_d1 = 0 AND id = ?', where.id)
        : this.#sql.exec<{ message: string }>(
            'SELECT message FROM room_log WHERE in_d1 = 0 AND author_id = ? AND client_id = ?',
            where.authorId,
            where.clientId,
          );
    const row = rows.toArray()[0];
    return row ? (JSON.parse(row.message) as ChatMessage) : null;
  }

  /** Resolves once every message written before the call is in D1; rejects when D1 failed. */
  async flush(): Promise<void> {
    const upTo = this.lastSeq();
    while (this.#sql.exec('SELECT 1 FROM room_log WHERE in_d1 = 0 AND seq <= ? LIMIT 1', upTo).toArray().length > 0) {
      this.#flushing ??= this.#batch().finally(() => (this.#flushing = null));
      await this.#flushing;
    }
  }

  /** Forgets the log, as the room's course was replaced (dev fixtures). */
  clear(): void {
    this.#sql.exec('DELETE FROM room_log');
  }

  async #batch(): Promise<void> {
    const rows = this.#sql
      .exec<{ seq: number; message: string }>(
        'SELECT seq, message FROM room_log WHERE in_d1 = 0 ORDER BY seq LIMIT ?',
        batchSize,
      )
      .toArray();
    const last = rows.at(-1);
    if (!last) return;
    await this.#db.insertMessages(rows.map((row) => JSON.parse(row.message) as ChatMessage));
    this.#sql.exec('UPDATE room_log SET in_d1 = 1 WHERE in_d1 = 0 AND seq <= ?', last.seq);
  }
}

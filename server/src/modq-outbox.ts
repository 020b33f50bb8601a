/**
 * The room's hand-off of new reports to the MODQ queue (modq.ts). A report is kept in the room's
 * own SQLite storage until the queue has taken it, so a failed send is sent again by the room's
 * alarm rather than lost: with the queue's retries and its dead letters, MODQ gets every report at
 * least once (and keeps each `report_id` once).
 */
import type { ModqReport } from '../../src/protocol/index.js';
import type { AlarmClock } from './alarm-clock.js';

/** How long after a failed send the alarm tries again. */
const resendMs = 5000;

export class ModqOutbox {
  readonly #sql: SqlStorage;
  readonly #queue: Queue<ModqReport>;
  readonly #clock: AlarmClock;

  constructor(sql: SqlStorage, queue: Queue<ModqReport>, clock: AlarmClock) {
    this.#sql = sql;
    this.#queue = queue;
    this.#clock = clock;
    sql.exec('CREATE TABLE IF NOT EXISTS modq_outbox (report_id TEXT PRIMARY KEY, report TEXT NOT NULL)');
  }

  /** Keeps the report, then sends it; when the queue refuses it, the alarm sends it again. */
  async handOff(report: ModqReport): Promise<void> {
    this.#sql.exec(
      'INSERT INTO modq_outbox (report_id, report) VALUES (?, ?) ON CONFLICT DO NOTHING',
      report.report_id,
      JSON.stringify(report),
    );
    await this.#send(report);
  }

  /** The alarm rang: sends again whatever a failed send left. */
  async resend(): Promise<void> {
    const rows = this.#sql.exec<{ report: string }>('SELECT report FROM modq_outbox').toArray();
    for (const row of rows) await this.#send(JSON.parse(row.report) as ModqReport);
  }

  async #send(report: ModqReport): Promise<void> {
    try {
      await this.#queue.send(report, { contentType: 'json' });
    } catch (error) {
      console.error(
        `course-chat: report ${report.report_id} could not go on the MODQ queue; the alarm tries again`,
        error,
      );
      return this.#clock.wake(Date.now() + resendMs);
    }
    this.#sql.exec('DELETE FROM modq_outbox WHERE report_id = ?', report.report_id);
  }
}

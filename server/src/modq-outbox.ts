/**
 * The room's hand-off of new reports to the MODQ queue (modq.ts), which no crash of the room
 * object can cut. Before a report is stored in D1 it is noted in the room's own SQLite storage
 * (`modq_due`, made durable first) and the alarm is set; once the report rule has it ready for
 * MODQ it moves, in one step, to `modq_outbox`, which keeps it until the queue has taken it. The
 * alarm sends again what the queue refused, and finishes each report a crash interrupted: a
 * note older than any report takes (`interruptedAfterMs`) is stored in D1 again (which changes
 * nothing when it is there), then the rest of the report rule runs as it would have
 * (`actOnReport`: the message hidden at the threshold, moderators told, the hand-off). With the
 * queue's retries and its dead letters, MODQ gets every stored report at least once (and keeps
 * each `report_id` once).
 */
import { actOnReport, wait, type RoomContext, type Rule } from '../../src/backend/index.js';
import type { MessageReport, ModqReport } from '../../src/protocol/index.js';
import type { AlarmClock } from './alarm-clock.js';
import { modqFaults, type ModqQueue } from './dev-faults.js';
import type { Env } from './env.js';
import { ModerationDatabase } from './moderation-db.js';

/** How long after a failed send the alarm tries again. */
const resendMs = 5000;
/**
 * A report's rule takes milliseconds from its note to its hand-off; a note this old was left by a
 * crash. Were a report ever slower, it would reach MODQ twice, which MODQ's `report_id` absorbs.
 */
const interruptedAfterMs = 15_000;

/** What a report's hand-off needs before the report is stored. */
export interface DueReport {
  report_id: string;
  course_id: string;
  message_id: string;
  report: MessageReport;
}

/** Runs a rule in the room of a course, in the order of the room's writes (ChatRoom). */
export type InRoom = <T>(courseId: string, rule: (room: RoomContext) => Rule<T>) => Promise<T>;

type DueRow = {
  report_id: string;
  course_id: string;
  message_id: string;
  report: string;
  noted_at: number;
};

export class ModqOutbox {
  readonly #storage: DurableObjectStorage;
  readonly #db: D1Database;
  readonly #queue: ModqQueue;
  readonly #afterReportStored: () => void;
  readonly #clock: AlarmClock;

  constructor(ctx: DurableObjectState, env: Env, clock: AlarmClock) {
    this.#storage = ctx.storage;
    this.#db = env.DB;
    ({ queue: this.#queue, afterReportStored: this.#afterReportStored } = modqFaults(env, ctx));
    this.#clock = clock;
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS modq_outbox (report_id TEXT PRIMARY KEY, report TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS modq_due (
        report_id TEXT PRIMARY KEY, course_id TEXT NOT NULL, message_id TEXT NOT NULL,
        report TEXT NOT NULL, noted_at INTEGER NOT NULL
      )`);
  }

  /**
   * Runs `store` (the report's insert into D1; null when it stored nothing) once the report is
   * noted as due to MODQ, durably, with the alarm set to finish the hand-off should the room die
   * before `handOff`.
   */
  async storing(due: DueReport, store: () => Promise<number | null>): Promise<number | null> {
    const notedAt = Date.now();
    this.#storage.sql.exec(
      'INSERT INTO modq_due (report_id, course_id, message_id, report, noted_at) VALUES (?, ?, ?, ?, ?)',
      due.report_id,
      due.course_id,
      due.message_id,
      JSON.stringify(due.report),
      notedAt,
    );
    await this.#clock.wake(notedAt + interruptedAfterMs);
    await this.#storage.sync();
    const count = await store();
    if (count === null) this.#storage.sql.exec('DELETE FROM modq_due WHERE report_id = ?', due.report_id);
    else this.#afterReportStored();
    return count;
  }

  /** Keeps the report for MODQ, then sends it; when the queue refuses it, the alarm sends it again. */
  async handOff(report: ModqReport): Promise<void> {
    this.#keep(report);
    await this.#send(report);
  }

  /**
   * The alarm rang: sends again whatever a failed send left, and finishes the report rule a crash
   * interrupted (`inRoom` runs it in the room's order of writes, as a report is).
   */
  async resend(inRoom: InRoom): Promise<void> {
    const rows = this.#storage.sql.exec<{ report: string }>('SELECT report FROM modq_outbox').toArray();
    for (const row of rows) await this.#send(JSON.parse(row.report) as ModqReport);
    await this.#finishInterrupted(inRoom);
  }

  async #finishInterrupted(inRoom: InRoom): Promise<void> {
    const notes = this.#storage.sql.exec<DueRow>('SELECT * FROM modq_due').toArray();
    for (const note of notes) {
      const due = note.noted_at + interruptedAfterMs;
      if (due > Date.now()) {
        await this.#clock.wake(due);
        continue;
      }
      const moderation = new ModerationDatabase(this.#db, note.course_id);
      const report = JSON.parse(note.report) as MessageReport;
      try {
        // Its hand-off (`handOff`) takes the note out of `modq_due`.
        const kept = await inRoom(note.course_id, function* (room) {
          const count = yield* wait(moderation.restoreReport(note.message_id, note.report_id, report));
          if (count !== null)
            yield* actOnReport(room, { report_id: note.report_id, message_id: note.message_id, report, count });
          return count !== null;
        });
        if (!kept) this.#storage.sql.exec('DELETE FROM modq_due WHERE report_id = ?', note.report_id);
      } catch (error) {
        console.error(`course-chat: report ${note.report_id} could not be finished; the alarm tries again`, error);
        await this.#clock.wake(Date.now() + resendMs);
      }
    }
  }

  /** Out of `modq_due` and into `modq_outbox` in one transaction. */
  #keep(report: ModqReport): void {
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO modq_outbox (report_id, report) VALUES (?, ?) ON CONFLICT DO NOTHING',
        report.report_id,
        JSON.stringify(report),
      );
      this.#storage.sql.exec('DELETE FROM modq_due WHERE report_id = ?', report.report_id);
    });
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
    this.#storage.sql.exec('DELETE FROM modq_outbox WHERE report_id = ?', report.report_id);
  }
}

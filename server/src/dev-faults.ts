/**
 * Faults a development Worker (`DEV_ENDPOINTS=on`, never production) can be started with, so the
 * tests show what the room does when a step of a report's hand-off to MODQ fails for real
 * (test/server/modq-durability.test.mjs). `DEV_FAULTS` lists them, comma-separated:
 * - `modq_queue_refuses:N`: the MODQ queue throws on each room object's first N sends;
 * - `crash_after_report_stored`: the room object is reset (`ctx.abort()`, as when the runtime
 *   evicts it or its isolate dies) right after each new report is stored in D1, before its hand-off.
 */
import type { ModqReport } from '../../src/protocol/index.js';
import type { Env } from './env.js';

/** All the room's outbox asks of the MODQ queue. */
export type ModqQueue = Pick<Queue<ModqReport>, 'send'>;

export interface ModqFaults {
  queue: ModqQueue;
  afterReportStored: () => void;
}

export function modqFaults(env: Env, ctx: DurableObjectState): ModqFaults {
  const faults = env.DEV_ENDPOINTS === 'on' ? (env.DEV_FAULTS ?? '').split(',') : [];
  const refusals = faults.find((fault) => fault.startsWith('modq_queue_refuses:'));
  let refusalsLeft = refusals ? Number(refusals.split(':')[1]) : 0;
  const queue: ModqQueue = {
    send: (report, options) =>
      refusalsLeft-- > 0
        ? Promise.reject(new Error('DEV_FAULTS: the queue refused'))
        : env.MODQ_OUTBOX.send(report, options),
  };
  const crashes = faults.includes('crash_after_report_stored');
  return {
    queue: refusals ? queue : env.MODQ_OUTBOX,
    afterReportStored: () => {
      if (crashes) ctx.abort('DEV_FAULTS: crash_after_report_stored');
    },
  };
}

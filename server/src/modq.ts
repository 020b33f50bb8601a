/**
 * Reports out to the platform's moderation queue (MODQ). The room puts each new report on a
 * Cloudflare Queue (`MODQ_OUTBOX`) once it is stored (modq-outbox.ts); this consumer POSTs each
 * to `MODQ_URL`, signed with `MODQ_SECRET` (src/backend/hmac.ts), and asks the queue to retry what
 * MODQ did not take, waiting twice as long each time. After the queue's `max_retries`
 * (wrangler.jsonc) a report moves to the dead-letter queue, whose consumer keeps it in D1
 * (`chat_modq_dead_letters`), so an outage of MODQ loses nothing. Delivery is at least once: MODQ
 * keeps each `report_id` once.
 *
 * Without `MODQ_URL` the deployment has no MODQ: reports stay in D1 (moderators in the room see
 * them) and the consumer acknowledges each with a warning in the log.
 */
import { signModqRequest } from '../../src/backend/index.js';
import { modqReport, safeParse, type ModqReport } from '../../src/protocol/index.js';
import type { Env } from './env.js';

/** The dead-letter queue of wrangler.jsonc, where reports rest after every retry failed. */
const deadLetterQueue = 'course-chat-modq-dead';

const defaultRetrySeconds = 30;
/** The longest wait between two tries, in first waits: 30 s doubles up to 32 minutes. */
const maxBackoffFactor = 64;

/**
 * How long to wait before the next try of a message tried `attempts` times so far. A
 * MODQ_RETRY_SECONDS of 0 retries at once, for tests of the dead-letter queue.
 */
function retryDelaySeconds(env: Env, attempts: number): number {
  const configured = env.MODQ_RETRY_SECONDS?.trim() ? Number(env.MODQ_RETRY_SECONDS) : Number.NaN;
  const first = Number.isFinite(configured) && configured >= 0 ? configured : defaultRetrySeconds;
  return Math.round(first * Math.min(2 ** Math.max(0, attempts - 1), maxBackoffFactor));
}

/** The Worker's `queue()` handler, for both queues. */
export async function consumeModq(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === deadLetterQueue) return keepDeadLetters(batch, env);
  await Promise.all(batch.messages.map((message) => deliver(message, env)));
}

async function deliver(message: Message<unknown>, env: Env): Promise<void> {
  const report = safeParse(modqReport, message.body);
  if (!report.ok) {
    // Only the room puts reports here, so this is a bug, not MODQ's outage: retrying cannot help.
    console.error('course-chat: a malformed report on the MODQ queue was dropped', report.error);
    return message.ack();
  }
  if (!env.MODQ_URL) {
    console.warn(`course-chat: MODQ_URL is not set; report ${report.value.report_id} stays in D1 only`);
    return message.ack();
  }
  const outcome = await post(env.MODQ_URL, env.MODQ_SECRET, report.value);
  if (outcome === 'taken') return message.ack();
  console.warn(`course-chat: MODQ did not take report ${report.value.report_id} (${outcome}); retrying`);
  message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
}

/** 'taken' when MODQ answered 2xx; else why not, for the log. */
async function post(url: string, secret: string | undefined, report: ModqReport): Promise<string> {
  // Unsigned, MODQ would refuse it; kept on the queue until the secret is set.
  if (!secret) return 'MODQ_SECRET is not set';
  const body = JSON.stringify(report);
  try {
    const headers = { 'content-type': 'application/json', ...(await signModqRequest(secret, body, Date.now())) };
    const response = await fetch(url, { method: 'POST', headers, body });
    await response.body?.cancel();
    return response.ok ? 'taken' : `status ${response.status}`;
  } catch (error) {
    return String(error);
  }
}

async function keepDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const failedAt = new Date().toISOString();
  const statements = batch.messages.map((message) => {
    const report = safeParse(modqReport, message.body);
    const body = JSON.stringify(message.body);
    const [reportId, courseId] = report.ok ? [report.value.report_id, report.value.course_id] : [message.id, ''];
    console.error(`course-chat: report ${reportId} reached the dead-letter queue; kept in chat_modq_dead_letters`);
    return env.DB.prepare(
      `INSERT INTO chat_modq_dead_letters (report_id, course_id, body, attempts, failed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (report_id) DO NOTHING`,
    ).bind(reportId, courseId, body, message.attempts, failedAt);
  });
  if (statements.length > 0) await env.DB.batch(statements);
  batch.ackAll();
}

/** Puts the dead letters back on the MODQ queue, 100 at a time (the admin call, admin.ts); how many it resent. */
export async function resendDeadLetters(env: Env): Promise<number> {
  const { results } = await env.DB.prepare('SELECT report_id, body FROM chat_modq_dead_letters LIMIT 100').all<{
    report_id: string;
    body: string;
  }>();
  if (results.length === 0) return 0;
  await env.MODQ_OUTBOX.sendBatch(
    results.map((row) => ({ body: JSON.parse(row.body) as ModqReport, contentType: 'json' })),
  );
  await env.DB.prepare('DELETE FROM chat_modq_dead_letters WHERE report_id IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(results.map((row) => row.report_id)))
    .run();
  return results.length;
}

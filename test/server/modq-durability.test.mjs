// The room's hand-off of reports to MODQ (server/src/modq-outbox.ts) when a step of it fails for
// real, under `wrangler dev` with its local queue, started with the dev-only faults of
// server/src/dev-faults.ts: the queue refusing the room's sends, and the room object dying
// between a report's insert into D1 and its hand-off. Either way MODQ (a receiver on node:http)
// gets the report exactly once, sent by the room's alarm; and after the crash the alarm finishes
// the rest of the report rule too (the hiding at the threshold, the moderators' `reported`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { queryDatabase, startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, joinRoom, signToken } from './helpers.mjs';
import { startReceiver } from './modq-receiver.mjs';

const modqSecret = 'modq-durability-secret-for-tests';
/** The outbox's wait before the alarm sends again what the queue refused (modq-outbox.ts). */
const resendMs = 5000;
/** How long a late duplicate would take to come: the queue's batch, a resend, the consumer's retry. */
const duplicateWindowMs = resendMs + 2000;

/**
 * A Worker started with `faults` (and the room `limits`) and a MODQ that takes every report, and
 * the two steps of a report.
 */
function withFaults(faults, limits) {
  const persistTo = mkdtempSync(join(tmpdir(), 'course-chat-modq-durability-'));
  const setup = { persistTo };
  before(async () => {
    setup.receiver = await startReceiver(modqSecret, { failing: false });
    setup.worker = await startWorker({
      persistTo,
      faults,
      limits,
      modq: { url: setup.receiver.url, secret: modqSecret, retrySeconds: 1 },
    });
  });
  after(async () => {
    await setup.worker?.stop();
    await setup.receiver?.close();
    rmSync(persistTo, { recursive: true, force: true });
  });
  const tokenOf = (person) => signToken({ sub: person.id, exp: inAnHour() }, setup.worker.secret);
  const as = (person) => ({ authorization: `Bearer ${tokenOf(person)}` });
  setup.join = (courseId, person) => joinRoom(setup.worker.apiBase, courseId, tokenOf(person));
  setup.history = async (courseId, person) =>
    (await call(setup.worker.apiBase, `/courses/${courseId}/chat/messages`, { headers: as(person) })).json.messages;
  setup.send = async (courseId, person, content) => {
    const sent = await call(setup.worker.apiBase, `/courses/${courseId}/chat/messages`, {
      method: 'POST',
      headers: as(person),
      body: { client_id: randomUUID(), content, is_question: false },
    });
    assert.equal(sent.status, 201);
    return sent.json.message;
  };
  setup.report = (courseId, person, message, body) =>
    call(setup.worker.apiBase, `/courses/${courseId}/chat/messages/${message.id}/report`, {
      method: 'POST',
      headers: as(person),
      body,
    });
  return setup;
}

describe('MODQ hand-off while the queue refuses the room', { timeout: 120_000 }, () => {
  const setup = withFaults(['modq_queue_refuses:2']);

  it('keeps the report in the outbox and sends it once the queue takes it again, from the alarm', async () => {
    const { receiver } = setup;
    const { id: courseId, students } = await freshCourse(setup.worker.apiBase, 2);
    const [ana, ben] = students;
    const message = await setup.send(courseId, ana, 'reported while the queue refuses');
    const reportedAt = Date.now();
    // The reporter's answer does not wait for MODQ: the report is stored and kept for it.
    const reported = await setup.report(courseId, ben, message, { reason: 'spam' });
    assert.deepEqual([reported.status, reported.json], [201, { reported: true, hidden: false }]);

    await receiver.until(() => receiver.taken.length === 1, 30_000);
    const waited = Date.now() - reportedAt;
    // Refused by the hand-off and by the alarm's first resend, taken at its second.
    assert.ok(waited >= 2 * resendMs - 500, `arrived ${waited} ms after the report`);
    await sleep(duplicateWindowMs);
    assert.equal(receiver.taken.length, 1, 'it arrived once');
    const [{ body: arrived, signed }] = receiver.taken;
    assert.ok(signed);
    assert.equal(arrived.course_id, courseId);
    assert.equal(arrived.message.id, message.id);
    assert.deepEqual(
      [arrived.report.reporter_id, arrived.report.reason, arrived.report_count, arrived.hidden],
      [ben.id, 'spam', 1, false],
    );
  });
});

describe('MODQ hand-off when the room dies after storing a report', { timeout: 120_000 }, () => {
  const setup = withFaults(['crash_after_report_stored']);

  it('hands the stored report to MODQ exactly once, after the room restarts', async () => {
    const { receiver, persistTo } = setup;
    const { id: courseId, students } = await freshCourse(setup.worker.apiBase, 2);
    const [ana, ben] = students;
    const message = await setup.send(courseId, ana, 'reported as the room dies');
    const reported = await setup.report(courseId, ben, message, { reason: 'other', note: 'rude' });
    assert.equal(reported.status, 500, 'the room died before answering');

    const stored = queryDatabase(
      persistTo,
      `SELECT id, reporter_id FROM chat_reports WHERE message_id = '${message.id}'`,
    );
    assert.deepEqual(
      stored.map((row) => row.reporter_id),
      [ben.id],
      'the report was in D1 before the room died',
    );
    assert.equal(receiver.taken.length, 0, 'and not yet handed to MODQ');

    // The alarm set before the insert wakes the room again and finishes the hand-off.
    await receiver.until(() => receiver.taken.length === 1, 40_000);
    await sleep(duplicateWindowMs);
    assert.equal(receiver.taken.length, 1, 'it arrived once');
    const [{ body: arrived, signed }] = receiver.taken;
    assert.ok(signed);
    assert.equal(arrived.report_id, stored[0].id);
    assert.equal(arrived.course_id, courseId);
    assert.equal(arrived.message.id, message.id);
    assert.equal(arrived.message.content, message.content);
    assert.deepEqual(
      [arrived.report.reporter_id, arrived.report.reason, arrived.report.note, arrived.report_count, arrived.hidden],
      [ben.id, 'other', 'rude', 1, false],
    );

    // Asking again finds the report stored, and hands MODQ nothing more.
    const again = await setup.report(courseId, ben, message, { reason: 'spam' });
    assert.deepEqual([again.status, again.json], [200, { reported: true, hidden: false }]);
    await sleep(duplicateWindowMs);
    assert.equal(receiver.taken.length, 1);
  });
});

describe('the report rule when the room dies on the threshold-reaching report', { timeout: 150_000 }, () => {
  const setup = withFaults(['crash_after_report_stored'], { report_hide_threshold: 2 });
  /** The alarm's finishing of a crashed report: `interruptedAfterMs` after it, and the alarm's own delay. */
  const recoveryMs = 40_000;
  const within = (promise, what) =>
    Promise.race([
      promise,
      sleep(recoveryMs, undefined, { ref: false }).then(() =>
        assert.fail(`${what}: nothing within ${recoveryMs} ms of the crash`),
      ),
    ]);

  it('hides the message for everyone and tells the moderators once the room restarts, once', async () => {
    const { receiver } = setup;
    const { id: courseId, students, moderators } = await freshCourse(setup.worker.apiBase, 4, { moderators: 1 });
    const [ana, ben, cleo, dan] = students;
    const [moderator] = moderators;
    const message = await setup.send(courseId, ana, 'reported twice, the room dying each time');

    // The first report is below the threshold: finished by the alarm, it hides nothing.
    assert.equal((await setup.report(courseId, ben, message, { reason: 'spam' })).status, 500);
    await receiver.until(() => receiver.taken.length === 1, recoveryMs);
    assert.deepEqual([receiver.taken[0].body.report_count, receiver.taken[0].body.hidden], [1, false]);

    const reported = await setup.report(courseId, cleo, message, { reason: 'spam' });
    assert.equal(reported.status, 500, 'the room died before answering the second report');
    // The crash closed every socket of the room: windows connect again, as the element does.
    const moderatorWindow = await setup.join(courseId, moderator);
    const studentWindow = await setup.join(courseId, dan);
    assert.ok(
      (await setup.history(courseId, dan)).some((shown) => shown.id === message.id),
      'not hidden yet',
    );

    const hiddenFrame = { type: 'message_hidden', message_id: message.id };
    const isHidden = (frame) => frame.type === 'message_hidden' && frame.message_id === message.id;
    const isReported = (frame) => frame.type === 'reported' && frame.message_id === message.id;
    assert.deepEqual(await within(studentWindow.next(isHidden), 'message_hidden to a student'), hiddenFrame);
    assert.deepEqual(await within(moderatorWindow.next(isHidden), 'message_hidden to the moderator'), hiddenFrame);
    assert.deepEqual(await within(moderatorWindow.next(isReported), 'reported to the moderator'), {
      type: 'reported',
      message_id: message.id,
      report_count: 2,
      hidden: true,
    });
    assert.deepEqual(
      (await setup.history(courseId, dan)).filter((shown) => shown.id === message.id),
      [],
      'hidden for everyone',
    );
    await receiver.until(() => receiver.taken.length === 2, recoveryMs);
    const { body: handedOff } = receiver.taken[1];
    assert.deepEqual(
      [handedOff.report.reporter_id, handedOff.report_count, handedOff.hidden, handedOff.message.hidden],
      [cleo.id, 2, true, true],
    );

    // Nothing of it happens twice: no second hiding, announcement or hand-off.
    await sleep(duplicateWindowMs);
    assert.equal(moderatorWindow.frames.filter(isHidden).length, 1);
    assert.equal(moderatorWindow.frames.filter(isReported).length, 1);
    assert.equal(studentWindow.frames.filter(isHidden).length, 1);
    assert.equal(receiver.taken.length, 2);
    const audited = queryDatabase(
      setup.persistTo,
      `SELECT action FROM chat_moderation_audit WHERE message_id = '${message.id}'`,
    );
    assert.deepEqual(audited, [], 'a hiding by reports is no decision: audited as on the normal path, not at all');
    moderatorWindow.socket.close();
    studentWindow.socket.close();
  });
});

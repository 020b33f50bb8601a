// Moderation between the Worker and the platform's moderation queue (MODQ), tested from Node
// against a real `wrangler dev` (its local Cloudflare Queue included) and a MODQ receiver on
// node:http. Out: every report reaches MODQ exactly once, signed, although MODQ fails for a while.
// Back: a signed decision from MODQ hides a message in another window within a second, and bad
// signatures, stale timestamps and replays are refused and change nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDatabase, startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, joinRoom, postWhenAllowed, signedAsModq, signToken } from './helpers.mjs';
import { startReceiver } from './modq-receiver.mjs';

const modqSecret = 'modq-shared-secret-for-tests';
const adminSecret = 'modq-admin-secret-for-tests';

/** The signature headers, computed here independently of the Worker's helper. */
const sign = (body, { secret = modqSecret, at = Date.now() } = {}) => signedAsModq(body, secret, at);

describe('MODQ, out and back', { timeout: 180_000 }, () => {
  let worker;
  let receiver;
  let apiBase;
  before(async () => {
    receiver = await startReceiver(modqSecret);
    // The first retry after 1 s (then 2, 4…) instead of 30 s, so the outage is over in seconds.
    worker = await startWorker({ modq: { url: receiver.url, secret: modqSecret, retrySeconds: 1 } });
    apiBase = worker.apiBase;
  });
  after(async () => {
    await worker?.stop();
    await receiver?.close();
  });

  const bearer = (person) => ({
    authorization: `Bearer ${signToken({ sub: person.id, exp: inAnHour() }, worker.secret)}`,
  });
  const send = async (courseId, person, content) => {
    const sent = await postWhenAllowed(apiBase, `/courses/${courseId}/chat/messages`, {
      headers: bearer(person),
      body: { client_id: randomUUID(), content, is_question: false },
    });
    assert.equal(sent.status, 201);
    return sent.json.message;
  };
  const reportAs = (courseId, person, message, body) =>
    call(apiBase, `/courses/${courseId}/chat/messages/${message.id}/report`, {
      method: 'POST',
      headers: bearer(person),
      body,
    });
  const historyOf = async (courseId, person) =>
    (await call(apiBase, `/courses/${courseId}/chat/messages`, { headers: bearer(person) })).json.messages;
  const decide = (decision, headers = sign(JSON.stringify(decision))) =>
    call(apiBase, '/moderation/decisions', { method: 'POST', headers, body: JSON.stringify(decision) });

  it('delivers every report exactly once, signed, after MODQ comes back from an outage', async () => {
    const { id: courseId, students } = await freshCourse(apiBase, 4);
    const [ana, ben, cleo, dan] = students;
    const rude = await send(courseId, ana, 'buy cheap essays at example.com');
    const offTopic = await send(courseId, ben, 'who watched the match last night?');
    const unkind = await send(courseId, cleo, 'only an idiot would ask that');

    const reports = [
      [ben, rude, { reason: 'spam' }],
      [cleo, rude, { reason: 'spam' }],
      [dan, rude, { reason: 'harassment' }],
      [ana, offTopic, { reason: 'off_topic' }],
      [dan, unkind, { reason: 'other', note: 'insults another student' }],
    ];
    for (const [person, message, body] of reports)
      assert.equal((await reportAs(courseId, person, message, body)).status, 201);
    // One report per person per message: a repeat is answered 200 and handed to nobody.
    const repeat = await reportAs(courseId, ana, offTopic, { reason: 'spam' });
    assert.equal(repeat.status, 200);
    assert.deepEqual(repeat.json, { reported: true, hidden: false });

    // MODQ is down until it has refused every report at least once, and some more than once.
    const attemptsOf = (list) => new Set(list.map((entry) => entry.body.report_id));
    await receiver.until(() => attemptsOf(receiver.refused).size === reports.length);
    await receiver.until(() => receiver.refused.length > reports.length);
    receiver.failing = false;
    await receiver.until(() => attemptsOf(receiver.taken).size === reports.length);
    // A late duplicate would come with the next retry, at most a few seconds on.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    const taken = receiver.taken.map((entry) => entry.body);
    const counts = Object.values(Object.groupBy(taken, (report) => report.report_id)).map((group) => group.length);
    assert.deepEqual(
      counts,
      reports.map(() => 1),
      'each report arrived once',
    );
    assert.ok(
      [...receiver.refused, ...receiver.taken].every((entry) => entry.signed),
      'every request was signed',
    );
    for (const [person, message, body] of reports) {
      const arrived = taken.find(
        (report) => report.report.reporter_id === person.id && report.message.id === message.id,
      );
      assert.ok(arrived, `${person.name}'s report of "${message.content}"`);
      assert.equal(arrived.course_id, courseId);
      assert.equal(arrived.report.reason, body.reason);
      assert.equal(arrived.report.note, body.note ?? null);
      assert.equal(arrived.message.content, message.content);
    }
    // The third distinct reporter hid the message: MODQ hears so with that report.
    const third = taken.find((report) => report.report.reporter_id === dan.id && report.message.id === rude.id);
    assert.deepEqual([third.report_count, third.hidden], [3, true]);
    const first = taken.find((report) => report.report.reporter_id === ben.id && report.message.id === rude.id);
    assert.deepEqual([first.report_count, first.hidden], [1, false]);
  });

  it('applies a signed decision live in another window within a second, and refuses forgeries, stale and replayed ones', async () => {
    const { id: courseId, students } = await freshCourse(apiBase, 2);
    const [ana, ben] = students;
    const message = await send(courseId, ana, 'a message MODQ will hide');
    assert.equal((await reportAs(courseId, ben, message, { reason: 'spam' })).status, 201);
    const otherWindow = await joinRoom(apiBase, courseId, bearer(ben).authorization.slice('Bearer '.length));

    const hide = {
      decision_id: randomUUID(),
      course_id: courseId,
      action: 'hide',
      message_id: message.id,
      moderator_id: 'modq-7',
    };
    const started = performance.now();
    const hidden = otherWindow.next((frame) => frame.type === 'message_hidden' && frame.message_id === message.id);
    const applied = await decide(hide);
    assert.equal(applied.status, 200);
    assert.deepEqual(applied.json, { applied: true });
    await hidden;
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `message_hidden after ${Math.round(elapsed)} ms`);
    assert.deepEqual(
      (await historyOf(courseId, ana)).map((m) => [m.id, m.hidden, m.content]),
      [[message.id, true, '']],
      'its author still sees it, removed',
    );

    // Each refusal would have shown the message again; none does.
    const restore = { decision_id: randomUUID(), course_id: courseId, action: 'restore', message_id: message.id };
    const body = JSON.stringify(restore);
    const refusals = [
      [decide(restore, sign(body, { secret: 'not-the-secret' })), 401, 'invalid_signature'],
      [
        decide(restore, { ...sign(body), 'x-modq-signature': sign(`${body} `)['x-modq-signature'] }),
        401,
        'invalid_signature',
      ],
      [decide(restore, {}), 401, 'invalid_signature'],
      [decide(restore, sign(body, { at: Date.now() - 301_000 })), 401, 'stale_request'],
      [decide(restore, sign(body, { at: Date.now() + 301_000 })), 401, 'stale_request'],
      [decide({ ...restore, decision_id: hide.decision_id }), 409, 'replayed'],
      [decide(hide), 409, 'replayed'],
    ];
    for (const [reply, status, code] of refusals) {
      const { status: got, json } = await reply;
      assert.deepEqual([got, json.error.code], [status, code]);
    }
    assert.deepEqual(await historyOf(courseId, ben), [], 'still hidden from the others');
    const frames = otherWindow.frames.filter((frame) => frame.type === 'message_restored');
    assert.deepEqual(frames, []);
    otherWindow.socket.close();
  });
});

describe('MODQ down for good', { timeout: 180_000 }, () => {
  const persistTo = mkdtempSync(join(tmpdir(), 'course-chat-modq-'));
  let worker;
  let receiver;
  before(async () => {
    receiver = await startReceiver(modqSecret);
    // Retries at once, so the queue's 12 retries (wrangler.jsonc) are spent in moments.
    worker = await startWorker({
      persistTo,
      adminSecret,
      modq: { url: receiver.url, secret: modqSecret, retrySeconds: 0 },
    });
  });
  after(async () => {
    await worker?.stop();
    await receiver?.close();
    rmSync(persistTo, { recursive: true, force: true });
  });

  it('keeps a report MODQ never took in the dead letters, after the first try and 12 retries, until the host sends it again', async () => {
    const { id: courseId, students } = await freshCourse(worker.apiBase, 2);
    const [ana, ben] = students;
    const token = (person) => signToken({ sub: person.id, exp: inAnHour() }, worker.secret);
    const sent = await call(worker.apiBase, `/courses/${courseId}/chat/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(ana)}` },
      body: { client_id: randomUUID(), content: 'reported while MODQ is gone', is_question: false },
    });
    const reported = await call(worker.apiBase, `/courses/${courseId}/chat/messages/${sent.json.message.id}/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(ben)}` },
      body: { reason: 'spam' },
    });
    assert.equal(reported.status, 201);

    await receiver.until(() => receiver.refused.length === 13);
    const deadLetters = () => queryDatabase(persistTo, 'SELECT report_id, course_id, body FROM chat_modq_dead_letters');
    let kept = deadLetters();
    // The dead-letter consumer runs just after the 13th refusal; D1 is read again until it has.
    for (let tries = 0; kept.length === 0 && tries < 20; tries += 1) kept = deadLetters();
    const [reportId] = new Set(receiver.refused.map((entry) => entry.body.report_id));
    assert.deepEqual(
      kept.map((row) => [row.report_id, row.course_id, JSON.parse(row.body).message.id]),
      [[reportId, courseId, sent.json.message.id]],
    );
    assert.equal(receiver.taken.length, 0);

    // MODQ is back; the host hands the dead letters over again.
    receiver.failing = false;
    const resent = await call(worker.apiBase, '/admin/modq/resend', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminSecret}` },
      body: {},
    });
    assert.deepEqual([resent.status, resent.json], [200, { resent: 1 }]);
    await receiver.until(() => receiver.taken.length === 1);
    assert.equal(receiver.taken[0].body.report_id, reportId);
    assert.ok(receiver.taken[0].signed);
    assert.deepEqual(deadLetters(), []);
  });
});

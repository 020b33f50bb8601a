// What moderation keeps in D1 on the Worker (server/src/moderation-db.ts, migration 0004), read
// straight from the local database after each step through the API: every decision audited (who,
// what, when, why), whether a moderator took it in the room or MODQ signed it; the text an edit
// replaced; reports closed by a decision; a mute stored until it is lifted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { queryDatabase, startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, postWhenAllowed, signedAsModq, signToken } from './helpers.mjs';

const modqSecret = 'moderation-db-modq-secret';

describe('moderation in D1', { timeout: 180_000 }, () => {
  const persistTo = mkdtempSync(join(tmpdir(), 'course-chat-moderation-db-'));
  let worker;
  let apiBase;
  before(async () => {
    worker = await startWorker({ persistTo, modq: { secret: modqSecret } });
    apiBase = worker.apiBase;
  });
  after(async () => {
    await worker?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  });

  /**
   * Reads the local D1. wrangler's spawnSync blocks the event loop, so one turn is let pass after it:
   * connections the Worker closed meanwhile are then seen closed, and the next request opens a new one.
   */
  const query = async (sql) => {
    const rows = queryDatabase(persistTo, sql);
    await new Promise((resolve) => setImmediate(resolve));
    return rows;
  };
  const as = (person) => ({ authorization: `Bearer ${signToken({ sub: person.id, exp: inAnHour() }, worker.secret)}` });
  const send = async (courseId, person, content) =>
    (
      await postWhenAllowed(apiBase, `/courses/${courseId}/chat/messages`, {
        headers: as(person),
        body: { client_id: randomUUID(), content, is_question: false },
      })
    ).json.message;
  const ok = (reply, status = 200) => {
    assert.equal(reply.status, status, JSON.stringify(reply.json));
    return reply.json;
  };

  it('audits every decision with who, what, when and why, from the room and from MODQ', async () => {
    const { id: courseId, students, moderators } = await freshCourse(apiBase, 2, { moderators: 1 });
    const [ana, ben] = students;
    const [maya] = moderators;
    const message = await send(courseId, ana, 'something to moderate');
    ok(
      await call(apiBase, `/courses/${courseId}/chat/messages/${message.id}/report`, {
        method: 'POST',
        headers: as(ben),
        body: { reason: 'other', note: 'rude to a classmate' },
      }),
      201,
    );
    const before = new Date().toISOString();
    const moderate = (decision, by = maya) =>
      call(apiBase, `/courses/${courseId}/chat/moderation`, { method: 'POST', headers: as(by), body: decision });
    ok(await moderate({ action: 'hide', message_id: message.id, reason: 'rude' }));
    const until = new Date(Date.now() + 3_600_000).toISOString();
    ok(await moderate({ action: 'mute', user_id: ana.id, until, reason: 'cool down' }));
    assert.deepEqual(
      await query(`SELECT until FROM chat_mutes WHERE course_id = '${courseId}' AND user_id = '${ana.id}'`),
      [{ until }],
    );
    const signed = { decision_id: randomUUID(), course_id: courseId, action: 'restore', message_id: message.id };
    const body = JSON.stringify(signed);
    ok(await call(apiBase, '/moderation/decisions', { method: 'POST', headers: signedAsModq(body, modqSecret), body }));
    ok(await moderate({ action: 'unmute', user_id: ana.id }));
    // A student's decision is refused and audited nowhere.
    assert.equal((await moderate({ action: 'dismiss', message_id: message.id }, ben)).status, 403);

    const audit = await query(
      `SELECT decision_id, actor, action, message_id, user_id, until, reason, created_at
       FROM chat_moderation_audit WHERE course_id = '${courseId}' ORDER BY created_at, rowid`,
    );
    assert.deepEqual(
      audit.map(({ actor, action, message_id, user_id, until: end, reason }) => [
        actor,
        action,
        message_id,
        user_id,
        end,
        reason,
      ]),
      [
        [maya.id, 'hide', message.id, null, null, 'rude'],
        [maya.id, 'mute', null, ana.id, until, 'cool down'],
        ['modq:', 'restore', message.id, null, null, null],
        [maya.id, 'unmute', null, ana.id, null, null],
      ],
    );
    assert.equal(audit[2].decision_id, signed.decision_id, "MODQ's decision is audited under its own id");
    assert.ok(audit.every((row) => row.created_at >= before && row.created_at <= new Date().toISOString()));
    assert.deepEqual(await query(`SELECT * FROM chat_mutes WHERE course_id = '${courseId}'`), [], 'unmuted');
    assert.deepEqual(
      await query(`SELECT reporter_id, reason, note, state FROM chat_reports WHERE message_id = '${message.id}'`),
      [{ reporter_id: ben.id, reason: 'other', note: 'rude to a classmate', state: 'decided' }],
      'the restore closed the report',
    );
    assert.deepEqual(await query(`SELECT hidden FROM chat_messages WHERE id = '${message.id}'`), [{ hidden: 0 }]);
  });

  it('keeps the text each edit replaced, and empties a deleted message but keeps its row', async () => {
    const { id: courseId, students } = await freshCourse(apiBase, 1);
    const [ana] = students;
    const message = await send(courseId, ana, 'first @draft');
    const edit = (content) =>
      call(apiBase, `/courses/${courseId}/chat/messages/${message.id}`, {
        method: 'PATCH',
        headers: as(ana),
        body: { content },
      });
    const second = ok(await edit('second draft')).message;
    ok(await edit('third and last'));
    assert.deepEqual(
      (await query(`SELECT content FROM chat_message_edits WHERE message_id = '${message.id}' ORDER BY rowid`)).map(
        (row) => row.content,
      ),
      ['first @draft', 'second draft'],
    );
    assert.equal(
      (await query(`SELECT edited_at FROM chat_message_edits WHERE message_id = '${message.id}' ORDER BY rowid`))[1]
        .edited_at,
      (await query(`SELECT edited_at FROM chat_messages WHERE id = '${message.id}'`))[0].edited_at,
      'the last edit replaced the second text',
    );
    assert.ok(second.edited_at);

    ok(await call(apiBase, `/courses/${courseId}/chat/messages/${message.id}`, { method: 'DELETE', headers: as(ana) }));
    assert.deepEqual(
      await query(`SELECT content, mentions, deleted, seq FROM chat_messages WHERE id = '${message.id}'`),
      [{ content: '', mentions: '[]', deleted: 1, seq: message.seq }],
    );
  });
});

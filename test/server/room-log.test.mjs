// The room's message log (server/src/room-log.ts), tested from Node against a real `wrangler dev`:
// a message is acknowledged once it is in the room's own storage, and reaches D1's chat_messages
// later in a batch. Killing the Worker between the two loses nothing: after a restart on the same
// state the room still has every acknowledged message, and its alarm brings them to D1.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { queryDatabase, startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, joinRoom, signToken } from './helpers.mjs';

// Batches wait this long for the alarm, so the test can stop the Worker after the
// acknowledgements and before any batch.
const logFlushMs = 6000;

describe("the room's message log", { timeout: 180_000 }, () => {
  const persistTo = mkdtempSync(join(tmpdir(), 'course-chat-room-log-'));
  const options = { persistTo, logFlushMs, limits: { min_send_interval_ms: 0 } };
  let worker;
  after(async () => {
    await worker?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  });

  const inD1 = (ids) =>
    queryDatabase(persistTo, `SELECT id FROM chat_messages WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')})`).map(
      (row) => row.id,
    );

  it('keeps every acknowledged message through a crash before its batch, and then brings it to D1', async () => {
    worker = await startWorker(options);
    const { id: courseId, students } = await freshCourse(worker.apiBase, 1);
    const token = signToken({ sub: students[0].id, exp: inAnHour() }, worker.secret);
    const sender = await joinRoom(worker.apiBase, courseId, token);
    const clientIds = Array.from({ length: 5 }, () => randomUUID());
    for (const [i, clientId] of clientIds.entries())
      sender.socket.send(
        JSON.stringify({ type: 'message', client_id: clientId, content: `kept ${i}`, is_question: false }),
      );
    const acks = await Promise.all(
      clientIds.map((clientId) =>
        sender.next((frame) => frame.type === 'message' && frame.data.client_id === clientId),
      ),
    );
    const acknowledged = acks.map((ack) => ack.data);
    await worker.crash();

    assert.deepEqual(inD1(acknowledged.map((m) => m.id)), [], 'the crash came before any batch reached D1');

    worker = await startWorker(options);
    const headers = { authorization: `Bearer ${signToken({ sub: students[0].id, exp: inAnHour() }, worker.secret)}` };
    // The room itself: its seq counts them, and each resend gets back the message first acknowledged.
    const again = await joinRoom(worker.apiBase, courseId, headers.authorization.slice('Bearer '.length));
    assert.equal(again.frames.find((frame) => frame.type === 'hello').last_seq, acknowledged.length);
    again.socket.close();
    for (const message of acknowledged) {
      const resent = await call(worker.apiBase, `/courses/${courseId}/chat/messages`, {
        method: 'POST',
        headers,
        body: { client_id: message.client_id, content: message.content, is_question: false },
      });
      assert.equal(resent.status, 200);
      assert.deepEqual(resent.json.message, message);
    }

    // D1, once the alarm set before the crash has run its batch: nothing is asked of the room.
    const ids = acknowledged.map((m) => m.id).sort();
    const deadline = Date.now() + 60_000;
    while (inD1(ids).length < ids.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(inD1(ids).sort(), ids);
    const history = await call(worker.apiBase, `/courses/${courseId}/chat/messages`, { headers });
    assert.deepEqual(history.json.messages, acknowledged);
  });

  it('answers a REST send once its message is in D1, whatever the batch delay', async () => {
    const { id: courseId, students } = await freshCourse(worker.apiBase, 1);
    const headers = { authorization: `Bearer ${signToken({ sub: students[0].id, exp: inAnHour() }, worker.secret)}` };
    const sent = await call(worker.apiBase, `/courses/${courseId}/chat/messages`, {
      method: 'POST',
      headers,
      body: { client_id: randomUUID(), content: 'in D1 when answered', is_question: false },
    });
    assert.equal(sent.status, 201);
    assert.deepEqual(inD1([sent.json.message.id]), [sent.json.message.id]);
  });

  it('brings a socket-sent message to D1 by itself, after the default batch delay', async () => {
    await worker.stop();
    worker = await startWorker({ persistTo, limits: { min_send_interval_ms: 0 } });
    const { id: courseId, students } = await freshCourse(worker.apiBase, 1);
    const sender = await joinRoom(
      worker.apiBase,
      courseId,
      signToken({ sub: students[0].id, exp: inAnHour() }, worker.secret),
    );
    const clientId = randomUUID();
    sender.socket.send(
      JSON.stringify({ type: 'message', client_id: clientId, content: 'searchable', is_question: false }),
    );
    const { data } = await sender.next((frame) => frame.type === 'message' && frame.data.client_id === clientId);
    sender.socket.close();
    // Nothing reads the room's messages through the Worker here, so nothing flushes on demand.
    const deadline = Date.now() + 20_000;
    while (inD1([data.id]).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(inD1([data.id]), [data.id]);
  });
});

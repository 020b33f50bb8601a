// The room's coalesced fan-out (server/src/fan-out.ts), tested from Node against a real `wrangler
// dev`: a burst of messages from several senders reaches every socket complete and in seq order,
// with many frames to one WebSocket message (`batch`); a quiet room still sends a lone frame as
// itself; no frame is compressed once per socket (permessage-deflate is declined); and, as
// deployed, a busy room holds its frames a little to send them together.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startWorker } from '../../server/test-server.mjs';
import { freshCourse, inAnHour, joinRoom, signToken } from './helpers.mjs';

// 250 ms between flushes even in this small room (FANOUT_MS_PER_SOCKET × 6 sockets, at most
// 250 ms), whatever the machine's speed: each flush after the first finds several of the burst's
// messages queued.
const windowMs = 250;

describe("the room's fan-out", { timeout: 180_000 }, () => {
  let worker;
  before(async () => {
    worker = await startWorker({ limits: { min_send_interval_ms: 0, fanout_ms_per_socket: 100 } });
  });
  after(() => worker?.stop());

  async function room(size) {
    const course = await freshCourse(worker.apiBase, size);
    const sockets = [];
    for (const student of course.students)
      sockets.push(
        await joinRoom(worker.apiBase, course.id, signToken({ sub: student.id, exp: inAnHour() }, worker.secret)),
      );
    return sockets;
  }

  const messages = (socket) => socket.frames.filter((frame) => frame.type === 'message').map((frame) => frame.data);

  it('brings a burst from several senders to every socket complete, in seq order, in batches', async () => {
    const sockets = await room(6);
    const senders = sockets.slice(0, 3);
    const perSender = 30;
    const sent = [];
    for (let i = 0; i < perSender; i++)
      for (const [s, sender] of senders.entries()) {
        const clientId = randomUUID();
        sent.push(clientId);
        sender.socket.send(
          JSON.stringify({ type: 'message', client_id: clientId, content: `burst ${s}.${i}`, is_question: false }),
        );
      }
    const batchesBefore = sockets.map((socket) => socket.batches);
    const arrived = (socket, clientId) =>
      socket.next((frame) => frame.type === 'message' && frame.data.client_id === clientId);
    await Promise.all(sockets.flatMap((socket) => sent.map((clientId) => arrived(socket, clientId))));

    const order = messages(sockets[0]).map((m) => m.seq);
    for (const [i, socket] of sockets.entries()) {
      const received = messages(socket);
      assert.equal(received.length, sent.length, `socket ${i} got each message once`);
      assert.deepEqual(new Set(received.map((m) => m.client_id)), new Set(sent), `socket ${i} got every message`);
      const seqs = received.map((m) => m.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `socket ${i} got them in seq order`,
      );
      assert.deepEqual(seqs, order, `socket ${i} got them in the same order as the others`);
      assert.ok(socket.batches > batchesBefore[i], `socket ${i} got batches`);
    }
  });

  it("takes sockets without permessage-deflate, which Node's WebSocket offers as browsers do", async () => {
    // Deflate would compress every frame once for each socket, for a few hundred bytes a frame.
    const [member] = await room(1);
    assert.equal(member.socket.extensions, '');
  });

  it('sends a lone frame of a quiet room as itself', async () => {
    const [sender, reader] = await room(2);
    // Past the window of the joins' frames: the room is quiet again.
    await new Promise((resolve) => setTimeout(resolve, windowMs + 200));
    const batches = reader.batches;
    const clientId = randomUUID();
    sender.socket.send(JSON.stringify({ type: 'message', client_id: clientId, content: 'alone', is_question: false }));
    await reader.next((frame) => frame.type === 'message' && frame.data.client_id === clientId);
    assert.equal(reader.batches, batches);
  });
});

describe("the room's fan-out as deployed (wrangler.jsonc)", { timeout: 180_000 }, () => {
  let worker;
  before(async () => {
    worker = await startWorker({ limits: { min_send_interval_ms: 0 } });
  });
  after(() => worker?.stop());

  it("holds a busy room's frames 0.5 ms per socket, so a stream reaches each socket in fewer socket messages", async () => {
    const course = await freshCourse(worker.apiBase, 20);
    const sockets = [];
    for (const student of course.students)
      sockets.push(
        await joinRoom(worker.apiBase, course.id, signToken({ sub: student.id, exp: inAnHour() }, worker.secret)),
      );
    const [sender, reader] = sockets;
    const before = reader.received;
    // A message every 4 ms, in turns of their own; the room of 20 waits 10 ms after each send.
    const sent = [];
    for (let i = 0; i < 30; i++) {
      const clientId = randomUUID();
      sent.push(clientId);
      sender.socket.send(
        JSON.stringify({ type: 'message', client_id: clientId, content: `stream ${i}`, is_question: false }),
      );
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
    await Promise.all(
      sent.map((clientId) => reader.next((frame) => frame.type === 'message' && frame.data.client_id === clientId)),
    );
    const seqs = reader.frames.filter((frame) => frame.type === 'message').map((frame) => frame.data.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'in seq order',
    );
    assert.ok(reader.received - before < sent.length, `${reader.received - before} socket messages for ${sent.length}`);
  });
});

/**
 * Worker room fan-out on loopback: the reference Worker under wrangler dev, one course room with
 * 50 and then 200 connected sockets. Figures:
 *  - quiet room: one message at a time, send → receive latency over every receiving socket, p50
 *    and p99;
 *  - burst: every connected user sends one message at the same moment (the protocol allows one per
 *    second each), several rounds: messages per second the room stores and delivers to every
 *    socket (a round's messages over the time from its first send until the last socket has them
 *    all), and latency p50 and p99 over every (message, receiving socket) pair.
 * Prints figures; it asserts nothing. Sockets are Node's own WebSocket (Node >= 22).
 */
import { startWorker } from '../server/test-server.mjs';

const rounds = Number(process.env.ROUNDS ?? 5);
const quietMessages = 20;
const sizes = (process.env.SOCKETS ?? '50,200').split(',').map(Number);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(apiBase, path, body, token) {
  const response = await fetch(`${apiBase}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function join(apiBase, courseId, userId) {
  const { token } = await post(apiBase, '/dev/token', { user_id: userId });
  const room = await (
    await fetch(`${apiBase}/courses/${courseId}/chat/room`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  const socket = new WebSocket(
    `${apiBase.replace(/^http/, 'ws')}/chat/connect?room=${courseId}&token=${encodeURIComponent(room.user_token)}`,
  );
  const member = { userId, socket, received: new Map() };
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data));
    if (frame.type === 'message') member.received.set(frame.data.client_id, performance.now());
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return member;
}

async function measure(apiBase, size) {
  const courseId = `bench-${size}-${Date.now()}`;
  const users = Array.from({ length: size }, (_, i) => ({
    id: `${courseId}-u${i}`,
    name: `Student ${i}`,
    role: 'student',
    balance: 100,
  }));
  await post(apiBase, '/dev/fixtures', { course: { id: courseId, title: `Bench ${size}` }, users });
  const members = [];
  // Joined in small groups: a real room fills over minutes, not in one instant.
  for (let i = 0; i < users.length; i += 25)
    members.push(...(await Promise.all(users.slice(i, i + 25).map((user) => join(apiBase, courseId, user.id)))));

  const quiet = [];
  for (const [i, member] of members.slice(0, quietMessages).entries()) {
    const id = crypto.randomUUID();
    const sentAt = performance.now();
    member.socket.send(JSON.stringify({ type: 'message', client_id: id, content: `quiet ${i}`, is_question: false }));
    while (!members.every((other) => other.received.has(id))) await pause(1);
    for (const other of members) quiet.push(other.received.get(id) - sentAt);
  }
  await pause(1100);

  const latencies = [];
  const rates = [];
  for (let round = 0; round < rounds; round++) {
    const sent = members.map(() => crypto.randomUUID());
    const sentAt = new Map();
    const start = performance.now();
    members.forEach((member, i) => {
      sentAt.set(sent[i], performance.now());
      member.socket.send(
        JSON.stringify({
          type: 'message',
          client_id: sent[i],
          content: `round ${round} from ${i}`,
          is_question: false,
        }),
      );
    });
    const deadline = start + 60_000;
    while (!members.every((member) => sent.every((id) => member.received.has(id)))) {
      if (performance.now() > deadline) throw new Error(`round ${round}: not every socket got every message`);
      await pause(5);
    }
    const end = Math.max(...members.flatMap((member) => sent.map((id) => member.received.get(id))));
    rates.push(sent.length / ((end - start) / 1000));
    for (const member of members) for (const id of sent) latencies.push(member.received.get(id) - sentAt.get(id));
    // The rate limit: each user may send again one second after their last accepted message.
    await pause(1100);
  }
  for (const member of members) member.socket.close(1000, 'bench done');
  for (const list of [quiet, latencies, rates]) list.sort((a, b) => a - b);
  return {
    sockets: size,
    'quiet p50 ms': percentile(quiet, 50).toFixed(1),
    'quiet p99 ms': percentile(quiet, 99).toFixed(1),
    'messages/s (median round)': Math.round(percentile(rates, 50)),
    'deliveries/s': Math.round(percentile(rates, 50) * size),
    'burst p50 ms': percentile(latencies, 50).toFixed(1),
    'burst p99 ms': percentile(latencies, 99).toFixed(1),
  };
}

const worker = await startWorker();
try {
  const results = [];
  for (const size of sizes) results.push(await measure(worker.apiBase, size));
  console.log(
    `\nWorker room fan-out (wrangler dev on loopback; quiet: ${quietMessages} messages one at a time; ` +
      `burst: ${rounds} rounds of one message from every socket at once)`,
  );
  console.table(results);
} finally {
  await worker.stop();
}

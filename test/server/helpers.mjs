// Talking to a Worker from Node, where a test may send what no page can: any Origin, Cookie or
// Sec-Fetch-Site header, tokens signed with any secret, malformed paths.
import { createHmac, randomUUID } from 'node:crypto';

const base64url = (text) => Buffer.from(text).toString('base64url');

/** An HS256 JWT signed here, as a host platform would sign it. */
export function signToken(claims, secret) {
  const body = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Whether `token` carries a valid HS256 signature by `secret`. */
export function signedWith(token, secret) {
  const [head, payload, signature] = token.split('.');
  return createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url') === signature;
}

export const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** The headers that sign `body` as the platform's MODQ does, as sent at `at` (docs/protocol.md, Moderation). */
export function signedAsModq(body, secret, at = Date.now()) {
  const timestamp = String(Math.floor(at / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-modq-timestamp': timestamp, 'x-modq-signature': `v1=${signature}` };
}

/** A request to the Worker; the body parsed as JSON when it is JSON. */
export async function call(apiBase, path, { method = 'GET', headers = {}, body } = {}) {
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** POSTs until the rate limit lets it through, waiting as long as each 429 says. */
export async function postWhenAllowed(apiBase, path, options) {
  for (;;) {
    const reply = await call(apiBase, path, { ...options, method: 'POST' });
    if (reply.status !== 429) return reply;
    await new Promise((resolve) => setTimeout(resolve, reply.json.error.retry_after_ms));
  }
}

/** A fresh course with `count` enrolled students (and `moderators` moderators), through the dev endpoints. */
export async function freshCourse(apiBase, count = 2, { moderators: moderatorCount = 0 } = {}) {
  const id = `course-${randomUUID()}`;
  const people = (role, n) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${role}-${randomUUID()}`,
      name: `${role === 'student' ? 'Student' : 'Moderator'} ${i + 1}`,
      role,
      balance: 50,
    }));
  const students = people('student', count);
  const moderators = people('moderator', moderatorCount);
  const created = await call(apiBase, '/dev/fixtures', {
    method: 'POST',
    body: { course: { id, title: 'Security' }, users: [...students, ...moderators] },
  });
  if (created.status !== 201) throw new Error(`fixtures: ${created.status} ${JSON.stringify(created.json)}`);
  return { id, students, moderators };
}

/**
 * A socket to a course's room as `token`'s user; resolves with it once `hello` arrived. `frames`
 * holds every frame, each frame of a `batch` in turn; `batches` counts the batches.
 */
export async function joinRoom(apiBase, courseId, token) {
  const room = await call(apiBase, `/courses/${courseId}/chat/room`, { headers: { authorization: `Bearer ${token}` } });
  if (room.status !== 200) throw new Error(`room: ${room.status} ${JSON.stringify(room.json)}`);
  const url = `${apiBase.replace(/^http/, 'ws')}/chat/connect?room=${encodeURIComponent(courseId)}&token=${encodeURIComponent(room.json.user_token)}`;
  const socket = new WebSocket(url);
  const frames = [];
  const counts = { batches: 0, received: 0 };
  const waiters = new Set();
  const closed = new Promise((resolve) => socket.addEventListener('close', (event) => resolve(event.code)));
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data));
    counts.received += 1;
    if (frame.type === 'batch') counts.batches += 1;
    frames.push(...(frame.type === 'batch' ? frame.frames : [frame]));
    for (const waiter of waiters) waiter();
  });
  /** Resolves with the first frame matching `where`, as soon as it arrives. */
  const next = (where) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = frames.find(where);
        if (!found) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
      closed.then((code) => reject(new Error(`closed with ${code} while waiting`)));
    });
  await next((frame) => frame.type === 'hello');
  return {
    socket,
    frames,
    get batches() {
      return counts.batches;
    },
    /** Socket messages so far: a frame alone or a batch of them. */
    get received() {
      return counts.received;
    },
    closed,
    next,
  };
}

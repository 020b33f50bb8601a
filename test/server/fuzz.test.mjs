// A bounded, seeded fuzz run against a local Worker (loopback only): every REST route with fuzzed
// paths, methods, headers, cookies, query strings and bodies, then fuzzed socket frames and connect
// URLs. Whatever arrives, the Worker answers a 4xx with the protocol's error body, never a 5xx,
// and the room keeps working.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, joinRoom, postWhenAllowed, signedAsModq, signToken } from './helpers.mjs';

const seed = Number(process.env.FUZZ_SEED ?? 18);
const modqSecret = 'fuzz-modq';
const requestCount = 1500;
const frameCount = 3000;
const secret = 'fuzz-secret';

/** mulberry32: the same seed gives the same run, so a failure can be replayed with FUZZ_SEED. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const routes = [
  ['GET', '/courses/:course/chat/room'],
  ['GET', '/courses/:course/chat/messages'],
  ['POST', '/courses/:course/chat/messages'],
  ['POST', '/courses/:course/chat/messages/:message/question'],
  ['POST', '/courses/:course/chat/messages/:message/report'],
  ['PATCH', '/courses/:course/chat/messages/:message'],
  ['DELETE', '/courses/:course/chat/messages/:message'],
  ['POST', '/courses/:course/chat/moderation'],
  ['GET', '/courses/:course/chat/reports'],
  ['POST', '/moderation/decisions'],
  ['GET', '/courses/:course/chat/helpers'],
  ['POST', '/courses/:course/chat/read'],
  ['POST', '/courses/:course/chat/settings'],
  ['GET', '/courses/:course/chat/awards'],
  ['POST', '/goodwill/award'],
  ['POST', '/dev/token'],
  ['POST', '/dev/fixtures'],
  ['POST', '/dev/access'],
  ['POST', '/admin/revoke'],
  ['POST', '/admin/modq/resend'],
  ['GET', '/chat/connect'],
];

describe('fuzzing the Worker', { timeout: 300_000 }, () => {
  const next = random(seed);
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  let worker;
  let course;
  let token;
  let messageId;

  const strings = () => [
    '',
    'x',
    course.id,
    messageId,
    '%E0%A4%A',
    '%',
    '%ZZ',
    '%C0%AF',
    '%00',
    '%2F..%2F',
    '..',
    'a'.repeat(3000),
    '\u00e9\u0301',
    '\uD800',
    '😀'.repeat(50),
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    randomUUID(),
  ];
  const values = () => [
    ...strings(),
    0,
    -5,
    1.5,
    1e300,
    -1e300,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    null,
    [],
    {},
    [1, 'two', null],
    { nested: { deeper: [{}] } },
  ];

  /** A value of roughly the right kind for `key`, or anything at all. */
  const fuzzValue = (key, valid) => (chance(0.5) ? valid[key] : pick(values()));

  const validBodies = () => ({
    '/courses/:course/chat/messages': { client_id: randomUUID(), content: 'fuzz', is_question: false, mentions: [] },
    '/courses/:course/chat/messages/:message/report': { reason: 'spam' },
    '/courses/:course/chat/messages/:message': { content: 'edited by fuzz' },
    '/courses/:course/chat/moderation': { action: 'hide', message_id: messageId, reason: 'fuzz' },
    '/moderation/decisions': {
      decision_id: randomUUID(),
      course_id: course.id,
      action: 'mute',
      user_id: course.students[1].id,
      until: new Date(Date.now() + 60_000).toISOString(),
    },
    '/courses/:course/chat/read': { seq: 1 },
    '/courses/:course/chat/settings': { muted: true },
    '/goodwill/award': { recipient_id: course.students[0].id, points: 1, reason: 'chat_help', reference_id: messageId },
    '/dev/token': { user_id: course.students[1].id, ttl_seconds: 60 },
    '/dev/fixtures': {
      course: { id: `fuzz-${randomUUID()}`, title: 'Fuzz' },
      users: [{ id: course.students[1].id, name: 'Same twice', role: 'student', balance: 1 }],
    },
    '/dev/access': { course_id: course.id, user_id: `nobody-${randomUUID()}`, role: 'student' },
    '/admin/revoke': { course_id: course.id, user_id: `nobody-${randomUUID()}` },
  });

  function body(template) {
    if (chance(0.1)) return pick(['not json {', '', 'null', '[]', '"text"', 'x'.repeat(70_000), '{"a":'.repeat(200)]);
    const valid = validBodies()[template] ?? {};
    const fuzzed = Object.fromEntries(Object.keys(valid).map((key) => [key, fuzzValue(key, valid)]));
    if (chance(0.2)) fuzzed[pick(['extra', '__proto__', 'constructor'])] = pick(values());
    return JSON.stringify(fuzzed);
  }

  /** A path segment: the fuzz strings that are percent-encodings go raw, the others encoded (a lone surrogate as its bytes). */
  const segment = () => {
    const text = pick([...strings(), '%ED%A0%80']);
    return text.startsWith('%') ? text : encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  };

  function path(template) {
    const filled = template
      .replace(':course', () => (chance(0.6) ? course.id : segment()))
      .replace(':message', () => (chance(0.6) ? messageId : segment()));
    const query = [];
    for (const key of ['before', 'after', 'limit', 'questions', 'room', 'token'])
      if (chance(0.15)) query.push(`${key}=${pick(['1', '-1', 'abc', '%E0%A4%A', '1e3', 'open', '', '9'.repeat(40)])}`);
    if (chance(0.05)) query.push('before=1&before=2&after=3');
    return query.length > 0 ? `${filled}?${query.join('&')}` : filled;
  }

  function headers() {
    const printable = (text) => text.replace(/[^\x20-\x7e]/g, '?');
    const result = {};
    const auth = pick([
      null,
      `Bearer ${token}`,
      `Bearer ${token.slice(0, -3)}abc`,
      `Bearer ${signToken({ sub: course.students[0].id, exp: 1 }, secret)}`,
      `Bearer ${signToken({ sub: course.students[0].id, exp: inAnHour(), room: course.id }, secret)}`,
      `Bearer ${signToken({ sub: course.moderators[0].id, exp: inAnHour() }, secret)}`,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'a'.repeat(5000)}`,
      'Bearer a.b.c',
      'Bearer ..',
    ]);
    if (auth) result.authorization = auth;
    if (chance(0.4))
      result.cookie = pick([
        `course_chat_session=${token}`,
        'course_chat_session=%E0%A4%A',
        'course_chat_session=',
        'course_chat_session',
        `a=1; course_chat_session=${encodeURIComponent(token)}; course_chat_session=junk`,
        printable(`course_chat_session=${pick(strings())}`),
      ]);
    if (chance(0.4))
      result.origin = pick(['https://lms.example', 'https://evil.example', 'null', 'garbage', worker.origin]);
    if (chance(0.3)) result['sec-fetch-site'] = pick(['cross-site', 'same-site', 'same-origin', 'none', 'weird']);
    if (chance(0.3)) {
      result['x-modq-timestamp'] = pick(['', '0', '-1', 'abc', '9'.repeat(40), String(Math.floor(Date.now() / 1000))]);
      result['x-modq-signature'] = pick([
        '',
        'v1=',
        `v1=${'0'.repeat(64)}`,
        `v1=${'g'.repeat(64)}`,
        'v2=abc',
        printable(pick(strings())),
      ]);
    }
    if (chance(0.8))
      result['content-type'] = pick([
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'APPLICATION/JSON',
        '',
      ]);
    return result;
  }

  before(async () => {
    worker = await startWorker({
      secret,
      allowedOrigins: ['https://lms.example', '*'],
      adminSecret: 'fuzz-admin',
      recheckSeconds: 1,
      modq: { secret: modqSecret },
    });
    course = await freshCourse(worker.apiBase, 3, { moderators: 1 });
    token = signToken({ sub: course.students[0].id, exp: inAnHour() }, secret);
    const sent = await call(worker.apiBase, `/courses/${course.id}/chat/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signToken({ sub: course.students[2].id, exp: inAnHour() }, secret)}` },
      body: { client_id: randomUUID(), content: 'a message to aim at', is_question: true },
    });
    messageId = sent.json.message.id;
  });
  after(() => worker?.stop());

  it(`answers ${requestCount} fuzzed REST requests without a 5xx, each refusal with the error body`, async () => {
    const statuses = new Map();
    const failures = [];
    const one = async () => {
      const [routeMethod, template] = pick(routes);
      const method = chance(0.85) ? routeMethod : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const target = chance(0.05) ? pick(['/', '/api', '/nope', '//courses', '/courses/x/chat']) : path(template);
      const request = { method, headers: headers() };
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') request.body = body(template);
      // Half of MODQ's decisions signed right, so their bodies get past the signature to be fuzzed.
      if (template === '/moderation/decisions' && request.body !== undefined && chance(0.5))
        Object.assign(request.headers, signedAsModq(request.body, modqSecret));
      const response = await fetch(`${worker.apiBase}${target}`, request);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const withoutBody = method === 'OPTIONS' || method === 'HEAD' || response.status === 101;
      let refusal = true;
      if (response.status >= 400 && !withoutBody) {
        try {
          const parsed = JSON.parse(text);
          refusal = typeof parsed.error?.code === 'string' && typeof parsed.error?.message === 'string';
        } catch {
          refusal = false;
        }
      }
      if (response.status >= 500 || !refusal)
        failures.push(`${method} ${target.slice(0, 120)} → ${response.status} ${text.slice(0, 200)}`);
    };
    for (let sent = 0; sent < requestCount; sent += 8) await Promise.all(Array.from({ length: 8 }, one));
    assert.deepEqual(failures, [], `statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok(![...statuses.keys()].some((status) => status >= 500));
  });

  it(`keeps the room up through ${frameCount} fuzzed socket frames and fuzzed connect URLs`, async () => {
    const elsewhere = await freshCourse(worker.apiBase, 1);
    const tokens = course.students.map((student) => signToken({ sub: student.id, exp: inAnHour() }, secret));
    const sockets = await Promise.all(tokens.map((t) => joinRoom(worker.apiBase, course.id, t)));
    const frameTypes = ['message', 'typing', 'mark_helpful', 'mark_question', 'set_available', 'ping', 'shout', ''];
    const frame = () => {
      if (chance(0.1))
        return pick([
          '',
          'not json',
          '[]',
          'null',
          '{"type":',
          '{}',
          'x'.repeat(70_000),
          new Uint8Array([0, 1, 2]).buffer,
        ]);
      const type = pick(frameTypes);
      const fields = {
        type,
        client_id: chance(0.7) ? randomUUID() : pick(values()),
        content: chance(0.6) ? `fuzz ${pick(strings())}` : pick(values()),
        is_question: chance(0.8) ? chance(0.5) : pick(values()),
        message_id: chance(0.5) ? messageId : pick(values()),
        available: chance(0.8) ? chance(0.5) : pick(values()),
      };
      if (chance(0.3)) fields.reply_to_id = chance(0.5) ? messageId : pick(values());
      if (chance(0.2)) fields.mentions = chance(0.5) ? [course.students[1].id] : pick(values());
      return JSON.stringify(fields);
    };
    for (let i = 0; i < frameCount; i++) pick(sockets).socket.send(frame());

    // Fuzzed connect URLs: the upgrade is accepted only to be closed with the protocol's code.
    const refusals = [4001, 4003, 4004];
    for (let i = 0; i < 60; i++) {
      const room = pick([elsewhere.id, '%E0%A4%A', '', 'a'.repeat(2000), '%', `${course.id}%00`]);
      const query = `room=${room}&token=${pick([token, '%E0%A4%A', '', 'a.b.c', tokens[1]])}`;
      const url = `${worker.apiBase.replace(/^http/, 'ws')}/chat/connect?${query}`;
      const code = await new Promise((resolve) => new WebSocket(url).addEventListener('close', (e) => resolve(e.code)));
      assert.ok(refusals.includes(code), `connect ?${query.slice(0, 80)} closed with ${code}`);
    }

    // Still up: every socket answers, a new message reaches everyone, and nothing sent was invalid.
    const last = await postWhenAllowed(worker.apiBase, `/courses/${course.id}/chat/messages`, {
      headers: { authorization: `Bearer ${tokens[2]}` },
      body: { client_id: randomUUID(), content: 'still here after the fuzz', is_question: false },
    });
    assert.equal(last.status, 201);
    for (const { socket, frames, next } of sockets) {
      assert.equal(socket.readyState, WebSocket.OPEN);
      await next((f) => f.type === 'message' && f.data.id === last.json.message.id);
      const known = new Set([
        'hello',
        'presence',
        'message',
        'message_updated',
        'user_joined',
        'user_left',
        'typing',
        'award',
        'balance',
        'error',
        'pong',
      ]);
      assert.deepEqual(
        frames.filter((f) => !known.has(f.type)),
        [],
      );
      assert.ok(frames.filter((f) => f.type === 'error').every((f) => f.code !== 'internal'));
      socket.close();
    }
  });
});

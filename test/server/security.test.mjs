// The Worker's deployment-level defences (issue #18), tested from Node against a real `wrangler dev`
// on loopback, configured as a host would configure production plus the local `*`: CORS and the
// session cookie's origin check, the admin revocation call, and JWT_SECRET rotation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startWorker } from '../../server/test-server.mjs';
import { call, freshCourse, inAnHour, joinRoom, signedWith, signToken } from './helpers.mjs';

const lms = 'https://lms.example';
const evil = 'https://evil.example';
const secrets = { current: 'rotated-secret-2026', previous: 'retired-secret-2025', admin: 'admin-secret-for-tests' };

describe('the Worker under attack', { timeout: 180_000 }, () => {
  let worker;
  let apiBase;
  before(async () => {
    // A re-check interval far longer than any test: whatever closes a socket here is not the alarm.
    worker = await startWorker({
      allowedOrigins: [lms, '*'],
      secret: secrets.current,
      previousSecret: secrets.previous,
      adminSecret: secrets.admin,
      recheckSeconds: 600,
    });
    apiBase = worker.apiBase;
  });
  after(() => worker?.stop());

  const tokenFor = (userId, secret = secrets.current) => signToken({ sub: userId, exp: inAnHour() }, secret);
  const send = (courseId, headers, content = `sent ${randomUUID()}`) =>
    call(apiBase, `/courses/${courseId}/chat/messages`, {
      method: 'POST',
      headers,
      body: { client_id: randomUUID(), content, is_question: false },
    });
  const contents = async (courseId, userId) =>
    (
      await call(apiBase, `/courses/${courseId}/chat/messages`, {
        headers: { authorization: `Bearer ${tokenFor(userId)}` },
      })
    ).json.messages.map((message) => message.content);

  describe('CORS and the session cookie', () => {
    it('never answers an unlisted origin with credentials, even with * allowed', async () => {
      const preflight = await call(apiBase, '/goodwill/award', {
        method: 'OPTIONS',
        headers: {
          origin: evil,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
      assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

      const listed = await call(apiBase, '/goodwill/award', {
        method: 'OPTIONS',
        headers: { origin: lms, 'access-control-request-method': 'POST' },
      });
      assert.equal(listed.headers.get('access-control-allow-origin'), lms);
      assert.equal(listed.headers.get('access-control-allow-credentials'), 'true');
    });

    it('refuses a cookie-authenticated write from an unlisted origin, and stores nothing', async () => {
      const { id, students } = await freshCourse(apiBase);
      const cookie = `course_chat_session=${tokenFor(students[0].id)}`;
      const forged = await send(id, { origin: evil, cookie }, 'forged from evil.example');
      assert.equal(forged.status, 401);
      assert.equal(forged.json.error.code, 'unauthenticated');
      assert.equal(forged.headers.get('access-control-allow-credentials'), null);
      const noOrigin = await send(id, { 'sec-fetch-site': 'cross-site', cookie }, 'forged without Origin');
      assert.equal(noOrigin.status, 401);
      const nullOrigin = await send(id, { origin: 'null', cookie }, 'forged from a sandbox');
      assert.equal(nullOrigin.status, 401);
      assert.deepEqual(await contents(id, students[1].id), []);
    });

    it('accepts the cookie from a listed origin, the Worker itself, and callers that are no browser', async () => {
      const { id, students } = await freshCourse(apiBase, 3);
      const cookieOf = (student) => `course_chat_session=${tokenFor(student.id)}`;
      const fromLms = await send(id, { origin: lms, cookie: cookieOf(students[0]) }, 'from the LMS');
      assert.equal(fromLms.status, 201);
      assert.equal(fromLms.headers.get('access-control-allow-origin'), lms);
      assert.equal(fromLms.headers.get('access-control-allow-credentials'), 'true');
      const sameOrigin = await send(id, { origin: worker.origin, cookie: cookieOf(students[1]) }, 'same origin');
      assert.equal(sameOrigin.status, 201);
      const server = await call(apiBase, `/courses/${id}/chat/room`, {
        headers: { 'sec-fetch-site': 'same-origin', cookie: cookieOf(students[2]) },
      });
      assert.equal(server.status, 200);
    });

    it('lets any origin call with a bearer token when * is allowed, without credentials', async () => {
      const { id, students } = await freshCourse(apiBase);
      const reply = await send(id, { origin: evil, authorization: `Bearer ${tokenFor(students[0].id)}` });
      assert.equal(reply.status, 201);
      assert.equal(reply.headers.get('access-control-allow-origin'), '*');
      assert.equal(reply.headers.get('access-control-allow-credentials'), null);
    });

    it('exposes Retry-After to pages, with every 429', async () => {
      const { id, students } = await freshCourse(apiBase);
      const headers = { origin: lms, authorization: `Bearer ${tokenFor(students[0].id)}` };
      assert.equal((await send(id, headers)).status, 201);
      const limited = await send(id, headers);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), String(Math.ceil(limited.json.error.retry_after_ms / 1000)));
      assert.match(limited.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
    });
  });

  describe('malformed input', () => {
    it('answers a malformed cookie or path with a 4xx and the error body, never a 500', async () => {
      const cookie = await call(apiBase, '/courses/anything/chat/room', {
        headers: { cookie: 'course_chat_session=%E0%A4%A' },
      });
      assert.equal(cookie.status, 401);
      assert.equal(cookie.json.error.code, 'unauthenticated');
      const path = await call(apiBase, '/courses/%E0%A4%A/chat/room', {
        headers: { authorization: `Bearer ${tokenFor('anyone')}` },
      });
      assert.equal(path.status, 400);
      assert.equal(path.json.error.code, 'invalid_request');
    });
  });

  describe('the admin call', () => {
    const revoke = (body, secret = secrets.admin) =>
      call(apiBase, '/admin/revoke', { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body });

    it('refuses callers without the admin secret', async () => {
      const { id, students } = await freshCourse(apiBase);
      const body = { course_id: id, user_id: students[0].id };
      assert.equal((await call(apiBase, '/admin/revoke', { method: 'POST', body })).status, 401);
      assert.equal((await revoke(body, 'guessed')).status, 401);
      // A user's own token is no admin credential.
      assert.equal((await revoke(body, tokenFor(students[0].id))).status, 401);
      assert.equal((await revoke({ course_id: id })).status, 400);
    });

    it("closes a user's sockets in a course at once, with 4003, and only theirs", async () => {
      const { id, students } = await freshCourse(apiBase);
      const [ana, ben] = students;
      const first = await joinRoom(apiBase, id, tokenFor(ana.id));
      const second = await joinRoom(apiBase, id, tokenFor(ana.id));
      const other = await joinRoom(apiBase, id, tokenFor(ben.id));
      const answer = await revoke({ course_id: id, user_id: ana.id });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { closed: 2 });
      assert.deepEqual(await Promise.all([first.closed, second.closed]), [4003, 4003]);
      assert.equal(other.socket.readyState, WebSocket.OPEN);
      other.socket.close();
    });
  });

  describe('JWT_SECRET rotation', () => {
    it('still accepts tokens signed with the previous secret, and signs new ones with the current', async () => {
      const { id, students } = await freshCourse(apiBase);
      const old = tokenFor(students[0].id, secrets.previous);
      const room = await call(apiBase, `/courses/${id}/chat/room`, { headers: { authorization: `Bearer ${old}` } });
      assert.equal(room.status, 200);
      assert.ok(signedWith(room.json.user_token, secrets.current));
      assert.ok(!signedWith(room.json.user_token, secrets.previous));
      const current = tokenFor(students[1].id);
      assert.equal((await send(id, { authorization: `Bearer ${current}` })).status, 201);
    });

    it('refuses tokens signed with any other secret, and expired ones under either', async () => {
      const { id, students } = await freshCourse(apiBase);
      const path = `/courses/${id}/chat/room`;
      const stranger = tokenFor(students[0].id, 'some-other-secret');
      assert.equal((await call(apiBase, path, { headers: { authorization: `Bearer ${stranger}` } })).status, 401);
      const expired = signToken({ sub: students[0].id, exp: Math.floor(Date.now() / 1000) - 5 }, secrets.previous);
      const reply = await call(apiBase, path, { headers: { authorization: `Bearer ${expired}` } });
      assert.equal(reply.json.error.code, 'token_expired');
    });
  });
});

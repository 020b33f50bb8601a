/**
 * The protocol's refusals under attack and misuse (issue #18), held against any backend as the
 * main suite is: access that ends while connected, expired tokens, malformed input, the one text
 * contract, award points, and the limits on fan-out frames, sockets and retries.
 */
import { expect } from '@open-wc/testing';
import {
  closeCodes,
  helpersResponse,
  historyResponse,
  maxBodyLength,
  maxSocketsPerUser,
  messageResponse,
  paths,
  textLength,
  type ChatMessage,
  type SendMessageBody,
} from '../../src/protocol/index.js';
import type { ConformanceTarget } from './suite.js';
import {
  courseFactory,
  expectError,
  messageBody,
  pause,
  Wire,
  type Course,
  type CourseSpec,
  type Person,
  type Socket,
} from './wire.js';

/** How long a backend may take to notice access that ended (the test Worker re-checks every 2 s). */
const revocationBoundMs = 10_000;

export function securitySuite(target: ConformanceTarget): void {
  describe(`protocol conformance, refusals under misuse: ${target.name}`, function () {
    this.timeout(30_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);
    const body = messageBody;
    const post = (c: Course, person: Person, message: SendMessageBody) => wire.post(c, person, message);

    const sent = async (c: Course, person: Person, content: string): Promise<ChatMessage> => {
      const reply = await post(c, person, body(content));
      expect(reply.status, JSON.stringify(reply.json)).to.equal(201);
      return messageResponse.parse(reply.json).message;
    };

    const history = async (c: Course, person: Person) =>
      (await wire.ok(historyResponse, 'GET', paths.messages(c.id), { token: person.token })).messages;

    const closedWithin = async (socket: Socket, ms: number) => {
      const timeout = pause(ms).then(() => null);
      return Promise.race([socket.closed.then((event) => event.code), timeout]);
    };

    describe('access that ends while connected', () => {
      const revocations: Array<[string, CourseSpec, (c: Course, person: Person) => Promise<void>]> = [
        [
          'enrolment removed',
          { students: 2 },
          (c, p) => wire.access({ course_id: c.id, user_id: p.id, role: 'outsider' }),
        ],
        [
          'ST certification withdrawn',
          { students: 1, sts: 1 },
          (c, p) => wire.access({ course_id: c.id, user_id: p.id, role: 'outsider' }),
        ],
        [
          'feature flag turned off',
          { students: 2 },
          (c, p) => wire.access({ course_id: c.id, user_id: p.id, feature_enabled: false }),
        ],
      ];

      for (const [what, spec, revoke] of revocations) {
        it(`closes a reading socket with 4003 once its user's ${what}`, async () => {
          const c = await course(spec);
          const [watcherPerson, revoked] = c.people;
          const watcher = await c.connect(watcherPerson!);
          const room = await c.room(revoked!);
          const reader = c.raw(wire.socketUrl(room.room_id, room.user_token));
          await reader.next('hello');
          await revoke(c, revoked!);
          expect(await closedWithin(reader, revocationBoundMs)).to.equal(closeCodes.forbidden);
          const after = await sent(c, watcherPerson!, 'said after the socket closed');
          await watcher.next('message', (f) => f.data.id === after.id);
          expect(reader.all('message', (f) => f.data.id === after.id)).to.have.length(0);
          // The user_token it connected with, still unexpired, opens nothing either.
          const again = c.raw(wire.socketUrl(room.room_id, room.user_token));
          expect((await again.closed).code).to.equal(closeCodes.forbidden);
          expect(again.all('hello')).to.have.length(0);
        });
      }

      it('keeps an ST whose certification is withdrawn but who stays enrolled, no longer as a helper', async () => {
        const c = await course({ students: 1, sts: 1 });
        const [student] = c.students;
        const [st] = c.sts;
        const watcher = await c.connect(student!);
        const stSocket = await c.connect(st!);
        stSocket.send({ type: 'set_available', available: true });
        await watcher.next('presence', (f) => f.users.some((u) => u.id === st!.id && u.available));
        await wire.access({ course_id: c.id, user_id: st!.id, role: 'student' });
        const demoted = await watcher.next(
          'presence',
          (f) => f.users.some((u) => u.id === st!.id && !u.is_student_teacher && !u.available),
          { timeoutMs: revocationBoundMs },
        );
        expect(demoted.users.map((u) => u.id)).to.include(st!.id);
        const helpers = await wire.ok(helpersResponse, 'GET', paths.helpers(c.id), { token: student!.token });
        expect(helpers.helpers).to.deep.equal([]);
        expect(stSocket.isOpen).to.be.true;
        stSocket.send({ type: 'set_available', available: true });
        expect((await stSocket.next('error')).code).to.equal('not_student_teacher');
      });

      it('stores nothing a revoked socket writes, and closes it with 4003', async () => {
        const c = await course({ students: 2 });
        const [watcher, revoked] = c.students;
        const room = await c.room(revoked!);
        const writer = c.raw(wire.socketUrl(room.room_id, room.user_token));
        await writer.next('hello');
        await wire.access({ course_id: c.id, user_id: revoked!.id, role: 'outsider' });
        const frame = body('written after revocation');
        if (writer.isOpen) writer.send({ type: 'message', ...frame });
        expect(await closedWithin(writer, revocationBoundMs)).to.equal(closeCodes.forbidden);
        expect(writer.all('message', (f) => f.data.client_id === frame.client_id)).to.have.length(0);
        expect((await history(c, watcher!)).map((m) => m.client_id)).not.to.include(frame.client_id);
      });

      it('issues no user_token that outlives the host credential, and closes its socket at expiry with 4001', async () => {
        const c = await course({ students: 2 });
        const [watcher, shortLived] = c.students;
        const hostToken = await wire.token(shortLived!.id, 3);
        const hostExpiry = JSON.parse(atob(hostToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
          exp: number;
        };
        const room = await c.room({ ...shortLived!, token: hostToken });
        expect(Date.parse(room.token_expires_at)).to.be.at.most(hostExpiry.exp * 1000);
        const reader = c.raw(wire.socketUrl(room.room_id, room.user_token));
        await reader.next('hello');
        await pause(Math.max(0, hostExpiry.exp * 1000 - Date.now()) + 200);
        const after = await sent(c, watcher!, 'said after the token expired');
        const frame = body('written on an expired token');
        if (reader.isOpen) reader.send({ type: 'message', ...frame });
        expect(await closedWithin(reader, revocationBoundMs)).to.equal(closeCodes.unauthorized);
        expect(reader.all('message', (f) => f.data.id === after.id)).to.have.length(0);
        expect((await history(c, watcher!)).map((m) => m.client_id)).not.to.include(frame.client_id);
      });
    });

    describe('malformed requests', () => {
      it('answers malformed percent-encoding in a path or a query with 400 and the error body', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        const base = target.apiBase.replace(/\/+$/, '');
        for (const path of [
          '/courses/%E0%A4%A/chat/room',
          `/courses/${c.id}/chat/messages/%E0%A4%A/question`,
          `/courses/${c.id}/chat/messages?before=%E0%A4%A`,
        ]) {
          const method = path.endsWith('/question') ? 'POST' : 'GET';
          const response = await fetch(`${base}${path}`, {
            method,
            headers: { authorization: `Bearer ${ana!.token}`, 'content-type': 'application/json' },
          });
          const reply = { status: response.status, json: await response.json(), headers: response.headers };
          expectError(reply, 'invalid_request');
        }
      });
    });

    describe('one contract for text', () => {
      it('counts code points: 1,500 emoji are sent, 2,001 characters of any kind are too long', async () => {
        const c = await course({ students: 5 });
        const [ana, ben, cleo, dev, eve] = c.students;
        const limit = (await c.room(ana!)).limits.max_message_length;
        const emoji = await sent(c, ana!, '😀'.repeat(1500));
        expect(textLength(emoji.content)).to.equal(1500);
        const full = await sent(c, ben!, '🧮'.repeat(limit));
        expect(textLength(full.content)).to.equal(limit);
        expectError(await post(c, cleo!, body('🧮'.repeat(limit + 1))), 'content_too_long');
        expectError(await post(c, cleo!, body('x'.repeat(20_001))), 'content_too_long');
        expectError(await post(c, dev!, body('x'.repeat(maxBodyLength + 1))), 'content_too_long');
        const socket = await c.connect(eve!);
        const long = body('🧮'.repeat(limit + 1));
        socket.send({ type: 'message', ...long });
        expect((await socket.next('error', (f) => f.client_id === long.client_id)).code).to.equal('content_too_long');
        socket.sendRaw(JSON.stringify({ type: 'message', ...body('x'.repeat(maxBodyLength + 1)) }));
        expect((await socket.next('error', (f) => f.client_id === undefined)).code).to.equal('content_too_long');
        expect(socket.isOpen).to.be.true;
      });

      it('answers, broadcasts and stores the same normalised text: well-formed, NFC', async () => {
        const c = await course({ students: 3 });
        const [ana, ben, watcherPerson] = c.students;
        const watcher = await c.connect(watcherPerson!);
        const lone = await sent(c, ana!, 'half \uD83D of an emoji');
        expect(lone.content).to.equal('half \uFFFD of an emoji');
        const composed = await sent(c, ben!, 'caf\u0065\u0301');
        expect(composed.content).to.equal('caf\u00e9');
        for (const message of [lone, composed]) {
          const live = await watcher.next('message', (f) => f.data.id === message.id);
          expect(live.data.content).to.equal(message.content);
        }
        const stored = await history(c, ana!);
        expect(stored.map((m) => m.content)).to.deep.equal([lone.content, composed.content]);
      });
    });

    describe('award points', () => {
      it('refuses 0, -5 and 1.5 points with 422 points_out_of_range, as the table says', async () => {
        const c = await course({ students: 2 });
        const [author, giver] = c.students;
        const message = await sent(c, author!, 'an answer worth points');
        for (const points of [0, -5, 1.5]) {
          const reply = await wire.call('POST', paths.award(), {
            token: giver!.token,
            body: { recipient_id: author!.id, points, reason: 'chat_help', reference_id: message.id },
          });
          expectError(reply, 'points_out_of_range');
        }
        const notANumber = await wire.call('POST', paths.award(), {
          token: giver!.token,
          body: { recipient_id: author!.id, points: '5', reason: 'chat_help', reference_id: message.id },
        });
        expectError(notANumber, 'invalid_request');
      });
    });

    describe('limits beyond messages', () => {
      it('fans out at most a few "Available to Help" switches per second from one socket', async () => {
        const c = await course({ students: 1, sts: 1 });
        const watcher = await c.connect(c.students[0]!);
        const st = await c.connect(c.sts[0]!);
        const presencesBefore = watcher.all('presence').length;
        const ownBefore = st.all('presence').length;
        const started = Date.now();
        const frames = 200;
        for (let i = 0; i < frames; i++) st.send({ type: 'set_available', available: i % 2 === 0 });
        const answered = () => st.all('presence').length - ownBefore + st.all('error').length;
        await st.until(() => answered() >= frames, `${frames} answers`, 20_000);
        const seconds = (Date.now() - started) / 1000;
        const refused = st.all('error');
        expect(refused.length).to.be.greaterThan(frames / 2);
        for (const error of refused) {
          expect(error.code).to.equal('rate_limited');
          expect(error.retry_after_ms).to.be.within(1, 1000);
        }
        await watcher.barrier();
        const fannedOut = watcher.all('presence').length - presencesBefore;
        expect(fannedOut).to.equal(frames - refused.length);
        expect(fannedOut).to.be.at.most(3 + Math.ceil(seconds) + 1);
      });

      it('relays at most about one typing frame per second from one socket', async () => {
        const c = await course({ students: 2 });
        const [typistPerson, watcherPerson] = c.students;
        const watcher = await c.connect(watcherPerson!);
        const typist = await c.connect(typistPerson!);
        const started = Date.now();
        for (let i = 0; i < 300; i++) typist.send({ type: 'typing' });
        const marker = body('after the typing burst');
        typist.send({ type: 'message', ...marker });
        await watcher.next('message', (f) => f.data.client_id === marker.client_id, { timeoutMs: 20_000 });
        const seconds = (Date.now() - started) / 1000;
        const relayed = watcher.all('typing').length;
        expect(relayed).to.be.within(1, 1 + Math.ceil(seconds) + 1);
      });

      it(`refuses a user's socket beyond ${maxSocketsPerUser} in one room with 4029`, async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        const open = [];
        for (let i = 0; i < maxSocketsPerUser; i++) open.push(await c.connect(ana!));
        const room = await c.room(ana!);
        const extra = c.raw(wire.socketUrl(room.room_id, room.user_token));
        expect((await extra.closed).code).to.equal(closeCodes.tooManySockets);
        expect(extra.all('hello')).to.have.length(0);
        for (const socket of open) expect(socket.isOpen).to.be.true;
        await open[0]!.close();
        const again = c.raw(wire.socketUrl(room.room_id, room.user_token));
        await again.next('hello');
      });

      it('sends Retry-After, in whole seconds rounded up, with every 429', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        await sent(c, ana!, 'first');
        const reply = await post(c, ana!, body('too soon'));
        const error = expectError(reply, 'rate_limited');
        expect(reply.headers.get('retry-after')).to.equal(String(Math.ceil(error.retry_after_ms! / 1000)));
      });
    });
  });
}

/**
 * The protocol conformance suite: docs/protocol.md checked at wire level against any backend that
 * serves it under an absolute `apiBase` with its dev endpoints on. Every test builds its own course
 * and people, so tests are independent and can run against a long-lived server.
 */
import { expect } from '@open-wc/testing';
import {
  awardResponse,
  closeCodes,
  helpersResponse,
  historyResponse,
  maxHistoryLimit,
  messageResponse,
  myAwardsResponse,
  paths,
  readResponse,
  reportResponse,
  roomResponse,
  settingsResponse,
  type AwardBody,
  type ChatMessage,
  type RoomLimits,
  type SendMessageBody,
} from '../../src/protocol/index.js';
import {
  courseFactory,
  expectError,
  messageBody,
  pause,
  uid,
  Wire,
  type Course,
  type Person,
  type Socket,
} from './wire.js';

export interface ConformanceTarget {
  name: string;
  /** Absolute, e.g. `http://127.0.0.1:8787/api`. */
  apiBase: string;
}

export function conformanceSuite(target: ConformanceTarget): void {
  describe(`protocol conformance: ${target.name}`, function () {
    this.timeout(30_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);
    const body = messageBody;
    const post = (c: Course, person: Person, message: SendMessageBody) => wire.post(c, person, message);

    /** Sends over REST and expects 201; each person may send once per rate-limit interval. */
    const send = async (c: Course, person: Person, content: string, extra: Partial<SendMessageBody> = {}) =>
      (
        await wire.ok(
          messageResponse,
          'POST',
          paths.messages(c.id),
          { token: person.token, body: body(content, extra) },
          201,
        )
      ).message;

    const history = (c: Course, person: Person, query = '') =>
      wire.ok(historyResponse, 'GET', `${paths.messages(c.id)}${query}`, { token: person.token });

    const balanceOf = async (c: Course, person: Person) => (await c.room(person)).balance;

    const limitsOf = async (c: Course): Promise<RoomLimits> => (await c.room(c.people[0]!)).limits;

    const award = (person: Person, awardBody: AwardBody) =>
      wire.call('POST', paths.award(), { token: person.token, body: awardBody });

    const helped = (message: ChatMessage, points: number): AwardBody => ({
      recipient_id: message.author.id,
      points,
      reason: 'chat_help',
      reference_id: message.id,
    });

    const seqsOf = (socket: Socket, c: Course) =>
      socket.all('message', (frame) => frame.data.course_id === c.id).map((frame) => frame.data.id);

    describe('room and access', () => {
      it('answers the room with the caller, the course, the balance and the limits', async () => {
        const c = await course({ students: 1, sts: 1, balance: [37, 120] });
        const [student] = c.students;
        const [st] = c.sts;
        const room = await c.room(student!);
        expect(room.course).to.deep.equal({ id: c.id, title: c.title });
        expect(room.me).to.include({ id: student!.id, name: student!.name, is_student_teacher: false });
        expect(room.balance).to.equal(37);
        expect(room.last_seq).to.equal(0);
        expect(Date.parse(room.token_expires_at)).to.be.greaterThan(Date.now());
        expect(room.limits.max_award_points).to.be.at.least(room.limits.default_award_points);
        const stRoom = await c.room(st!);
        expect(stRoom.me.is_student_teacher).to.be.true;
        expect(stRoom.balance).to.equal(120);
      });

      it('refuses missing, invalid and expired credentials with 401', async () => {
        const c = await course({ students: 1 });
        const [student] = c.students;
        await wire.fails('unauthenticated', 'GET', paths.room(c.id));
        await wire.fails('unauthenticated', 'GET', paths.room(c.id), { token: 'not-a-jwt' });
        const [head, payload] = student!.token.split('.');
        await wire.fails('unauthenticated', 'GET', paths.room(c.id), { token: `${head}.${payload}.forged` });
        const shortLived = await wire.token(student!.id, 1);
        await pause(2100);
        await wire.fails('token_expired', 'GET', paths.room(c.id), { token: shortLived });
      });

      it('refuses outsiders (not_enrolled), a disabled feature and unknown courses', async () => {
        const c = await course({ students: 1, outsiders: 1 });
        const [student] = c.students;
        const [outsider] = c.outsiders;
        await wire.fails('not_enrolled', 'GET', paths.room(c.id), { token: outsider!.token });
        await wire.fails('not_enrolled', 'GET', paths.messages(c.id), { token: outsider!.token });
        await wire.fails('not_enrolled', 'POST', paths.messages(c.id), { token: outsider!.token, body: body('hi') });
        await wire.fails('not_enrolled', 'GET', paths.helpers(c.id), { token: outsider!.token });
        await wire.fails('course_not_found', 'GET', paths.room(uid('missing')), { token: student!.token });

        // Access comes before the body: an outsider learns nothing about what a body should be.
        const malformed = { token: outsider!.token, raw: '{"content":' };
        await wire.fails('not_enrolled', 'POST', paths.messages(c.id), malformed);
        await wire.fails('not_enrolled', 'POST', paths.read(c.id), { token: outsider!.token, body: { seq: -1 } });

        const off = await course({ students: 1, featureEnabled: false });
        await wire.fails('feature_disabled', 'GET', paths.room(off.id), { token: off.students[0]!.token });
        await wire.fails('feature_disabled', 'GET', paths.messages(off.id), { token: off.students[0]!.token });
      });

      it('closes sockets with bad tokens with 4001 before any hello', async () => {
        const c = await course({ students: 1 });
        const room = await c.room(c.students[0]!);
        const forged = `${room.user_token.slice(0, -4)}AAAA`;
        for (const token of ['garbage', forged, c.students[0]!.token]) {
          const socket = c.raw(wire.socketUrl(room.room_id, token));
          const closed = await socket.closed;
          expect(closed.code, `token ${token.slice(0, 12)}`).to.equal(closeCodes.unauthorized);
          expect(socket.all('hello')).to.have.length(0);
        }
      });

      it('never lets a room token open another room', async () => {
        const a = await course({ students: 1 });
        const b = await course({ students: 1 });
        const roomA = await a.room(a.students[0]!);
        const roomB = await b.room(b.students[0]!);
        const socket = a.raw(wire.socketUrl(roomB.room_id, roomA.user_token));
        const closed = await socket.closed;
        expect([closeCodes.unauthorized, closeCodes.forbidden]).to.include(closed.code);
        expect(socket.all('hello')).to.have.length(0);
      });

      it('closes with 4003 the socket of a user no longer allowed in the room', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        const room = await c.room(ana!);
        const fixture = (role: Person['role'], enabled: boolean) =>
          wire.fixtures({
            course: { id: c.id, title: c.title },
            feature_enabled: enabled,
            users: [{ id: ana!.id, name: ana!.name, role, balance: ana!.balance }],
          });
        for (const [role, enabled] of [
          ['outsider', true],
          ['student', false],
        ] as const) {
          await fixture(role, enabled);
          const socket = c.raw(wire.socketUrl(room.room_id, room.user_token));
          expect((await socket.closed).code, `${role}, feature ${enabled}`).to.equal(closeCodes.forbidden);
          expect(socket.all('hello')).to.have.length(0);
        }
      });

      it('greets a valid socket with hello, then presence', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        await send(c, ana!, 'first');
        const first = await c.connect(ana!);
        const hello = first.frames[0];
        expect(hello).to.deep.include({ type: 'hello', user_id: ana!.id, last_seq: (await c.room(ana!)).last_seq });
        expect(first.frames[1]?.type).to.equal('presence');
        const second = await c.connect(ben!);
        const presence = await second.next('presence');
        expect(presence.users.map((u) => u.id)).to.have.members([ana!.id, ben!.id]);
      });
    });

    describe('sending', () => {
      it('stores a REST send, answers 201 and broadcasts it to everyone', async () => {
        const c = await course({ students: 2, outsiders: 1 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const sender = await c.connect(ana!);
        const mentions = [ben!.id, c.outsiders[0]!.id, uid('nobody')];
        const message = await send(c, ana!, 'Hello @ben', { mentions });
        expect(message).to.deep.include({
          course_id: c.id,
          content: 'Hello @ben',
          is_question: false,
          question_status: null,
          reply_to_id: null,
          helpful_points: 0,
        });
        expect(message.author).to.deep.equal({
          id: ana!.id,
          name: ana!.name,
          avatar_url: null,
          is_student_teacher: false,
        });
        expect(message.mentions).to.deep.equal([ben!.id]);
        expect((await watcher.next('message', (f) => f.data.id === message.id)).data).to.deep.equal(message);
        await sender.next('message', (f) => f.data.id === message.id);
        expect((await c.room(ana!)).last_seq).to.equal(message.seq);
      });

      it('stores a socket send and acknowledges it with the message frame', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const sender = await c.connect(ana!);
        const frame = { type: 'message', ...body('Is 4.2 on the quiz?', { is_question: true }) };
        sender.send(frame);
        const ack = await sender.next('message', (f) => f.data.client_id === frame.client_id);
        expect(ack.data).to.deep.include({
          content: 'Is 4.2 on the quiz?',
          is_question: true,
          question_status: 'open',
        });
        await watcher.next('message', (f) => f.data.id === ack.data.id);
        expect((await history(c, ben!)).messages.map((m) => m.id)).to.deep.equal([ack.data.id]);
      });

      it('normalises content and refuses empty and too long content', async () => {
        const c = await course({ students: 4 });
        const [ana, ben, cleo, dev] = c.students;
        const limits = await limitsOf(c);
        const message = await send(c, ana!, '  \r\nfirst line\r\nsecond\rthird \n ');
        expect(message.content).to.equal('first line\nsecond\nthird');
        expectError(await post(c, ben!, body(' \r\n \n ')), 'invalid_request');
        expectError(await post(c, ben!, body('x'.repeat(limits.max_message_length + 1))), 'content_too_long');
        const padded = await send(c, cleo!, `\n ${'y'.repeat(limits.max_message_length)} \r\n`);
        expect(padded.content).to.have.length(limits.max_message_length);
        expectError(await post(c, dev!, body('answer', { reply_to_id: uid('missing') })), 'message_not_found');
        expectError(await post(c, dev!, { ...body('x'), client_id: 'not-a-uuid' }), 'invalid_request');
        const bad = await wire.call('POST', paths.messages(c.id), { token: dev!.token, raw: '{"content":' });
        expectError(bad, 'invalid_request');
        const socket = await c.connect(dev!);
        const long = body('z'.repeat(limits.max_message_length + 1));
        socket.send({ type: 'message', ...long });
        const refused = await socket.next('error', (f) => f.client_id === long.client_id);
        expect(refused.code).to.equal('content_too_long');
        expect(socket.isOpen).to.be.true;
        // Only the two accepted messages are stored.
        expect((await history(c, ana!)).messages.map((m) => m.id)).to.deep.equal([message.id, padded.id]);
      });

      it('refuses a write that does not say it is JSON, so no cross-site form can post one', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
          const reply = await wire.call('POST', paths.messages(c.id), {
            token: ana!.token,
            body: body('forged'),
            contentType,
          });
          expectError(reply, 'invalid_request');
        }
        expect((await history(c, ana!)).messages).to.deep.equal([]);
        expect((await post(c, ana!, body('sent as the element sends'))).status).to.equal(201);
      });

      it('stores a client_id once: 201, then 200 with the same message, broadcast once', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const message = body('sent twice');
        const first = await post(c, ana!, message);
        const second = await post(c, ana!, message);
        expect(first.status).to.equal(201);
        expect(second.status).to.equal(200);
        expect(messageResponse.parse(second.json)).to.deep.equal(messageResponse.parse(first.json));
        await watcher.barrier();
        expect(watcher.all('message', (f) => f.data.client_id === message.client_id)).to.have.length(1);
        expect((await history(c, ana!)).messages).to.have.length(1);
      });

      it('rate-limits new messages per user with retry_after_ms, but never replays', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const limits = await limitsOf(c);
        const first = body('one');
        expect((await post(c, ana!, first)).status).to.equal(201);
        const limited = expectError(await post(c, ana!, body('two')), 'rate_limited');
        expect(limited.retry_after_ms).to.be.a('number');
        expect(limited.retry_after_ms).to.be.within(1, limits.min_send_interval_ms);
        expect((await post(c, ana!, first)).status).to.equal(200);
        // Another user is not slowed down by ana.
        expect((await post(c, ben!, body('three'))).status).to.equal(201);
        const socket = await c.connect(ana!);
        const frame = body('four');
        socket.send({ type: 'message', ...frame });
        const error = await socket.next('error', (f) => f.client_id === frame.client_id);
        if (error.code === 'rate_limited') {
          expect(error.retry_after_ms).to.be.within(0, limits.min_send_interval_ms);
          await pause((error.retry_after_ms ?? 0) + 50);
        }
        expect((await post(c, ana!, body('five'))).status).to.equal(201);
      });
    });

    describe('ordering and history', () => {
      it('gives concurrent senders one order, the same on every socket and in history', async () => {
        const c = await course({ students: 12 });
        const watchers = await Promise.all(c.students.slice(0, 3).map((p) => c.connect(p)));
        const wsSenders = await Promise.all(c.students.slice(3, 6).map((p) => c.connect(p)));
        const sends = [
          ...c.students.slice(6).map((person, i) => send(c, person, `rest ${i}`)),
          ...wsSenders.map(async (socket, i) => socket.send({ type: 'message', ...body(`ws ${i}`) })),
        ];
        await Promise.all(sends);
        const everyone = [...watchers, ...wsSenders];
        await Promise.all(everyone.map((socket) => socket.until(() => seqsOf(socket, c).length === 9, '9 messages')));
        const order = seqsOf(watchers[0]!, c);
        for (const socket of everyone) expect(seqsOf(socket, c)).to.deep.equal(order);
        const seqs = watchers[0]!.all('message').map((f) => f.data.seq);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).to.be.greaterThan(seqs[i - 1]!);
        const stored = await history(c, c.students[0]!);
        expect(stored.messages.map((m) => m.id)).to.deep.equal(order);
        expect(stored.has_more).to.be.false;
      });

      it('lets a client resume after a gap with after= paging', async () => {
        const c = await course({ students: 8 });
        const [ana, ...others] = c.students;
        const before = await send(c, ana!, 'before the gap');
        const socket = await c.connect(ana!);
        await socket.close();
        const missed = await Promise.all(others.map((person, i) => send(c, person, `while away ${i}`)));
        const expected = [...missed].sort((x, y) => x.seq - y.seq).map((m) => m.id);
        const again = await c.connect(ana!);
        expect(again.all('hello')[0]!.last_seq).to.be.at.least(Math.max(...missed.map((m) => m.seq)));
        const got: string[] = [];
        let cursor = before.seq;
        for (let pages = 0; pages < 10; pages++) {
          const page = await history(c, ana!, `?after=${cursor}&limit=3`);
          got.push(...page.messages.map((m) => m.id));
          if (page.messages.length > 0) cursor = page.messages.at(-1)!.seq;
          if (!page.has_more) break;
        }
        expect(got).to.deep.equal(expected);
      });

      it('pages history newest, before and after, always ascending, with has_more', async () => {
        const c = await course({ students: 7 });
        const sent: ChatMessage[] = [];
        for (const [i, person] of c.students.entries()) sent.push(await send(c, person, `message ${i}`));
        const ids = sent.map((m) => m.id);
        const reader = c.students[0]!;
        const newest = await history(c, reader, '?limit=3');
        expect(newest.messages.map((m) => m.id)).to.deep.equal(ids.slice(4));
        expect(newest.has_more).to.be.true;
        const older = await history(c, reader, `?before=${newest.messages[0]!.seq}&limit=3`);
        expect(older.messages.map((m) => m.id)).to.deep.equal(ids.slice(1, 4));
        expect(older.has_more).to.be.true;
        const oldest = await history(c, reader, `?before=${older.messages[0]!.seq}&limit=3`);
        expect(oldest.messages.map((m) => m.id)).to.deep.equal(ids.slice(0, 1));
        expect(oldest.has_more).to.be.false;
        const start = await history(c, reader, '?after=0&limit=5');
        expect(start.messages.map((m) => m.id)).to.deep.equal(ids.slice(0, 5));
        expect(start.has_more).to.be.true;
        const rest = await history(c, reader, `?after=${start.messages.at(-1)!.seq}&limit=5`);
        expect(rest.messages.map((m) => m.id)).to.deep.equal(ids.slice(5));
        expect(rest.has_more).to.be.false;
        const all = await history(c, reader, `?limit=${maxHistoryLimit}`);
        expect(all.messages.map((m) => m.id)).to.deep.equal(ids);
        const base = paths.messages(c.id);
        await wire.fails('invalid_request', 'GET', `${base}?limit=${maxHistoryLimit + 1}`, { token: reader.token });
        await wire.fails('invalid_request', 'GET', `${base}?limit=0`, { token: reader.token });
        await wire.fails('invalid_request', 'GET', `${base}?before=abc`, { token: reader.token });
      });
    });

    describe('question lifecycle', () => {
      it('lets only the author mark a message as a question', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const message = await send(c, ana!, 'How do I invert this?');
        const path = paths.markQuestion(c.id, message.id);
        await wire.fails('not_author', 'POST', path, { token: ben!.token });
        const marked = await wire.ok(messageResponse, 'POST', path, { token: ana!.token });
        expect(marked.message).to.deep.include({ id: message.id, is_question: true, question_status: 'open' });
        const update = await watcher.next('message_updated', (f) => f.data.id === message.id);
        expect(update.data).to.deep.equal(marked.message);
        await wire.fails('message_not_found', 'POST', paths.markQuestion(c.id, uid('missing')), { token: ana!.token });
        watcher.send({ type: 'mark_question', message_id: message.id });
        expect((await watcher.next('error')).code).to.equal('not_author');
      });

      it('answers a question when the asker or an ST marks a reply helpful, and refuses others', async () => {
        const c = await course({ students: 4, sts: 1 });
        const [asker, helper, bystander, answerer] = c.students;
        const [st] = c.sts;
        const [askerSocket, bystanderSocket, stSocket] = await Promise.all([
          c.connect(asker!),
          c.connect(bystander!),
          c.connect(st!),
        ]);
        const question = await send(c, asker!, 'Why is det(AB) = det(A)det(B)?', { is_question: true });
        const reply = await send(c, helper!, 'Think of volumes scaling.', { reply_to_id: question.id });
        expect(reply.reply_to_id).to.equal(question.id);
        bystanderSocket.send({ type: 'mark_helpful', message_id: reply.id });
        expect((await bystanderSocket.next('error')).code).to.equal('not_author');
        askerSocket.send({ type: 'mark_helpful', message_id: reply.id });
        const answered = await askerSocket.next('message_updated', (f) => f.data.id === question.id);
        expect(answered.data.question_status).to.equal('answered');
        await bystanderSocket.next('message_updated', (f) => f.data.id === question.id);

        const second = await send(c, bystander!, 'What is a basis?', { is_question: true });
        const answer = await send(c, answerer!, 'A spanning independent set.', { reply_to_id: second.id });
        stSocket.send({ type: 'mark_helpful', message_id: answer.id });
        const endorsed = await bystanderSocket.next('message_updated', (f) => f.data.id === second.id);
        expect(endorsed.data.question_status).to.equal('answered');
        const stored = (await history(c, asker!)).messages.find((m) => m.id === second.id);
        expect(stored?.question_status).to.equal('answered');
      });

      it('lists open questions only, oldest first, with questions=open', async () => {
        const c = await course({ students: 5 });
        const [first, second, third, helper, greeter] = c.students;
        const oldest = await send(c, first!, 'Is the exam cumulative?', { is_question: true });
        await send(c, greeter!, 'Hello everyone');
        const answeredQuestion = await send(c, second!, 'What is a kernel?', { is_question: true });
        const newest = await send(c, third!, 'Where are the slides?', { is_question: true });
        const reply = await send(c, helper!, 'The null space.', { reply_to_id: answeredQuestion.id });
        const socket = await c.connect(second!);
        socket.send({ type: 'mark_helpful', message_id: reply.id });
        await socket.next('message_updated', (f) => f.data.id === answeredQuestion.id);

        const open = await history(c, helper!, '?questions=open&after=0');
        expect(open.messages.map((m) => m.id)).to.deep.equal([oldest.id, newest.id]);
        expect(open.has_more).to.be.false;
        const paged = await history(c, helper!, '?questions=open&after=0&limit=1');
        expect(paged.messages.map((m) => m.id)).to.deep.equal([oldest.id]);
        expect(paged.has_more).to.be.true;
        await wire.fails('invalid_request', 'GET', `${paths.messages(c.id)}?questions=all`, { token: helper!.token });
      });
    });

    describe('presence, availability, typing and heartbeat', () => {
      it('joins a user on their first socket and lets them leave with their last', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const first = await c.connect(ana!);
        const joined = await watcher.next('user_joined', (f) => f.user.id === ana!.id);
        expect(joined.user).to.include({ id: ana!.id, available: false });
        const second = await c.connect(ana!);
        expect(second.all('presence')[0]!.users.map((u) => u.id)).to.have.members([ana!.id, ben!.id]);
        await first.close();
        await watcher.barrier();
        expect(watcher.all('user_joined', (f) => f.user.id === ana!.id)).to.have.length(1);
        expect(watcher.all('user_left', (f) => f.user_id === ana!.id)).to.have.length(0);
        await second.close();
        await watcher.next('user_left', (f) => f.user_id === ana!.id);
      });

      it('lets only STs set "Available to Help" and lists online STs as helpers', async () => {
        const c = await course({ students: 1, sts: 2 });
        const [student] = c.students;
        const [st, offlineSt] = c.sts;
        const studentSocket = await c.connect(student!);
        const stSocket = await c.connect(st!);
        studentSocket.send({ type: 'set_available', available: true });
        expect((await studentSocket.next('error')).code).to.equal('not_student_teacher');
        stSocket.send({ type: 'set_available', available: true });
        const presence = await studentSocket.next('presence', (f) =>
          f.users.some((u) => u.id === st!.id && u.available),
        );
        expect(presence.users.find((u) => u.id === student!.id)?.available).to.be.false;
        const helpers = await wire.ok(helpersResponse, 'GET', paths.helpers(c.id), { token: student!.token });
        expect(helpers.helpers.map((h) => [h.id, h.available, h.is_student_teacher])).to.deep.equal([
          [st!.id, true, true],
        ]);
        expect(helpers.helpers.some((h) => h.id === offlineSt!.id)).to.be.false;
        await stSocket.close();
        const back = await c.connect(st!);
        expect(back.all('presence')[0]!.users.find((u) => u.id === st!.id)?.available).to.be.false;
      });

      it('relays typing to others without echoing it, and answers ping with pong', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const typist = await c.connect(ana!);
        typist.send({ type: 'typing' });
        expect((await watcher.next('typing')).user_id).to.equal(ana!.id);
        await typist.barrier();
        expect(typist.all('typing')).to.have.length(0);
        expect(typist.all('pong')).to.have.length(1);
      });

      it('answers malformed frames with invalid_request and keeps the room up', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const watcher = await c.connect(ben!);
        const socket = await c.connect(ana!);
        const malformed = [
          'not json {',
          JSON.stringify({ type: 'shout', text: 'hi' }),
          JSON.stringify({ type: 'message', client_id: crypto.randomUUID(), content: 42, is_question: false }),
          JSON.stringify({ type: 'set_available', available: 'yes' }),
          JSON.stringify([1, 2, 3]),
        ];
        for (const [i, data] of malformed.entries()) {
          socket.sendRaw(data);
          const error = await socket.next('error', () => true, { count: i + 1 });
          expect(error.code, data.slice(0, 40)).to.equal('invalid_request');
        }
        expect(socket.isOpen).to.be.true;
        const after = await send(c, ben!, 'still here');
        await watcher.next('message', (f) => f.data.id === after.id);
        await socket.next('message', (f) => f.data.id === after.id);
        expect((await history(c, ana!)).messages.map((m) => m.id)).to.deep.equal([after.id]);
      });
    });

    describe('awards', () => {
      it('moves points from giver to author, answers the question and tells everyone', async () => {
        const c = await course({ students: 3, balance: [50, 10, 10] });
        const [asker, helper, bystander] = c.students;
        const limits = await limitsOf(c);
        const [askerSocket, helperSocket, bystanderSocket] = await Promise.all([
          c.connect(asker!),
          c.connect(helper!),
          c.connect(bystander!),
        ]);
        const question = await send(c, asker!, 'How many pivots?', { is_question: true });
        const reply = await send(c, helper!, 'Count the leading ones.', { reply_to_id: question.id });
        const points = limits.default_award_points;
        const result = await wire.ok(
          awardResponse,
          'POST',
          paths.award(),
          { token: asker!.token, body: helped(reply, points) },
          201,
        );
        expect(result.award).to.include({
          from_user_id: asker!.id,
          to_user_id: helper!.id,
          points,
          reason: 'chat_help',
          reference_id: reply.id,
        });
        expect(result.balance).to.equal(50 - points);
        expect(result.message_points).to.equal(points);
        expect(await balanceOf(c, asker!)).to.equal(50 - points);
        expect(await balanceOf(c, helper!)).to.equal(10 + points);

        const awardFrame = await bystanderSocket.next('award');
        expect(awardFrame.data).to.deep.equal({ award: result.award, message_points: points });
        const updated = await bystanderSocket.next('message_updated', (f) => f.data.id === reply.id);
        expect(updated.data.helpful_points).to.equal(points);
        const answered = await bystanderSocket.next('message_updated', (f) => f.data.id === question.id);
        expect(answered.data.question_status).to.equal('answered');
        expect((await askerSocket.next('balance')).balance).to.equal(50 - points);
        expect((await helperSocket.next('balance')).balance).to.equal(10 + points);
        await bystanderSocket.barrier();
        expect(bystanderSocket.all('balance')).to.have.length(0);
      });

      it('checks the rules in order and never debits twice', async () => {
        const c = await course({ students: 4, outsiders: 1, balance: [100, 100, 3, 100, 100] });
        const [giver, author, poor, other] = c.students;
        const [outsider] = c.outsiders;
        const limits = await limitsOf(c);
        const message = await send(c, author!, 'Here is how to do it.');
        const own = await send(c, giver!, 'My own message.');
        const fails = async (person: Person, awardBody: AwardBody, code: Parameters<typeof expectError>[1]) =>
          expectError(await award(person, awardBody), code);

        expectError(
          await wire.call('POST', paths.award(), { token: giver!.token, body: { points: 1 } }),
          'invalid_request',
        );
        await fails(giver!, { ...helped(message, 1), reference_id: uid('missing') }, 'message_not_found');
        await fails(outsider!, helped(message, 1), 'not_enrolled');
        await fails(giver!, { ...helped(message, 1), recipient_id: other!.id }, 'recipient_mismatch');
        await fails(giver!, helped(own, 1), 'self_award');
        await fails(giver!, helped(message, limits.max_award_points + 1), 'points_out_of_range');
        await fails(poor!, helped(message, 4), 'insufficient_balance');
        expect(await balanceOf(c, giver!)).to.equal(100);
        expect(await balanceOf(c, poor!)).to.equal(3);

        const first = await wire.ok(
          awardResponse,
          'POST',
          paths.award(),
          { token: giver!.token, body: helped(message, 2) },
          201,
        );
        // A repeat returns the first award, whatever it asks for, and changes nothing.
        for (const points of [2, 7, limits.max_award_points + 1]) {
          const again = await wire.ok(awardResponse, 'POST', paths.award(), {
            token: giver!.token,
            body: helped(message, points),
          });
          expect(again.award).to.deep.equal(first.award);
          expect(again.balance).to.equal(98);
          expect(again.message_points).to.equal(2);
        }
        expect(await balanceOf(c, giver!)).to.equal(98);
        expect(await balanceOf(c, author!)).to.equal(102);
        const stored = (await history(c, giver!)).messages.find((m) => m.id === message.id);
        expect(stored?.helpful_points).to.equal(2);
      });

      it('stays consistent under 100 concurrent award requests', async function () {
        const balances = [2, 5, 8, 12, 20, 30, 4, 9, 15, 50, 1, 25];
        const c = await course({ students: balances.length, balance: balances });
        const limits = await limitsOf(c);
        const authors = c.students.slice(0, 4);
        const messages = await Promise.all(authors.map((person, i) => send(c, person, `answer ${i}`)));
        const before = await Promise.all(c.students.map((p) => balanceOf(c, p)));
        const total = before.reduce((a, b) => a + b, 0);

        const requests: Array<{ giver: Person; body: AwardBody }> = [];
        let n = 0;
        while (requests.length < 100) {
          const giver = c.students[n % c.students.length]!;
          const message = messages[Math.floor(n / c.students.length) % messages.length]!;
          n += 1;
          if (message.author.id === giver.id) continue;
          const points = 1 + (n % limits.max_award_points);
          // Some givers repeat the very same request, as a retrying client would.
          const copies = n % 5 === 0 ? 3 : 1;
          for (let i = 0; i < copies && requests.length < 100; i++)
            requests.push({ giver, body: helped(message, points) });
        }
        const replies = await Promise.all(requests.map((r) => award(r.giver, r.body)));

        const committed = new Map<string, string>();
        const points = new Map<string, number>();
        for (const [i, reply] of replies.entries()) {
          const { giver, body: sent } = requests[i]!;
          expect([200, 201, 409], JSON.stringify(reply.json)).to.include(reply.status);
          if (reply.status === 409) {
            expectError(reply, 'insufficient_balance');
            continue;
          }
          const parsed = awardResponse.parse(reply.json);
          const key = `${giver.id}|${sent.reference_id}`;
          const seen = committed.get(key);
          if (seen) expect(parsed.award.id, 'one award per giver and message').to.equal(seen);
          else committed.set(key, parsed.award.id);
          if (reply.status === 201) {
            expect(parsed.award.points).to.equal(sent.points);
            points.set(key, parsed.award.points);
          }
        }
        expect(replies.filter((r) => r.status === 201)).to.have.length(points.size);

        const after = await Promise.all(c.students.map((p) => balanceOf(c, p)));
        for (const balance of after) expect(balance).to.be.at.least(0);
        expect(after.reduce((a, b) => a + b, 0)).to.equal(total);
        for (const [i, person] of c.students.entries()) {
          const given = [...points].filter(([key]) => key.startsWith(`${person.id}|`)).reduce((s, [, p]) => s + p, 0);
          const mine = messages.filter((m) => m.author.id === person.id).map((m) => m.id);
          const received = [...points]
            .filter(([key]) => mine.includes(key.split('|')[1]!))
            .reduce((s, [, p]) => s + p, 0);
          expect(after[i], person.name).to.equal(before[i]! - given + received);
        }
        const stored = (await history(c, c.students[0]!)).messages;
        for (const message of messages) {
          const earned = [...points].filter(([key]) => key.endsWith(`|${message.id}`)).reduce((s, [, p]) => s + p, 0);
          expect(stored.find((m) => m.id === message.id)?.helpful_points).to.equal(earned);
        }
      });
    });

    describe('read marker and room settings', () => {
      it('counts unread messages after the read marker, mentions apart, and never moves it back', async () => {
        const c = await course({ students: 3, outsiders: 1 });
        const [ana, ben, cleo] = c.students;
        await send(c, ana!, 'my own message');
        const mention = await send(c, ben!, 'over to you @ana', { mentions: [ana!.id] });
        const last = await send(c, cleo!, 'hello all');
        const fresh = await c.room(ana!);
        expect(fresh.read_seq).to.equal(0);
        expect(fresh.unread).to.deep.equal({ count: 2, mentions: 1 });

        const read = (person: Person, seq: unknown) =>
          wire.ok(readResponse, 'POST', paths.read(c.id), { token: person.token, body: { seq } });
        expect(await read(ana!, mention.seq)).to.deep.equal({
          read_seq: mention.seq,
          unread: { count: 1, mentions: 0 },
        });
        expect((await read(ana!, 0)).read_seq, 'never back').to.equal(mention.seq);
        expect(await read(ana!, last.seq + 1000), 'never past the newest').to.deep.equal({
          read_seq: last.seq,
          unread: { count: 0, mentions: 0 },
        });
        expect((await c.room(ana!)).read_seq).to.equal(last.seq);
        const other = await c.room(ben!);
        expect([other.read_seq, other.unread]).to.deep.equal([0, { count: 2, mentions: 0 }]);

        await wire.fails('invalid_request', 'POST', paths.read(c.id), { token: ana!.token, body: { seq: -1 } });
        await wire.fails('not_enrolled', 'POST', paths.read(c.id), { token: c.outsiders[0]!.token, body: { seq: 1 } });
      });

      it('keeps room settings per user and course, changing only what is given', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const elsewhere = uid('course');
        await wire.fixtures({
          course: { id: elsewhere, title: 'Elsewhere' },
          users: [{ id: ana!.id, name: ana!.name, role: 'student', balance: ana!.balance }],
        });
        const change = (body: unknown) =>
          wire.ok(settingsResponse, 'POST', paths.settings(c.id), { token: ana!.token, body });
        expect((await c.room(ana!)).settings).to.deep.equal({ muted: false, notifications: false });
        expect(await change({ muted: true })).to.deep.equal({ settings: { muted: true, notifications: false } });
        expect(await change({ notifications: true })).to.deep.equal({ settings: { muted: true, notifications: true } });
        expect((await c.room(ana!)).settings).to.deep.equal({ muted: true, notifications: true });
        expect((await c.room(ben!)).settings).to.deep.equal({ muted: false, notifications: false });
        const there = await wire.ok(roomResponse, 'GET', paths.room(elsewhere), { token: ana!.token });
        expect(there.settings).to.deep.equal({ muted: false, notifications: false });
        await wire.fails('invalid_request', 'POST', paths.settings(c.id), {
          token: ana!.token,
          body: { muted: 'yes' },
        });
      });
    });

    describe('my awards', () => {
      it('lists the caller’s own awards in the course, and nobody else’s', async () => {
        const c = await course({ students: 3 });
        const elsewhere = await course({ students: 2 });
        const [ana, ben, cleo] = c.students;
        const first = await send(c, ben!, 'first answer');
        const second = await send(c, cleo!, 'second answer');
        const mine = async (person: Person, where = c) =>
          (await wire.ok(myAwardsResponse, 'GET', paths.myAwards(where.id), { token: person.token })).awards;
        expect(await mine(ana!)).to.deep.equal([]);
        const a1 = awardResponse.parse((await award(ana!, helped(first, 3))).json).award;
        const a2 = awardResponse.parse((await award(ana!, helped(second, 4))).json).award;
        await award(ben!, helped(second, 2));
        const otherMessage = await send(elsewhere, elsewhere.students[0]!, 'elsewhere');
        await award(elsewhere.students[1]!, helped(otherMessage, 1));
        expect((await mine(ana!)).map((a) => a.id)).to.have.members([a1.id, a2.id]);
        expect((await mine(ben!)).map((a) => [a.reference_id, a.points])).to.deep.equal([[second.id, 2]]);
        expect(await mine(cleo!)).to.deep.equal([]);
        await wire.fails('not_enrolled', 'GET', paths.myAwards(elsewhere.id), { token: ana!.token });
      });
    });

    describe('reports', () => {
      it('hides a reported message from the reporter only', async () => {
        const c = await course({ students: 3 });
        const [ana, ben, cleo] = c.students;
        const message = await send(c, ana!, 'something rude');
        const other = await send(c, cleo!, 'something fine');
        const path = paths.report(c.id, message.id);
        expect(
          await wire.ok(reportResponse, 'POST', path, { token: ben!.token, body: { reason: 'harassment' } }, 201),
        ).to.deep.equal({ reported: true, hidden: false });
        await wire.ok(reportResponse, 'POST', path, { token: ben!.token, body: { reason: 'spam' } }, 200);
        expect((await history(c, ben!)).messages.map((m) => m.id)).to.deep.equal([other.id]);
        expect((await history(c, cleo!)).messages.map((m) => m.id)).to.deep.equal([message.id, other.id]);
        expect((await history(c, ana!)).messages.map((m) => m.id)).to.deep.equal([message.id, other.id]);
        await wire.fails('message_not_found', 'POST', paths.report(c.id, uid('missing')), {
          token: ben!.token,
          body: { reason: 'spam' },
        });
      });
    });
  });
}

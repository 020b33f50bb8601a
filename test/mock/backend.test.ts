import { expect } from '@open-wc/testing';
import { MockBackend, type SocketSink } from '../../src/mock/backend.js';
import { serverFrame, userTokenTtlSeconds, type AwardBody, type ServerFrame } from '../../src/protocol/index.js';

/** A backend on a clock the test moves by hand. */
function setup() {
  let now = Date.parse('2026-11-24T10:00:00.000Z');
  const clock = { advance: (ms: number) => (now += ms) };
  const backend = new MockBackend({ now: () => now });
  backend.applyFixtures({
    course: { id: 'c1', title: 'Linear Algebra' },
    users: [
      { id: 'ana', name: 'Ana', role: 'student', balance: 30 },
      { id: 'ben', name: 'Ben', role: 'student', balance: 10 },
      { id: 'maria', name: 'Maria', role: 'student_teacher', balance: 100 },
      { id: 'olga', name: 'Olga', role: 'outsider', balance: 10 },
    ],
  });
  return { backend, clock };
}

let counter = 0;
const message = (content: string, extra: { is_question?: boolean; reply_to_id?: string } = {}) => ({
  client_id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  content,
  is_question: false,
  ...extra,
});

function sink() {
  const frames: ServerFrame[] = [];
  const closes: number[] = [];
  const target: SocketSink = {
    send: (data) => frames.push(serverFrame.parse(JSON.parse(data))),
    close: (code) => closes.push(code),
  };
  return { frames, closes, target };
}

async function join(backend: MockBackend, userId: string) {
  const room = await backend.room(userId, 'c1');
  if (!room.ok) throw new Error(room.error.code);
  const out = sink();
  const socket = backend.connect(room.value.room_id, room.value.user_token, out.target);
  await waitFor(() => out.frames.length >= 2 || out.closes.length > 0);
  return { ...out, socket };
}

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition(), 'condition never held').to.be.true;
}

function stored<T>(outcome: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
  return outcome.value;
}

describe('MockBackend', () => {
  it('applies the rate limit on its own clock and tells when to retry', () => {
    const { backend, clock } = setup();
    stored(backend.send('ana', 'c1', message('one')));
    clock.advance(400);
    const limited = backend.send('ana', 'c1', message('two'));
    expect(limited.ok).to.be.false;
    if (!limited.ok) expect(limited.error).to.include({ code: 'rate_limited', retry_after_ms: 600 });
    clock.advance(600);
    expect(backend.send('ana', 'c1', message('three')).ok).to.be.true;
  });

  it('expires user tokens after their lifetime: sockets close with 4001', async () => {
    const { backend, clock } = setup();
    const room = stored(await backend.room('ana', 'c1'));
    clock.advance(userTokenTtlSeconds * 1000 + 1);
    const out = sink();
    backend.connect(room.room_id, room.user_token, out.target);
    await waitFor(() => out.closes.length > 0);
    expect(out.closes).to.deep.equal([4001]);
    expect(out.frames).to.have.length(0);
  });

  it('answers expired bearer tokens with token_expired', async () => {
    const { backend, clock } = setup();
    const token = await backend.issueHostToken('ana', 60);
    expect((await backend.handle('room', { params: { courseId: 'c1' }, token })).status).to.equal(200);
    clock.advance(61_000);
    const answer = await backend.handle('room', { params: { courseId: 'c1' }, token });
    expect(answer).to.deep.equal({
      status: 401,
      body: { error: { code: 'token_expired', message: 'The token has expired.' } },
    });
  });

  it('keeps a user online while any of their sockets is, and resets availability on rejoin', async () => {
    const { backend } = setup();
    const watcher = await join(backend, 'ana');
    const first = await join(backend, 'maria');
    const second = await join(backend, 'maria');
    first.socket.receive(JSON.stringify({ type: 'set_available', available: true }));
    expect(backend.online('c1').find((u) => u.id === 'maria')?.available).to.be.true;
    first.socket.closed();
    expect(backend.online('c1').map((u) => u.id)).to.have.members(['ana', 'maria']);
    second.socket.closed();
    expect(backend.online('c1').map((u) => u.id)).to.deep.equal(['ana']);
    expect(watcher.frames.filter((f) => f.type === 'user_joined')).to.have.length(1);
    expect(watcher.frames.filter((f) => f.type === 'user_left')).to.have.length(1);
    await join(backend, 'maria');
    expect(backend.online('c1').find((u) => u.id === 'maria')?.available).to.be.false;
  });

  it('commits an award once: the giver debited, the author credited, one ledger row; self-awards refused', () => {
    const { backend } = setup();
    const reply = stored(backend.send('ben', 'c1', message('try the rank')));
    const body: AwardBody = { recipient_id: 'ben', points: 7, reason: 'chat_help', reference_id: reply.id };
    expect(backend.award('ana', body).status).to.equal(201);
    expect(backend.award('ana', body).status).to.equal(200);
    expect(backend.ledger()).to.have.length(1);
    expect([backend.balanceOf('ana'), backend.balanceOf('ben')]).to.deep.equal([23, 17]);
    expect(backend.award('ben', { ...body, recipient_id: 'ben' }).ok).to.be.false;
    const fromSt = backend.award('maria', { ...body, points: 20 });
    expect(fromSt.status).to.equal(201);
    expect(backend.balanceOf('maria')).to.equal(80);
  });

  it('lets the asker close a question by awarding a reply, but not a stranger', () => {
    const { backend } = setup();
    const question = stored(backend.send('ana', 'c1', message('what is a kernel?', { is_question: true })));
    const reply = stored(backend.send('maria', 'c1', message('the null space', { reply_to_id: question.id })));
    const body: AwardBody = { recipient_id: 'maria', points: 1, reason: 'chat_help', reference_id: reply.id };
    stored(backend.award('ben', body));
    expect(backend.messages('c1')[0]?.question_status).to.equal('open');
    stored(backend.award('ana', body));
    expect(backend.messages('c1')[0]?.question_status).to.equal('answered');
  });

  it('hands each report to MODQ once per reporter', () => {
    const { backend } = setup();
    const rude = stored(backend.send('ana', 'c1', message('rude')));
    expect(backend.moderation.report('ben', 'c1', rude.id, { reason: 'spam' }).status).to.equal(201);
    expect(backend.moderation.report('ben', 'c1', rude.id, { reason: 'off_topic' }).status).to.equal(200);
    expect(
      backend.moderation.modqSent().map((sent) => [sent.report.reporter_id, sent.message.id, sent.report.reason]),
    ).to.deep.equal([['ben', rude.id, 'spam']]);
    expect(stored(backend.history('ben', 'c1')).messages).to.have.length(0);
    expect(stored(backend.history('ana', 'c1')).messages).to.have.length(1);
  });

  it('refuses the dev endpoints when dev is off', async () => {
    const backend = new MockBackend({ dev: false });
    expect((await backend.handle('devToken', { method: 'POST', body: '{"user_id":"x"}' })).status).to.equal(404);
  });

  describe('faults', () => {
    it('queues failures per route and resets', () => {
      const { backend } = setup();
      backend.faults.failNext('room', 503, { times: 2 });
      expect(backend.faults.takeFailure('messages', 'GET')).to.be.undefined;
      expect(backend.faults.takeFailure('room', 'GET')).to.deep.equal({ status: 503, code: 'internal' });
      backend.faults.reset();
      expect(backend.faults.takeFailure('room', 'GET')).to.be.undefined;
    });

    it('can fail only one method of a route', () => {
      const { backend } = setup();
      backend.faults.failNext('messages', 500, { method: 'POST' });
      expect(backend.faults.takeFailure('messages', 'GET')).to.be.undefined;
      expect(backend.faults.takeFailure('messages', 'POST')).to.deep.include({ status: 500 });
      expect(backend.faults.takeFailure('messages', 'POST')).to.be.undefined;
    });

    it('silences, drops, sends raw frames, refuses sockets and expires tokens', async () => {
      const { backend } = setup();
      const ana = await join(backend, 'ana');
      backend.faults.silence(true);
      ana.socket.receive(JSON.stringify({ type: 'ping' }));
      expect(ana.frames.at(-1)?.type).to.equal('presence');
      backend.faults.silence(false);
      const raw: string[] = [];
      const probe = await join(backend, 'ben');
      probe.target.send = (data) => raw.push(data);
      backend.faults.sendRaw('ben', '{"type":"bogus"}');
      expect(raw).to.deep.equal(['{"type":"bogus"}']);
      backend.faults.dropSockets({ userId: 'ana', code: 1006 });
      expect(ana.closes).to.deep.equal([1006]);
      expect(ana.socket.isClosed).to.be.true;

      const token = await backend.issueHostToken('ana');
      backend.faults.expireTokens({ closeSockets: true });
      expect(probe.closes).to.deep.equal([4001]);
      const answer = await backend.handle('room', { params: { courseId: 'c1' }, token });
      expect(answer.status).to.equal(401);
      backend.faults.refuseSockets(4003);
      const refused = sink();
      backend.connect('c1', 'anything', refused.target);
      await waitFor(() => refused.closes.length > 0);
      expect(refused.closes).to.deep.equal([4003]);
    });
  });
});

import { expect } from '@open-wc/testing';
import {
  award,
  markHelpful,
  markQuestion,
  runAwaiting,
  runNow,
  sendMessage,
  setAvailable,
  type Outcome,
  type RoomRecords,
} from '../../src/backend/index.js';
import type { MemoryRoom } from '../../src/mock/memory-room.js';
import { defaultLimits, type AwardBody, type ChatMessage, type SendMessageBody } from '../../src/protocol/index.js';
import { roomInMemory, start } from './helpers.js';

/** `records` with each method passed through `change`, e.g. to answer later or differently. */
function behind(
  records: MemoryRoom,
  change: (key: string, method: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
): RoomRecords {
  return new Proxy(records, {
    get(target, key) {
      const member = Reflect.get(target, key, target) as unknown;
      if (typeof member !== 'function' || typeof key !== 'string') return member;
      return change(key, (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

let counter = 0;
const body = (content: string, extra: Partial<SendMessageBody> = {}): SendMessageBody => ({
  client_id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  content,
  is_question: false,
  ...extra,
});

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
  return outcome.value;
}

const code = (outcome: Outcome<unknown>) => (outcome.ok ? `ok ${outcome.status}` : outcome.error.code);

describe('room rules', () => {
  describe('sending', () => {
    it('refuses in the order of the protocol: length, then the reply, then the rate limit', () => {
      const r = roomInMemory();
      value(runNow(sendMessage(r.context(), r.me('ana'), body('first'))));
      const everything = body('x'.repeat(defaultLimits.max_message_length + 1), { reply_to_id: 'missing' });
      expect(code(runNow(sendMessage(r.context(), r.me('ana'), body('   '))))).to.equal('invalid_request');
      expect(code(runNow(sendMessage(r.context(), r.me('ana'), everything)))).to.equal('content_too_long');
      const replyAndTooSoon = body('hello', { reply_to_id: 'missing' });
      expect(code(runNow(sendMessage(r.context(), r.me('ana'), replyAndTooSoon)))).to.equal('message_not_found');
      const tooSoon = runNow(sendMessage(r.context(), r.me('ana'), body('second')));
      expect(tooSoon.ok ? null : tooSoon.error).to.deep.equal({
        code: 'rate_limited',
        message: 'You are sending too fast.',
        retry_after_ms: defaultLimits.min_send_interval_ms,
      });
      expect(r.memory.messages.map((message) => message.content)).to.deep.equal(['first']);
    });

    it('answers a resend of a stored client_id with the stored message, even when a new one would be refused', () => {
      const r = roomInMemory();
      const first = body('once');
      const stored = runNow(sendMessage(r.context(), r.me('ana'), first));
      expect(stored.status).to.equal(201);
      const again = runNow(sendMessage(r.context(), r.me('ana'), first));
      expect(again.status).to.equal(200);
      expect(value(again)).to.deep.equal(value(stored));
      expect(r.memory.messages).to.have.length(1);
      expect(r.frames.filter(({ frame }) => frame.type === 'message')).to.have.length(1);
    });

    it('keeps mentions of participants only, once each, and stamps seq and time', () => {
      const r = roomInMemory({ olga: { role: 'outsider' } });
      const mentions = ['ben', 'olga', 'ben', 'nobody', 'maria'];
      const message = value(runNow(sendMessage(r.context(), r.me('ana'), body('hi @ben', { mentions }))));
      expect(message.mentions).to.deep.equal(['ben', 'maria']);
      expect(message).to.include({ seq: 1, course_id: 'c1', created_at: new Date(start).toISOString() });
    });
  });

  describe('questions', () => {
    it('lets only the author mark a message as a question, and announces it once', () => {
      const r = roomInMemory();
      const message = value(runNow(sendMessage(r.context(), r.me('ana'), body('why?'))));
      expect(code(runNow(markQuestion(r.context(), 'ben', message.id)))).to.equal('not_author');
      expect(value(runNow(markQuestion(r.context(), 'ana', message.id))).question_status).to.equal('open');
      runNow(markQuestion(r.context(), 'ana', message.id));
      expect(r.frames.filter(({ frame }) => frame.type === 'message_updated')).to.have.length(1);
    });

    it('lets the asker or an ST mark a reply helpful, and nobody else', () => {
      const r = roomInMemory({ carl: { role: 'student' } });
      const question = value(runNow(sendMessage(r.context(), r.me('ana'), body('why?', { is_question: true }))));
      r.advance(1000);
      const reply = value(runNow(sendMessage(r.context(), r.me('ben'), body('because', { reply_to_id: question.id }))));
      expect(code(runNow(markHelpful(r.context(), r.me('ana'), question.id)))).to.equal('invalid_request');
      expect(code(runNow(markHelpful(r.context(), r.me('carl'), reply.id)))).to.equal('not_author');
      expect(value(runNow(markHelpful(r.context(), r.me('maria'), reply.id))).question_status).to.equal('answered');
    });
  });

  describe('awards', () => {
    const helped = (message: ChatMessage, points: number): AwardBody => ({
      recipient_id: message.author.id,
      points,
      reason: 'chat_help',
      reference_id: message.id,
    });

    it('checks in order: the message, the recipient, oneself, a repeat, the points, the balance', () => {
      const r = roomInMemory({ ana: { role: 'student', balance: 8 } });
      const tip = value(runNow(sendMessage(r.context(), r.me('ben'), body('a tip'))));
      const own = value(runNow(sendMessage(r.context(), r.me('ana'), body('mine'))));
      const give = (awardBody: AwardBody) => code(runNow(award(r.context(), 'ana', awardBody)));
      expect(give({ ...helped(tip, 5), reference_id: 'missing' })).to.equal('message_not_found');
      expect(give({ ...helped(tip, 5), recipient_id: 'maria' })).to.equal('recipient_mismatch');
      expect(give(helped(own, 5))).to.equal('self_award');
      expect(give(helped(tip, 0))).to.equal('points_out_of_range');
      expect(give(helped(tip, 9))).to.equal('insufficient_balance');
      expect(give(helped(tip, 5))).to.equal('ok 201');
      // A repeat answers the first award whatever its points, before they are checked.
      expect(give(helped(tip, 0))).to.equal('ok 200');
      expect(r.tables.ledger).to.have.length(1);
      expect(r.tables.balanceOf('ana')).to.equal(3);
      expect(r.tables.balanceOf('ben')).to.equal(35);
    });

    it('tells everyone the award and the message, and each side their balance', () => {
      const r = roomInMemory();
      const tip = value(runNow(sendMessage(r.context(), r.me('ben'), body('a tip'))));
      r.frames.length = 0;
      runNow(award(r.context(), 'ana', helped(tip, 4)));
      expect(r.frames.map(({ to, frame }) => `${to} ${frame.type}`)).to.deep.equal([
        'everyone award',
        'everyone message_updated',
        'ana balance',
        'ben balance',
      ]);
    });

    it('answers insufficient_balance when the commit finds the points spent meanwhile', () => {
      const r = roomInMemory();
      const tip = value(runNow(sendMessage(r.context(), r.me('ben'), body('a tip'))));
      // The balance read passes; another room spends the points before the commit.
      const records = behind(r.memory, (key, method) => (key === 'commitAward' ? () => 'insufficient' : method));
      const outcome = runNow(award({ ...r.context(), records }, 'ana', helped(tip, 4)));
      expect(code(outcome)).to.equal('insufficient_balance');
      expect(r.frames.filter(({ frame }) => frame.type === 'award')).to.have.length(0);
    });
  });

  it('lets only an ST be available to help', () => {
    const r = roomInMemory();
    expect(code(setAvailable(r.context(), r.me('ana'), true))).to.equal('not_student_teacher');
    expect(code(setAvailable(r.context(), r.me('maria'), true))).to.equal('ok 200');
    expect(r.memory.available.has('maria')).to.be.true;
  });

  describe('running', () => {
    /** The same room behind a store that answers later, as D1 does. */
    const later = (records: MemoryRoom) =>
      behind(records, (key, method) =>
        key === 'newId' ? method : (...args: unknown[]) => Promise.resolve(method(...args)),
      );

    it('gives the same answers and frames over a store that answers later', async () => {
      const now = roomInMemory();
      const then = roomInMemory();
      const script = async (
        r: ReturnType<typeof roomInMemory>,
        run: <T>(rule: Generator<unknown, T, unknown>) => Promise<T>,
      ) => {
        const context = () => ({ ...r.context(), records: run === runLater ? later(r.memory) : r.memory });
        const question = value(await run(sendMessage(context(), r.me('ana'), body('why?', { is_question: true }))));
        r.advance(1000);
        const reply = value(
          await run(sendMessage(context(), r.me('ben'), body('because', { reply_to_id: question.id }))),
        );
        const given = await run(
          award(context(), 'ana', { recipient_id: 'ben', points: 3, reason: 'chat_help', reference_id: reply.id }),
        );
        return {
          given: code(given),
          messages: r.memory.messages,
          frames: r.frames.map(({ to, frame }) => `${to} ${frame.type}`),
        };
      };
      const runNowAsync = <T>(rule: Generator<unknown, T, unknown>) => Promise.resolve(runNow(rule));
      const runLater = <T>(rule: Generator<unknown, T, unknown>) => runAwaiting(rule);
      const a = await script(now, runNowAsync);
      const b = await script(then, runLater);
      expect(b.given).to.equal('ok 201');
      expect(b.frames).to.deep.equal(a.frames);
      expect(b.messages.map(({ client_id, ...rest }) => rest)).to.deep.equal(
        a.messages.map(({ client_id, ...rest }) => rest),
      );
    });

    it('refuses to run a rule now over a store that answers later', () => {
      const r = roomInMemory();
      const context = { ...r.context(), records: later(r.memory) };
      expect(() => runNow(sendMessage(context, r.me('ana'), body('hi', { reply_to_id: 'x' })))).to.throw(
        /answered with a promise/,
      );
    });
  });
});

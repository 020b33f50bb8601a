import { expect, waitUntil } from '@open-wc/testing';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import type { ChatStore } from '../../src/state/index.js';
import { goLive, storeFor } from './helpers.js';

/** Questions, the help queue and goodwill awards, as the stores of several participants see them. */
describe('chat store: questions, helpers and awards', () => {
  let mock: MockSession;
  const stores: ChatStore[] = [];

  beforeEach(async () => {
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  });
  afterEach(async () => {
    stores.splice(0).forEach((store) => store.stop());
    localStorage.clear();
    await mock.stop();
  });

  async function live(userId: string): Promise<ChatStore> {
    const store = storeFor(mock, userId);
    stores.push(store);
    return goLive(store);
  }

  async function sent(store: ChatStore, content: string, options = {}) {
    store.send(content, options);
    await waitUntil(() => store.$messages.get().some((m) => m.content === content && m.delivery === 'sent'));
    return store.$messages.get().find((m) => m.content === content)!;
  }

  const me = () => mock.scenario!.me.id;
  const other = () => mock.scenario!.other.id;
  const studentTeacher = () => mock.scenario!.people.find((p) => p.role === 'student_teacher')!.id;

  it('lets the author mark an earlier message as a question, which joins the help queue', async () => {
    const asker = await live(me());
    const message = await sent(asker, 'How do I find the determinant of a 3x3 matrix');
    await asker.markQuestion(message.id);
    await waitUntil(() => asker.$pendingQuestions.get().some((q) => q.id === message.id));
    expect(asker.$messages.get().find((m) => m.id === message.id)?.question_status).to.equal('open');
  });

  it('refuses Mark as Question on someone else’s message with a notice', async () => {
    const asker = await live(me());
    const classmate = await live(other());
    const message = await sent(asker, 'Not yours to mark');
    await waitUntil(() => classmate.$messages.get().some((m) => m.id === message.id));
    await classmate.markQuestion(message.id);
    expect(classmate.$notice.get()?.kind).to.equal('mark_question_failed');
  });

  it('takes a question out of everyone’s queue once the asker marks an answer helpful', async () => {
    const asker = await live(me());
    const helper = await live(studentTeacher());
    const question = await sent(asker, 'What is a basis?', { isQuestion: true });
    await waitUntil(() => helper.$pendingQuestions.get().some((q) => q.id === question.id));
    const answer = await sent(helper, 'A linearly independent spanning set.', { replyToId: question.id });
    await waitUntil(() => asker.$threads.get().find((t) => t.message.id === question.id)?.replies.length === 1);
    asker.markHelpful(answer.id);
    await waitUntil(() => helper.$pendingQuestions.get().length === 0 && asker.$pendingQuestions.get().length === 0);
    expect(asker.$messages.get().find((m) => m.id === question.id)?.question_status).to.equal('answered');
  });

  it('keeps every open question in the help queue, even ones older than the loaded pages', async () => {
    await mock.stop();
    mock = await startMockBackend({
      scenario: 'quiet-room',
      limits: { min_send_interval_ms: 0, history_page_size: 5 },
    });
    const courseId = mock.scenario!.courseId;
    const old = mock.backend.send(me(), courseId, {
      client_id: crypto.randomUUID(),
      content: 'Old question?',
      is_question: true,
    });
    for (let i = 0; i < 10; i += 1)
      mock.backend.send(other(), courseId, {
        client_id: crypto.randomUUID(),
        content: `chatter ${i}`,
        is_question: false,
      });
    const reader = await live(studentTeacher());
    expect(reader.$messages.get()).to.have.length(5);
    expect(reader.$pendingQuestions.get().map((q) => q.content)).to.deep.equal(['Old question?']);
    expect(await reader.loadUntil(reader.$pendingQuestions.get()[0]!.id)).to.be.true;
    expect(reader.$messages.get()[0]?.content).to.equal('Old question?');
    const answer = mock.backend.send(other(), courseId, {
      client_id: crypto.randomUUID(),
      content: 'An answer',
      is_question: false,
      reply_to_id: old.ok ? old.value.id : '',
    });
    reader.markHelpful(answer.ok ? answer.value.id : '');
    await waitUntil(() => reader.$pendingQuestions.get().length === 0, 'answered question stayed in the queue');
  });

  it('lists online student-teachers, available ones first', async () => {
    const student = await live(me());
    const helper = await live(studentTeacher());
    await waitUntil(() => student.$helpers.get().some((h) => h.id === studentTeacher()));
    helper.setAvailable(true);
    await waitUntil(() => student.$helpers.get()[0]?.available === true);
    expect(student.$helpers.get().every((h) => h.is_student_teacher)).to.be.true;
  });

  it('awards points: the giver’s balance drops at once, the helper’s rises, the answer shows its points', async () => {
    const giver = await live(me());
    const helper = await live(other());
    const answer = await sent(helper, 'Row-reduce, then multiply the pivots.');
    await waitUntil(() => giver.$messages.get().some((m) => m.id === answer.id));
    const before = giver.$balance.get();
    const helperBefore = helper.$balance.get();
    const awarding = giver.award(answer.id, 5);
    expect(giver.$balance.get()).to.equal(before - 5);
    expect(await awarding).to.be.true;
    await waitUntil(() => helper.$balance.get() === helperBefore + 5, 'helper balance did not rise');
    await waitUntil(() => giver.$messages.get().find((m) => m.id === answer.id)?.helpful_points === 5);
    expect(giver.$balance.get()).to.equal(mock.backend.balanceOf(me()));
    expect(giver.$awarded.get()[answer.id]).to.equal(5);
  });

  it('rolls the balance back and says so when an award fails', async () => {
    const giver = await live(me());
    const helper = await live(other());
    const answer = await sent(helper, 'Try the rank-nullity theorem.');
    await waitUntil(() => giver.$messages.get().some((m) => m.id === answer.id));
    const before = giver.$balance.get();
    mock.backend.faults.failNext('award', 500);
    expect(await giver.award(answer.id, 5)).to.be.false;
    expect(giver.$balance.get()).to.equal(before);
    expect(giver.$notice.get()?.kind).to.equal('award_failed');
    expect(mock.backend.ledger()).to.have.length(0);
  });

  it('debits once for a double click', async () => {
    const giver = await live(me());
    const helper = await live(other());
    const answer = await sent(helper, 'Eigenvectors keep their direction.');
    await waitUntil(() => giver.$messages.get().some((m) => m.id === answer.id));
    const before = mock.backend.balanceOf(me());
    const results = await Promise.all([giver.award(answer.id, 5), giver.award(answer.id, 5)]);
    expect(results.filter(Boolean)).to.have.length(1);
    expect(mock.backend.ledger()).to.have.length(1);
    expect(mock.backend.balanceOf(me())).to.equal(before - 5);
  });

  it('shows who is typing to the others, not to the writer, until it expires', async () => {
    const writer = await live(me());
    const reader = await live(other());
    writer.typing();
    writer.typing();
    await waitUntil(() => reader.$typing.get().some((u) => u.id === me()));
    expect(writer.$typing.get()).to.have.length(0);
    await waitUntil(() => reader.$typing.get().length === 0, 'typing never expired', { timeout: 7000 });
  });

  it('hides a reported message for the reporter only', async () => {
    const reporter = await live(me());
    const classmate = await live(other());
    const message = await sent(classmate, 'buy cheap essays here');
    await waitUntil(() => reporter.$messages.get().some((m) => m.id === message.id));
    await reporter.report(message.id, { reason: 'spam' });
    expect(reporter.$messages.get().some((m) => m.id === message.id)).to.be.false;
    expect(classmate.$messages.get().some((m) => m.id === message.id)).to.be.true;
    expect(mock.backend.moderation.modqSent().map((sent) => sent.message.id)).to.deep.equal([message.id]);
  });
});

import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { ApiError, type ApiClient } from '../../src/client/index.js';
import type { ClientFrame, HistoryQuery } from '../../src/protocol/index.js';
import type { NoticeKind, StreamMessage } from '../../src/state/index.js';
import { createNotices } from '../../src/state/notices.js';
import { createQuestions } from '../../src/state/questions.js';
import { fakeClient, roomOf, storedMessage } from './fake-client.js';

/** The help queue with a scripted client: every open question, however far back. */
describe('questions and the help queue', () => {
  const room = roomOf();
  const question = (seq: number, author = 'ben') =>
    storedMessage({
      id: `q${seq}`,
      seq,
      is_question: true,
      question_status: 'open',
      author: { id: author, name: author, avatar_url: null, is_student_teacher: false },
    });

  function questionsOn(api: ApiClient) {
    const notices = createNotices();
    const acted: [ClientFrame, NoticeKind][] = [];
    const $hidden = atom<ReadonlySet<string>>(new Set());
    const questions = createQuestions({
      api,
      courseId: 'c',
      $room: atom(room),
      $hidden,
      asSent: (message): StreamMessage => ({ ...message, delivery: 'sent' }),
      merge: (messages) => questions.track(messages),
      act: (frame, failed) => void acted.push([frame, failed]),
      notices,
      track: () => {},
      ended: () => false,
    });
    return { questions, notices, acted, $hidden };
  }

  const queue = (questions: ReturnType<typeof questionsOn>['questions']) =>
    questions.$pendingQuestions.get().map((q) => q.id);

  it('reads every page of open questions, oldest first', async () => {
    const asked: HistoryQuery[] = [];
    const { questions } = questionsOn(
      fakeClient({
        history: async (_courseId, query = {}) => {
          asked.push(query);
          return query.after === 0
            ? { messages: [question(1), question(4)], has_more: true }
            : { messages: [question(9, 'ana')], has_more: false };
        },
      }),
    );
    await questions.loadAll();
    expect(queue(questions)).to.deep.equal(['q1', 'q4', 'q9']);
    expect(asked.map((query) => [query.questions, query.after])).to.deep.equal([
      ['open', 0],
      ['open', 4],
    ]);
    expect(questions.$myPendingQuestions.get().map((q) => q.id)).to.deep.equal(['q9']);
  });

  it('takes an answered question out, and leaves out one the user reported', () => {
    const { questions, $hidden } = questionsOn(fakeClient({}));
    questions.track([question(1), question(2)]);
    questions.track([{ ...question(1), question_status: 'answered' }]);
    expect(queue(questions)).to.deep.equal(['q2']);
    $hidden.set(new Set(['q2']));
    expect(queue(questions)).to.deep.equal([]);
  });

  it('says why Mark as Question was refused, and marks the answer with a frame that may be refused', async () => {
    const { questions, notices, acted } = questionsOn(
      fakeClient({
        markQuestion: () =>
          Promise.reject(new ApiError(403, 'not_author', 'Only the author may mark a message as a question.')),
      }),
    );
    await questions.markQuestion('m1');
    expect(notices.$notice.get()).to.deep.equal({
      kind: 'mark_question_failed',
      reason: 'Only the author may mark a message as a question.',
    });
    questions.markHelpful('a1');
    expect(acted).to.deep.equal([[{ type: 'mark_helpful', message_id: 'a1' }, 'mark_helpful_failed']]);
  });
});

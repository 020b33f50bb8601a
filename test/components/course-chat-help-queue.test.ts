import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { action, helpQueueOf, highlightedRow, openRoom, rowWith, say, shadow, useMockBackend } from './helpers.js';

/** Questions, answers grouped under them, and the help queue with its helpers. */
describe('<course-chat-help-queue>', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const studentTeacher = () => mock.scenario!.people.find((p) => p.role === 'student_teacher')!;
  const queue = helpQueueOf;
  const pendingTexts = (el: CourseChat) =>
    [...shadow(queue(el)).querySelectorAll('.question button')].map((b) => b.textContent?.trim());

  it('is accessible and lists a question until the asker marks an answer', async () => {
    const asker = await openRoom(mock, mock.scenario!.me.id);
    const helper = await openRoom(mock, studentTeacher().id);
    await expect(queue(helper)).to.be.accessible();
    await say(asker, 'How do I invert a 2x2 matrix?', { question: true });
    await waitUntil(() => pendingTexts(helper).includes('How do I invert a 2x2 matrix?'));

    const question = rowWith(helper, 'How do I invert a 2x2 matrix?')!;
    action(question, 'reply')!.click();
    await say(helper, 'Swap a and d, negate b and c, divide by the determinant.');
    await waitUntil(() => shadow(asker).querySelector('.thread.question .replies course-chat-message'));
    const answer = rowWith(asker, 'Swap a and d, negate b and c, divide by the determinant.')!;
    action(answer, 'mark-helpful')!.click();
    await waitUntil(() => pendingTexts(helper).length === 0, 'question stayed pending');
    await waitUntil(() => shadow(asker).querySelector('.thread.question.answered'));
  });

  it('lets the author mark an earlier message as a question', async () => {
    const asker = await openRoom(mock, mock.scenario!.me.id);
    await say(asker, 'Is every orthogonal matrix invertible');
    const row = rowWith(asker, 'Is every orthogonal matrix invertible')!;
    action(row, 'mark-question')!.click();
    await waitUntil(() => pendingTexts(asker).includes('Is every orthogonal matrix invertible'));
    expect(mock.backend.messages(mock.scenario!.courseId)[0]?.is_question).to.be.true;
  });

  it('shows student-teachers online and their Available to Help switch', async () => {
    const student = await openRoom(mock, mock.scenario!.me.id);
    const st = await openRoom(mock, studentTeacher().id);
    await waitUntil(() => shadow(queue(student)).textContent?.includes(studentTeacher().name));
    const toggle = shadow(queue(st)).querySelector<HTMLInputElement>('.switch input')!;
    expect(shadow(queue(student)).querySelector('.switch')).to.be.null;
    toggle.click();
    await waitUntil(() => shadow(queue(student)).querySelector('.status.available'), 'never available');
    await waitUntil(() => shadow(st).querySelector('.helping'), 'the ST does not see the Helping state');
  });

  it('jumps to a pending question and highlights it', async () => {
    const asker = await openRoom(mock, mock.scenario!.me.id);
    await say(asker, 'What is the span of two parallel vectors?', { question: true });
    await waitUntil(() => pendingTexts(asker).length === 1);
    shadow(queue(asker)).querySelector<HTMLButtonElement>('.question button')!.click();
    await waitUntil(() => highlightedRow(asker));
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChatAnalyticsEvent } from '../../src/components/events.js';
import type { MockSession } from '../../src/mock/index.js';
import { action, highlightedRow, openRoom, postAs, rowWith, say, shadow, useMockBackend } from './helpers.js';

/** The page spec's analytics events reach the host with the data it names. */
describe('<course-chat> analytics and attention', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  let seen: Array<{ name: string; data: unknown }>;
  const record = (event: CourseChatAnalyticsEvent) => seen.push({ name: event.name, data: event.data });

  beforeEach(() => {
    mock = running();
    seen = [];
    document.addEventListener('course-chat-analytics', record);
  });
  afterEach(() => document.removeEventListener('course-chat-analytics', record));

  const courseId = () => mock.scenario!.courseId;
  const studentTeacher = () => mock.scenario!.people.find((p) => p.role === 'student_teacher')!;

  it('reports page_view, message_sent and question_asked', async () => {
    const el = await openRoom(mock, mock.scenario!.me.id);
    await say(el, 'Hello');
    await say(el, 'Is the midterm open book?', { question: true });
    await waitUntil(() => seen.filter((e) => e.name === 'message_sent').length === 2);
    expect(seen).to.deep.include({ name: 'page_view', data: { course_id: courseId(), user_role: 'student' } });
    expect(seen).to.deep.include({ name: 'message_sent', data: { course_id: courseId(), is_question: false } });
    expect(seen).to.deep.include({ name: 'message_sent', data: { course_id: courseId(), is_question: true } });
    expect(seen.filter((e) => e.name === 'question_asked')).to.deep.equal([
      { name: 'question_asked', data: { course_id: courseId() } },
    ]);
  });

  it('reports helper_online when a student-teacher comes online', async () => {
    await openRoom(mock, studentTeacher().id);
    await waitUntil(() => seen.some((e) => e.name === 'helper_online'));
    expect(seen).to.deep.include({
      name: 'helper_online',
      data: { st_id: studentTeacher().id, course_id: courseId() },
    });
  });

  it('awards the default points on a long press (touch) once its undo window has passed, and reports points_awarded', async () => {
    const question = postAs(mock, mock.scenario!.me.id, 'Why is my determinant negative?', { is_question: true });
    const giver = await openRoom(mock, mock.scenario!.me.id);
    postAs(mock, mock.scenario!.other.id, 'Check the sign convention.', { reply_to_id: question.id });
    await waitUntil(
      () =>
        rowWith(giver, 'Check the sign convention.') && action(rowWith(giver, 'Check the sign convention.')!, 'award'),
    );
    const button = action(rowWith(giver, 'Check the sign convention.')!, 'award')!;
    button.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true }));
    await waitUntil(() => shadow(giver).querySelector('.confirmation .undo'), 'no Undo after the long press');
    await waitUntil(() => mock.backend.ledger().length === 1, 'long press did not award', { timeout: 8000 });
    expect(mock.backend.ledger()[0]).to.include({ points: 5, to_user_id: mock.scenario!.other.id });
    await waitUntil(() => shadow(giver).querySelector('.confirmation'));
    expect(shadow(giver).querySelector('.confirmation')!.textContent).to.include('5 points');
    // A long press does not open the dialog (which then need not even load).
    const dialog = shadow(giver).querySelector('course-chat-award-dialog');
    expect(dialog?.shadowRoot?.querySelector('dialog[open]') ?? null).to.be.null;
    await waitUntil(() => seen.some((e) => e.name === 'points_awarded'));
    expect(seen).to.deep.include({
      name: 'points_awarded',
      data: { points: 5, recipient_id: mock.scenario!.other.id },
    });
  });

  it('offers similar earlier questions while a question is being written', async () => {
    const el = await openRoom(mock, mock.scenario!.me.id);
    await say(el, 'How do I compute the determinant of a 3x3 matrix?', { question: true });
    const composer = shadow(el).querySelector('course-chat-composer')!;
    shadow(composer).querySelector<HTMLButtonElement>('.ask')!.click();
    const textarea = shadow(composer).querySelector('textarea')!;
    textarea.value = 'computing the determinant of 3x3 matrices?';
    textarea.dispatchEvent(new InputEvent('input'));
    await waitUntil(() => shadow(composer).querySelector('.similar'));
    const link = shadow(composer).querySelector<HTMLButtonElement>('.similar button')!;
    expect(link.textContent).to.include('determinant of a 3x3 matrix');
    await expect(composer).to.be.accessible();
    link.click();
    await waitUntil(() => highlightedRow(el));
  });
});

describe('Question Pending', () => {
  let clock = Date.now();
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 }, now: () => clock });

  it('shows while one’s question waits, and offers 1-on-1 help prominently after a long wait', async () => {
    const mock = running();
    clock = Date.now() - 11 * 60_000;
    const el = await openRoom(mock, mock.scenario!.me.id);
    el.helpHref = '#summon';
    await say(el, 'Can someone explain Gram-Schmidt?', { question: true });
    clock = Date.now();
    await waitUntil(() => shadow(el).querySelector('.question-pending'));
    const banner = shadow(el).querySelector('.question-pending')!;
    expect(banner.textContent).to.include('Your question is waiting for an answer.');
    expect(banner.classList.contains('long-wait')).to.be.true;
    await expect(el).to.be.accessible();
    const navigations: string[] = [];
    el.addEventListener('course-chat-navigate', (event) => {
      event.preventDefault();
      navigations.push(`${event.destination} ${event.href}`);
    });
    banner.querySelector<HTMLAnchorElement>('.help-link')!.click();
    expect(navigations).to.deep.equal(['help #summon']);
  });
});

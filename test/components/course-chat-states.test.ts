import { expect, waitUntil } from '@open-wc/testing';
import { startMockBackend, type MockSession, type ScenarioName } from '../../src/mock/index.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { action, awardDialogOf, helpQueueOf, openRoom, rows, rowWith, say, shadow } from './helpers.js';

/**
 * WCAG 2.2 AA as axe-core checks it, in every state of the page spec: each test brings the room
 * into one state through the mock backend and asserts no violations there.
 */
describe('<course-chat> is accessible in every state', () => {
  let mock: MockSession | undefined;
  afterEach(async () => {
    localStorage.clear();
    await mock?.stop();
    mock = undefined;
  });

  async function room(scenario: ScenarioName, as: 'me' | 'st' = 'me'): Promise<{ el: CourseChat; mock: MockSession }> {
    mock = await startMockBackend({ scenario, limits: { min_send_interval_ms: 0 } });
    const info = mock.scenario!;
    const userId = as === 'me' ? info.me.id : info.people.find((p) => p.role === 'student_teacher')!.id;
    return { el: await openRoom(mock, userId), mock };
  }

  const text = (el: CourseChat) => shadow(el).textContent ?? '';

  it('active: a busy room', async () => {
    const { el } = await room('busy-room');
    await waitUntil(() => rows(el).length > 10);
    await expect(el).to.be.accessible();
  });

  it('quiet: an empty room', async () => {
    const { el } = await room('quiet-room');
    expect(text(el)).to.include('Start the conversation');
    await expect(el).to.be.accessible();
  });

  it('question pending', async () => {
    const { el } = await room('quiet-room');
    await say(el, 'What is a pivot column?', { question: true });
    await waitUntil(() => shadow(el).querySelector('.question-pending'));
    await expect(el).to.be.accessible();
  });

  it('helping: a student-teacher available to help', async () => {
    const { el, mock } = await room('quiet-room', 'st');
    const queue = helpQueueOf(el);
    await waitUntil(() => shadow(queue).querySelector('input[type="checkbox"]'));
    // The switch needs the socket: it is up once the backend counts the ST online.
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).length === 1, 'never online');
    shadow(queue).querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await waitUntil(() => shadow(el).querySelector('.helping'), 'never helping');
    await expect(el).to.be.accessible();
  });

  it('low balance', async () => {
    const { el } = await room('low-balance');
    await waitUntil(() => shadow(el).querySelector('course-chat-low-balance')?.shadowRoot?.querySelector('p'));
    await expect(el).to.be.accessible();
  });

  it('award dialog open', async () => {
    const { el, mock: backend } = await room('quiet-room');
    const other = await openRoom(backend, backend.scenario!.other.id);
    await say(other, 'Use the rank-nullity theorem.');
    await waitUntil(() => rowWith(el, 'Use the rank-nullity theorem.'));
    action(rowWith(el, 'Use the rank-nullity theorem.')!, 'award')!.click();
    const dialog = await awardDialogOf(el);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    await expect(el).to.be.accessible();
  });

  it('reconnecting', async () => {
    const { el, mock: backend } = await room('quiet-room');
    backend.backend.faults.refuseSockets(1011);
    backend.backend.faults.dropSockets();
    await waitUntil(() => text(el).includes('Reconnecting...'), 'never reconnecting');
    await expect(el).to.be.accessible();
  });

  it('send failed', async () => {
    const { el, mock: backend } = await room('quiet-room');
    backend.backend.faults.failNext('messages', 500, { method: 'POST', times: 10 });
    const composer = shadow(el).querySelector('course-chat-composer')!;
    shadow(composer).querySelector('textarea')!.value = 'Will this arrive?';
    shadow(composer).querySelector('textarea')!.dispatchEvent(new InputEvent('input'));
    await composer.updateComplete;
    shadow(composer).querySelector<HTMLButtonElement>('.send')!.click();
    await waitUntil(
      () => text(el).includes('Message not sent.') || rowWith(el, 'Will this arrive?')?.message?.delivery === 'failed',
    );
    await expect(el).to.be.accessible();
  });

  it('not enrolled', async () => {
    const { el } = await room('not-enrolled');
    await waitUntil(() => text(el).includes('You must be enrolled to access this chat.'));
    await expect(el).to.be.accessible();
  });

  it('feature off', async () => {
    const { el } = await room('feature-disabled');
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'));
    await expect(el).to.be.accessible();
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { composerOf, logOf, newMessagesOf, openRoom, rows, rowWith, say, shadow } from './helpers.js';

/** What a person sees when the network misbehaves. */
describe('<course-chat> on a bad network', () => {
  let mock: MockSession;
  afterEach(async () => {
    localStorage.clear();
    await mock.stop();
  });

  it('shows the loading state while the room is slow to answer', async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
    mock.backend.faults.delay(800, 'room');
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${() => mock.tokenFor(mock.scenario!.me.id)}
      ></course-chat>`,
    );
    await waitUntil(() => shadow(el).querySelector('.loading'));
    await expect(el).to.be.accessible();
    await waitUntil(() => shadow(el).textContent?.includes('Start the conversation'), 'never loaded', {
      timeout: 5000,
    });
  });

  it('shows the anti-spam cooldown on Send and lifts it', async () => {
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 1500 } });
    const el = await openRoom(mock, mock.scenario!.me.id);
    await say(el, 'first');
    const send = shadow(composerOf(el)).querySelector<HTMLButtonElement>('.send')!;
    await waitUntil(() => send.textContent?.trim().startsWith('Wait'));
    expect(send.disabled).to.be.true;
    await waitUntil(() => send.textContent?.trim() === 'Send', 'cooldown never ended', { timeout: 4000 });
  });

  it('reports malformed frames once with course-chat-error and keeps working', async () => {
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
    const el = await openRoom(mock, mock.scenario!.me.id);
    const errors: Error[] = [];
    el.addEventListener('course-chat-error', (event) => errors.push(event.error));
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).length === 1);
    mock.backend.faults.sendRaw(mock.scenario!.me.id, '{not json');
    mock.backend.faults.sendRaw(mock.scenario!.me.id, '{not json');
    await say(el, 'still here');
    expect(errors).to.have.length(1);
  });

  it('stops and says so when the room refuses the user on the socket (4003)', async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).length === 1);
    mock.backend.faults.refuseSockets(4003);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no refusal shown', { timeout: 8000 });
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.include(
      'You must be enrolled to access this chat.',
    );
  });

  it('loads older messages when the reader scrolls to the top, keeping the view in place', async () => {
    mock = await startMockBackend({ scenario: 'busy-room' });
    const el = await openRoom(mock, mock.scenario!.me.id);
    el.style.height = '480px';
    const log = () => logOf(el)!;
    await waitUntil(() => log() && log().scrollHeight > log().clientHeight);
    const before = rows(el).length;
    const firstVisible = rows(el)[0]!;
    log().scrollTo({ top: 0, behavior: 'instant' });
    log().dispatchEvent(new Event('scroll'));
    await waitUntil(() => rows(el).length > before, 'nothing older');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // The message that was at the top is still where the reader left it, not pushed off screen.
    const offset = firstVisible.getBoundingClientRect().top - log().getBoundingClientRect().top;
    expect(offset).to.be.within(-5, 80);
    expect(log().scrollTop).to.be.greaterThan(0);
  });

  it('offers a jump to new messages that arrive while the reader has scrolled up', async () => {
    mock = await startMockBackend({ scenario: 'busy-room', limits: { min_send_interval_ms: 0 } });
    const el = await openRoom(mock, mock.scenario!.me.id);
    el.style.height = '480px';
    const log = () => logOf(el)!;
    await waitUntil(() => log() && log().scrollHeight > log().clientHeight + 400);
    // Up from the newest, but not so far that older pages start loading.
    log().scrollTo({ top: 300, behavior: 'instant' });
    log().dispatchEvent(new Event('scroll'));
    const other = mock.scenario!.other.id;
    mock.backend.send(other, mock.scenario!.courseId, {
      client_id: crypto.randomUUID(),
      content: 'Did everyone see the announcement?',
      is_question: false,
    });
    await waitUntil(() => rowWith(el, 'Did everyone see the announcement?'));
    await waitUntil(() => newMessagesOf(el), 'no new-messages jump');
    expect(newMessagesOf(el)!.textContent?.trim()).to.match(/^1 new message\b/);
    expect(log().scrollTop).to.equal(300);
    newMessagesOf(el)!.click();
    await waitUntil(() => !newMessagesOf(el));
    expect(log().scrollHeight - log().scrollTop - log().clientHeight).to.be.lessThan(48);
  });
});

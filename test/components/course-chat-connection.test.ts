import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { composerOf, openRoom, rowWith, say, shadow } from './helpers.js';

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

  it('offers a jump to new messages that arrive while the reader has scrolled up', async () => {
    mock = await startMockBackend({ scenario: 'busy-room', limits: { min_send_interval_ms: 0 } });
    const el = await openRoom(mock, mock.scenario!.me.id);
    el.style.height = '480px';
    const log = () => shadow(el).querySelector<HTMLElement>('.log')!;
    await waitUntil(() => log() && log().scrollHeight > log().clientHeight);
    log().scrollTo({ top: 0, behavior: 'instant' });
    log().dispatchEvent(new Event('scroll'));
    const other = mock.scenario!.other.id;
    mock.backend.send(other, mock.scenario!.courseId, {
      client_id: crypto.randomUUID(),
      content: 'Did everyone see the announcement?',
      is_question: false,
    });
    await waitUntil(() => rowWith(el, 'Did everyone see the announcement?'));
    await waitUntil(() => shadow(el).querySelector('.new-messages'), 'no new-messages jump');
    expect(shadow(el).querySelector('.new-messages')!.textContent).to.include('1 new message');
    expect(log().scrollTop).to.equal(0);
    shadow(el).querySelector<HTMLButtonElement>('.new-messages')!.click();
    await waitUntil(() => !shadow(el).querySelector('.new-messages'));
    expect(log().scrollHeight - log().scrollTop - log().clientHeight).to.be.lessThan(48);
  });
});

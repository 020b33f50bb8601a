import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { rowWith, say, shadow, useMockBackend } from './helpers.js';

/** The chunk of everything the room's first paint does without, as the test server serves it (from source). */
const laterChunk = new URL('../../src/components/after-first-paint.ts', import.meta.url).pathname;

const requestsForChunk = () =>
  executeServerCommand<{ requests: number; failed: number }, { path: string }>('requests-for', { path: laterChunk });

/**
 * The part of the room that comes after its first paint does not arrive: a CDN hiccup, a deploy
 * that removed the old chunk. The test server fails the chunk's request once, on the network's side.
 * This file must be the first to ask for the chunk in its page: once a module has arrived, the
 * browser asks for it no more.
 */
describe('<course-chat> when what comes after its first paint fails to load', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  it('says the chat could not be loaded, politely, and Retry loads it and opens the room', async () => {
    const before = await requestsForChunk();
    await executeServerCommand('fail-next-request', { path: laterChunk });
    const { me } = mock.scenario!;
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${() => mock.tokenFor(me.id)}
      ></course-chat>`,
    );
    await waitUntil(() => shadow(el).querySelector('.failure'), 'the room stayed on its first paint');
    await expect(el).to.be.accessible();

    const failure = shadow(el).querySelector<HTMLElement>('.failure')!;
    expect(failure.getAttribute('role'), 'announced politely').to.equal('status');
    expect(failure.textContent).to.include('The chat could not be loaded.');
    expect(await requestsForChunk()).to.deep.equal({ requests: before.requests + 1, failed: before.failed + 1 });

    const retry = failure.querySelector('button')!;
    expect(retry.textContent?.trim()).to.equal('Retry');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('course-chat-composer')?.hasUpdated, 'Retry did not bring the room');
    expect(shadow(el).querySelector('.failure')).to.equal(null);
    expect(await requestsForChunk(), 'Retry fetched the chunk again').to.deep.equal({
      requests: before.requests + 2,
      failed: before.failed + 1,
    });
    await expect(el).to.be.accessible();

    // The room proceeds as usual: a message goes out and shows in the stream.
    await say(el, 'Here at last');
    expect(rowWith(el, 'Here at last')).to.exist;
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import type { MockSession } from '../../src/mock/index.js';
import { logOf, openRoom, useMockBackend } from './helpers.js';

/**
 * Hosts style the element from outside, and some set its `display` (LMS themes often start with
 * `course-chat { display: block }`): its layout must not depend on it.
 */
describe('<course-chat> under a host’s CSS', () => {
  const running = useMockBackend({ scenario: 'busy-room' });
  let mock: MockSession;
  let rule: HTMLStyleElement;
  beforeEach(() => {
    mock = running();
    rule = document.createElement('style');
    document.head.append(rule);
  });
  afterEach(() => rule.remove());

  const log = logOf;

  for (const display of ['block', 'inline-block', 'flex', 'grid']) {
    it(`opens at the newest message and scrolls with display: ${display}`, async () => {
      rule.textContent = `course-chat { display: ${display}; width: 640px; height: 480px; }`;
      const el = await openRoom(mock, mock.scenario!.me.id);
      await waitUntil(() => log(el) && log(el)!.scrollHeight > log(el)!.clientHeight, 'the stream does not scroll');
      const stream = log(el)!;
      await waitUntil(
        () => stream.scrollHeight - stream.scrollTop - stream.clientHeight < 48,
        'the stream did not open at the newest message',
      );
      // Its own height, borders included: not stretched to its content.
      expect(el.getBoundingClientRect().height).to.be.within(480, 482);
      expect(stream.getBoundingClientRect().bottom).to.be.at.most(el.getBoundingClientRect().bottom);
      // Scrolled within itself, with older messages above.
      expect(stream.scrollTop).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });
  }
});

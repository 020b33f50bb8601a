import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { shadow, useMockBackend } from './helpers.js';

/** The element in a desktop page's half-width pane, beside the course content. */
describe('<course-chat> in a half-width pane', () => {
  const running = useMockBackend({ scenario: 'busy-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  for (const width of [380, 460, 560, 640]) {
    it(`keeps the course title on one line ${width} pixels wide`, async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: ${width}px; block-size: 640px; display: grid">
          <course-chat
            course-id=${mock.scenario!.courseId}
            back-href="#course"
            .getAuthToken=${() => mock.tokenFor(mock.scenario!.me.id)}
          ></course-chat>
        </div>`,
      );
      const el = wrapper.querySelector<CourseChat>('course-chat')!;
      await waitUntil(() => shadow(el).textContent?.includes('online'), 'the room never loaded');
      await expect(el).to.be.accessible();
      const title = shadow(el).querySelector('h2')!;
      const line = parseFloat(getComputedStyle(title).lineHeight) || title.getBoundingClientRect().height;
      expect(title.getBoundingClientRect().height, 'the title wrapped').to.be.lessThan(1.5 * line);
      const header = shadow(el).querySelector('.header')!.getBoundingClientRect();
      expect(header.height, 'the header took more than one row').to.be.lessThan(70);
    });
  }
});

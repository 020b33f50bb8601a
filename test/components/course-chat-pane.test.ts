import { expect } from '@open-wc/testing';
import type { MockSession } from '../../src/mock/index.js';
import { shadow, openRoomIn, useMockBackend } from './helpers.js';

/** The element in a desktop page's half-width pane, beside the course content. */
describe('<course-chat> in a half-width pane', () => {
  const running = useMockBackend({ scenario: 'busy-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  for (const width of [380, 460, 560, 640]) {
    it(`keeps the course title on one line ${width} pixels wide`, async () => {
      const el = await openRoomIn(mock, `inline-size: ${width}px; block-size: 640px; display: grid`);
      await expect(el).to.be.accessible();
      const title = shadow(el).querySelector('h2')!;
      const line = parseFloat(getComputedStyle(title).lineHeight) || title.getBoundingClientRect().height;
      expect(title.getBoundingClientRect().height, 'the title wrapped').to.be.lessThan(1.5 * line);
      const header = shadow(el).querySelector('.header')!.getBoundingClientRect();
      expect(header.height, 'the header took more than one row').to.be.lessThan(70);
    });
  }
});

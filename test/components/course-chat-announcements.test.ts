import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { helpQueueOf, logOf, openRoom, postAs, rowWith, shadow, openRoomIn, useMockBackend } from './helpers.js';

/** What screen readers hear, and the narrow layout a phone gets. */
describe('<course-chat> for screen readers and small screens', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const post = (content: string) => postAs(mock, mock.scenario!.other.id, content);
  const log = (el: CourseChat) => logOf(el)!;
  const status = (el: CourseChat) => shadow(el).querySelector('.visually-hidden[role="status"]')!;

  it('lets the log announce single messages politely, each an article named by its author', async () => {
    post('Before');
    const el = await openRoom(mock, mock.scenario!.me.id);
    await expect(el).to.be.accessible();
    post('Just one');
    await waitUntil(() => rowWith(el, 'Just one'));
    expect(log(el).getAttribute('aria-live')).to.be.null;
    const row = rowWith(el, 'Just one')!;
    expect(row.getAttribute('role')).to.equal('article');
    expect(row.getAttribute('aria-label')).to.include(mock.scenario!.other.name);
    expect(status(el).textContent).to.equal('');
  });

  it('summarises a burst instead of reading out every message, then goes back to normal', async () => {
    post('Before');
    const el = await openRoom(mock, mock.scenario!.me.id);
    for (let i = 1; i <= 12; i++) post(`Burst ${i}`);
    await waitUntil(() => rowWith(el, 'Burst 12'), 'the burst never arrived');
    await waitUntil(() => status(el).textContent?.includes('new messages'), 'no summary');
    expect(log(el).getAttribute('aria-live')).to.equal('off');
    await waitUntil(() => status(el).textContent === '', 'the burst never ended', { timeout: 4000 });
    expect(log(el).getAttribute('aria-live')).to.be.null;
  });

  describe('narrow', () => {
    /** The element on a phone-sized page: 360 by 640 pixels. */
    const narrow = () => openRoomIn(mock, 'inline-size: 360px; block-size: 640px; display: grid');

    const visible = (node: Element | null) => !!node && getComputedStyle(node).display !== 'none';
    const swipe = (el: CourseChat, dx: number) => {
      const body = shadow(el).querySelector('.body')!;
      const at = (x: number) => ({ bubbles: true, composed: true, pointerType: 'touch', clientX: x, clientY: 300 });
      body.dispatchEvent(new PointerEvent('pointerdown', at(200)));
      body.dispatchEvent(new PointerEvent('pointerup', at(200 + dx)));
    };

    it('shows the stream or the help queue in tabs, switched by a swipe, with the composer at the bottom', async () => {
      const el = await narrow();
      await expect(el).to.be.accessible();
      const queue = helpQueueOf(el);
      const composer = shadow(el).querySelector('course-chat-composer')!;
      expect(visible(shadow(el).querySelector('.tabs'))).to.be.true;
      expect(visible(queue)).to.be.false;
      const box = el.getBoundingClientRect();
      expect(box.bottom - composer.getBoundingClientRect().bottom).to.be.lessThan(2);

      swipe(el, -120);
      await el.updateComplete;
      expect(visible(queue)).to.be.true;
      expect(shadow(el).querySelector('#queue-tab')!.getAttribute('aria-selected')).to.equal('true');
      await expect(el).to.be.accessible();
      swipe(el, 30);
      await el.updateComplete;
      expect(visible(queue), 'a short swipe does nothing').to.be.true;
      swipe(el, 120);
      await el.updateComplete;
      expect(visible(queue)).to.be.false;
    });
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatUnreadEvent } from '../../src/components/events.js';
import type { MockSession } from '../../src/mock/index.js';
import { shadow, useMockBackend } from './helpers.js';

/**
 * `course-chat-unread` is for a badge: it says the count once the room has settled after opening,
 * not the figures it passes through while loading, and then once per change.
 */
describe('<course-chat> unread count for the host', () => {
  // 200 messages the user has never read, most of them by others.
  const running = useMockBackend({ scenario: 'busy-room' });
  let mock: MockSession;
  let hidden = false;
  beforeEach(() => {
    mock = running();
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
  });
  afterEach(() => {
    hidden = false;
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  const me = () => mock.scenario!.me;
  const said = (events: CourseChatUnreadEvent[]) =>
    events.map(({ courseId, count, mentions, muted }) => ({ courseId, count, mentions, muted }));

  async function opened() {
    const unread: CourseChatUnreadEvent[] = [];
    const el = await fixture<CourseChat>(
      html`<course-chat
        style="height: 480px"
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${() => mock.tokenFor(me().id)}
        @course-chat-unread=${(event: CourseChatUnreadEvent) => unread.push(event)}
      ></course-chat>`,
    );
    await waitUntil(() => unread.length > 0, 'no unread count', { timeout: 5000 });
    return { el, unread };
  }

  /** Mutes the room from its settings, once they have arrived (after the first paint, as the room connects). */
  async function mute(el: CourseChat): Promise<void> {
    await customElements.whenDefined('course-chat-settings');
    const settings = shadow(el).querySelector('course-chat-settings')!;
    await settings.updateComplete;
    [...shadow(settings).querySelectorAll('label')]
      .find((label) => label.textContent?.includes('Mute this room'))!
      .querySelector('input')!
      .click();
  }

  it('tells once on opening in view: everything shown is read', async () => {
    const { el, unread } = await opened();
    await expect(el).to.be.accessible();
    // The next change is the only thing that may follow the first count.
    await mute(el);
    await waitUntil(() => unread.some((event) => event.muted), 'the mute was not told');
    const courseId = mock.scenario!.courseId;
    expect(said(unread)).to.deep.equal([
      { courseId, count: 0, mentions: 0, muted: false },
      { courseId, count: 0, mentions: 0, muted: true },
    ]);
    expect(el.unread).to.deep.equal({ count: 0, mentions: 0 });
  });

  it('tells once on opening in a background tab: the backend’s count, then none once looked at', async () => {
    const room = await mock.backend.room(me().id, mock.scenario!.courseId);
    if (!room.ok) throw new Error('no room');
    const { count, mentions } = room.value.unread;
    expect(count).to.be.greaterThan(100);
    hidden = true;
    const { el, unread } = await opened();
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => unread.length === 2, 'reading was not told');
    expect(said(unread).map(({ count, mentions }) => ({ count, mentions }))).to.deep.equal([
      { count, mentions },
      { count: 0, mentions: 0 },
    ]);
    expect(el.unread.count).to.equal(0);
  });
});

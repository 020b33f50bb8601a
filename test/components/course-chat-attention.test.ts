import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatNotificationEvent, CourseChatUnreadEvent } from '../../src/components/events.js';
import type { MockSession } from '../../src/mock/index.js';
import {
  composerOf,
  firstUnreadJumpOf,
  openRoom,
  postAs,
  rowWith,
  say,
  shadow,
  textareaOf,
  unreadDividerOf,
  useMockBackend,
} from './helpers.js';

/** Room settings, @mentions, the unread divider and the attention events a host badges with. */
describe('<course-chat> mentions, unread and notifications', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const me = () => mock.scenario!.me;
  const other = () => mock.scenario!.other;

  /** The room as `userId`, recording the attention events it fires. */
  async function watched(userId: string) {
    const notifications: CourseChatNotificationEvent[] = [];
    const unread: CourseChatUnreadEvent[] = [];
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${() => mock.tokenFor(userId)}
        @course-chat-notification=${(event: CourseChatNotificationEvent) => notifications.push(event)}
        @course-chat-unread=${(event: CourseChatUnreadEvent) => unread.push(event)}
      ></course-chat>`,
    );
    await waitUntil(() => shadow(el).textContent?.includes('online'), 'the room never loaded');
    return { el, notifications, unread };
  }

  const post = (userId: string, content: string, mentions: string[] = []) =>
    postAs(mock, userId, content, { mentions });

  const textarea = (el: CourseChat) => textareaOf(el);
  const options = (el: CourseChat) => [...shadow(composerOf(el)).querySelectorAll('[role="option"]')];

  it('suggests people after @ from the keyboard and sends the mention, marked for the one mentioned', async () => {
    const writer = await openRoom(mock, me().id);
    const { el: reader, notifications } = await watched(other().id);
    await say(reader, 'Anyone around?');
    await waitUntil(() => rowWith(writer, 'Anyone around?'));

    textarea(writer).focus();
    const first = other().name.split(' ')[0]!;
    await sendKeys({ type: `Thanks @${first.slice(0, 2)}` });
    await waitUntil(() => options(writer).length > 0, 'no suggestions');
    await expect(writer).to.be.accessible();
    expect(options(writer)[0]!.textContent).to.include(other().name);
    expect(textarea(writer).getAttribute('aria-activedescendant')).to.equal('mention-0');
    await sendKeys({ press: 'Enter' });
    expect(options(writer)).to.have.length(0);
    expect(textarea(writer).value).to.equal(`Thanks @${other().name} `);
    await sendKeys({ type: 'for the hint' });
    await sendKeys({ press: 'Enter' });
    const text = `Thanks @${other().name} for the hint`;
    await waitUntil(() => rowWith(writer, text)?.message?.delivery === 'sent', 'not sent');
    expect(mock.backend.messages(mock.scenario!.courseId).at(-1)!.mentions).to.deep.equal([other().id]);

    await waitUntil(() => rowWith(reader, text), 'the mention never arrived');
    const row = rowWith(reader, text)!;
    expect(row.hasAttribute('mentions-me')).to.be.true;
    expect(shadow(row).querySelector('mark.mention')!.textContent).to.equal(`@${other().name}`);
    expect(rowWith(writer, text)!.hasAttribute('mentions-me')).to.be.false;
    await waitUntil(() => notifications.length === 1, 'no notification event');
    expect(notifications[0]).to.include({ kind: 'mention', text, courseId: mock.scenario!.courseId });
    expect(notifications[0]!.from.id).to.equal(me().id);
  });

  it('closes the suggestions with Escape and keeps Enter for sending then', async () => {
    const writer = await openRoom(mock, me().id);
    post(other().id, 'hello');
    await waitUntil(() => rowWith(writer, 'hello'));
    textarea(writer).focus();
    await sendKeys({ type: '@' });
    await waitUntil(() => options(writer).length > 0);
    await sendKeys({ press: 'Escape' });
    expect(options(writer)).to.have.length(0);
    await sendKeys({ type: 'everyone' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowWith(writer, '@everyone')?.message?.delivery === 'sent');
    expect(rowWith(writer, '@everyone')!.message!.mentions).to.deep.equal([]);
  });

  it('mutes the room from its settings: the mention arrives, but draws no attention', async () => {
    const { el, notifications, unread } = await watched(me().id);
    const settings = shadow(el).querySelector('course-chat-settings')!;
    const toggle = shadow(settings).querySelector<HTMLButtonElement>('.toggle')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await waitUntil(muted, 'the backend never kept the mute');
    await sendKeys({ press: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(shadow(settings).activeElement).to.equal(toggle);

    post(other().id, `Hey @${me().name}`, [me().id]);
    await waitUntil(() => rowWith(el, `Hey @${me().name}`), 'the mention never arrived');
    expect(rowWith(el, `Hey @${me().name}`)!.hasAttribute('mentions-me')).to.be.true;
    // A notification goes out as its message comes in, before the row renders: none went.
    expect(notifications).to.deep.equal([]);
    expect(unread.at(-1)!.muted).to.be.true;

    async function muted() {
      const room = await mock.backend.room(me().id, mock.scenario!.courseId);
      return room.ok && room.value.settings.muted;
    }
  });

  describe('browser notifications', () => {
    const shown: Array<{ title: string; body: string | undefined }> = [];
    const realNotification = globalThis.Notification;
    let hidden = false;

    before(() => {
      // The browser's side of it, recorded: a granted permission, and a page that can be hidden.
      class RecordedNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission = async () => (RecordedNotification.permission = 'granted');
        readonly title: string;
        constructor(title: string, options?: NotificationOptions) {
          this.title = title;
          shown.push({ title, body: options?.body });
        }
      }
      globalThis.Notification = RecordedNotification as unknown as typeof Notification;
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (hidden ? 'hidden' : 'visible'),
      });
    });
    after(() => {
      globalThis.Notification = realNotification;
      delete (document as { visibilityState?: unknown }).visibilityState;
    });
    afterEach(() => {
      shown.length = 0;
      hidden = false;
    });

    const box = (el: CourseChat, label: string) => {
      const settings = shadow(el).querySelector('course-chat-settings')!;
      shadow(settings).querySelector<HTMLButtonElement>('.toggle')!.click();
      return [...shadow(settings).querySelectorAll('label')]
        .find((l) => l.textContent?.includes(label))!
        .querySelector('input')!;
    };

    it('shows one for a mention while the page is hidden, once opted in, and none when muted', async () => {
      const { el } = await watched(me().id);
      box(el, 'Notify me').click();
      await waitUntil(async () => {
        const room = await mock.backend.room(me().id, mock.scenario!.courseId);
        return room.ok && room.value.settings.notifications;
      }, 'the opt-in was not kept');

      post(other().id, `Visible @${me().name}`, [me().id]);
      await waitUntil(() => rowWith(el, `Visible @${me().name}`));
      hidden = true;
      post(other().id, `Hidden @${me().name}`, [me().id]);
      await waitUntil(() => shown.length === 1, 'no notification while hidden');
      expect(shown[0]).to.deep.equal({ title: `${other().name} mentioned you`, body: `Hidden @${me().name}` });

      box(el, 'Mute this room').click();
      await waitUntil(async () => {
        const room = await mock.backend.room(me().id, mock.scenario!.courseId);
        return room.ok && room.value.settings.muted;
      }, 'the mute was not kept');
      post(other().id, `Muted @${me().name}`, [me().id]);
      await waitUntil(() => rowWith(el, `Muted @${me().name}`));
      // A notification goes out as its message comes in, before the row renders: no second one.
      expect(shown).to.have.length(1);
    });
  });

  it('marks where unread messages begin on return, with a way up to them, and reports the count', async () => {
    mock.backend.markRead(me().id, mock.scenario!.courseId, post(me().id, 'I was here').seq);
    const firstUnread = post(other().id, 'While you were away');
    post(other().id, `And @${me().name} this is for you`, [me().id]);
    const { el, unread } = await watched(me().id);
    await waitUntil(() => unreadDividerOf(el), 'no divider');
    const thread = unreadDividerOf(el)!.parentElement!;
    expect(thread.querySelector('course-chat-message')!.message!.id).to.equal(firstUnread.id);
    // Shown at the newest in a visible page, everything is read at once; the divider stays.
    await waitUntil(() => unread.length > 0, 'no unread count');
    expect(unread.map(({ count, mentions, muted }) => ({ count, mentions, muted }))).to.deep.equal([
      { count: 0, mentions: 0, muted: false },
    ]);
    expect(el.unread.count).to.equal(0);
    expect(unreadDividerOf(el)).to.exist;
    await expect(el).to.be.accessible();
    const jump = firstUnreadJumpOf(el)!;
    expect(jump.textContent).to.include('New messages since your last visit');
    jump.click();
    await waitUntil(() => !firstUnreadJumpOf(el), 'the jump stayed');
    // The marker is saved on the backend, so the next visit starts from here.
    await waitUntil(
      async () => {
        const kept = await mock.backend.room(me().id, mock.scenario!.courseId);
        return kept.ok && kept.value.unread.count === 0;
      },
      'the read marker was not saved',
      { timeout: 3000 },
    );
  });
});

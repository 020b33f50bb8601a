import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { AttentionController, type AttentionStore } from '../../src/components/attention-controller.js';
import type { CourseChatNotificationEvent } from '../../src/components/events.js';
import { defaultStrings } from '../../src/components/strings.js';
import type { RoomSettings } from '../../src/protocol/index.js';
import type { ChatNotification, ConnectionStatus } from '../../src/state/index.js';
import { ControllerHost } from './helpers.js';

/** The read marker and notifications, over a store of atoms and a recorded browser: no room needed. */
describe('AttentionController', () => {
  const $status = atom<ConnectionStatus>('loading');
  const $settings = atom<RoomSettings | null>(null);
  let marked: number;
  let host: ControllerHost;
  let attention: AttentionController;
  const shown: Array<{ title: string; body: string | undefined; tag: string | undefined }> = [];
  const realNotification = globalThis.Notification;
  let hidden = false;

  before(() => {
    // The browser's side of it, recorded: a granted permission, and a page that can be hidden.
    class RecordedNotification {
      static permission: NotificationPermission = 'granted';
      readonly title: string;
      constructor(title: string, options?: NotificationOptions) {
        this.title = title;
        shown.push({ title, body: options?.body, tag: options?.tag });
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

  beforeEach(() => {
    $status.set('loading');
    $settings.set({ muted: false, notifications: false });
    marked = 0;
    hidden = false;
    shown.length = 0;
    const store: AttentionStore = { $status, $settings, markAllRead: () => (marked += 1) };
    host = new ControllerHost();
    attention = new AttentionController(host, { store: () => store, strings: () => defaultStrings });
    host.connect();
  });
  afterEach(() => host.disconnect());

  it('marks everything read while the reader is at the newest of a live, visible page', () => {
    attention.viewed(true);
    expect(marked, 'while loading').to.equal(0);
    $status.set('live');
    host.update();
    expect(marked, 'going live').to.equal(1);
    attention.viewed(false);
    host.update();
    expect(marked, 'scrolled up').to.equal(1);
    attention.viewed(true);
    expect(marked, 'back at the newest').to.equal(2);
  });

  it('marks nothing while the page is hidden, and catches up as it comes back into view', () => {
    $status.set('live');
    hidden = true;
    attention.viewed(true);
    expect(marked).to.equal(0);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(marked).to.equal(1);
  });

  it('stops following the page once its host leaves it', () => {
    $status.set('live');
    host.disconnect();
    document.dispatchEvent(new Event('visibilitychange'));
    expect(marked).to.equal(0);
    host.connect();
  });

  const mention: ChatNotification = {
    kind: 'mention',
    courseId: 'c',
    messageId: 'm1',
    from: { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false },
    text: 'Hey @Ana',
    points: 0,
  };

  it('tells the host of every notification, and the reader only when opted in and looking elsewhere', () => {
    const told: CourseChatNotificationEvent[] = [];
    host.addEventListener('course-chat-notification', (event) => told.push(event as CourseChatNotificationEvent));
    attention.notify(mention);
    hidden = true;
    attention.notify(mention);
    $settings.set({ muted: false, notifications: true });
    hidden = false;
    attention.notify(mention);
    expect(shown).to.deep.equal([]);
    hidden = true;
    attention.notify(mention);
    expect(told.map((event) => event.messageId)).to.deep.equal(['m1', 'm1', 'm1', 'm1']);
    expect(shown).to.deep.equal([{ title: 'Ben mentioned you', body: 'Hey @Ana', tag: 'course-chat:m1' }]);
  });

  it('words points received with what earned them', () => {
    $settings.set({ muted: false, notifications: true });
    hidden = true;
    attention.notify({ ...mention, kind: 'points', points: 5, text: 'the answer' });
    expect(shown[0]!.body).to.equal(`${defaultStrings.earned(5)}: the answer`);
  });
});

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatNotification, ChatStore } from '../state/index.js';
import { CourseChatNotificationEvent } from './events.js';
import type { CourseChatStrings } from './strings.js';

/** What the attention controller reads and marks in the room. */
export type AttentionStore = Pick<ChatStore, '$status' | '$settings' | 'markAllRead'>;

export interface AttentionOptions {
  store(): AttentionStore | undefined;
  strings(): CourseChatStrings;
}

/**
 * What the room tells the reader and the host outside the stream: messages read while someone is
 * looking at the newest, and notifications of what concerns the reader (to the host always, as a
 * browser notification too when the reader opted in and is looking elsewhere). The unread count's
 * event is the UnreadController's.
 */
export class AttentionController implements ReactiveController {
  #atNewest = true;
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: AttentionOptions;

  constructor(host: ReactiveControllerHost & EventTarget, options: AttentionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#markRead);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#markRead);
  }

  /** Going live changes nothing in the stream, which may then not report. */
  hostUpdated(): void {
    this.#markRead();
  }

  /** The stream's view settled, at the newest message or not. */
  readonly viewed = (atNewest: boolean): void => {
    this.#atNewest = atNewest;
    this.#markRead();
  };

  /** At the newest message of a page someone is looking at, everything loaded has been read. */
  readonly #markRead = (): void => {
    const store = this.#options.store();
    if (this.#atNewest && document.visibilityState === 'visible' && store?.$status.get() === 'live')
      store.markAllRead();
  };

  notify(notification: ChatNotification): void {
    this.#host.dispatchEvent(new CourseChatNotificationEvent(notification));
    const wanted = this.#options.store()?.$settings.get()?.notifications && document.visibilityState === 'hidden';
    if (!wanted || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // One per message: a second tab of the same room replaces rather than repeats it.
    const { kind, from, text, points } = notification;
    const s = this.#options.strings();
    new Notification(s.notification(kind, from.name), {
      body: kind === 'points' ? `${s.earned(points)}${text ? `: ${text}` : ''}` : text,
      tag: `course-chat:${notification.messageId}`,
    });
  }
}

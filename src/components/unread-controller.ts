import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStore, Unread } from '../state/index.js';
import { CourseChatUnreadEvent } from './events.js';

/**
 * `course-chat-unread`, for the host's badge: once when a room has settled after opening (live,
 * with what the reader has in view marked read), then once for each change of what it says. While
 * a room loads its count passes through figures nobody should see: the backend's count, then the
 * loaded page's, then none once the newest is on screen.
 */
export class UnreadController implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  #store: ChatStore | undefined;
  #live = false;
  #unwatch: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #told = '';
  #unread: Unread = { count: 0, mentions: 0 };

  constructor(host: ReactiveControllerHost & EventTarget) {
    this.#host = host;
    host.addController(this);
  }

  /** What the last event said. */
  get unread(): Unread {
    return this.#unread;
  }

  /** Follows the counts of this room's session, or of none. */
  watch(store: ChatStore | undefined): void {
    this.hostDisconnected();
    this.#store = store;
    this.#live = false;
    this.#told = '';
    this.#unread = { count: 0, mentions: 0 };
    this.hostConnected();
  }

  hostConnected(): void {
    const store = this.#store;
    if (!store || this.#unwatch) return;
    // The element marks what is in view as read in the update that follows a change, within the
    // same task: a timer waits for it, and tells once however many stores changed on the way.
    const changed = () => {
      this.#live ||= store.$status.get() === 'live';
      if (!this.#live) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#tell(store));
    };
    const watching = [store.$status.listen(changed), store.$unread.listen(changed), store.$settings.listen(changed)];
    this.#unwatch = () => watching.forEach((stop) => stop());
    // Back from a move: a change may have come in while it was out.
    if (this.#live) changed();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  #tell(store: ChatStore): void {
    const room = store.$room.get();
    if (!room) return;
    const unread = store.$unread.get();
    const muted = store.$settings.get()?.muted ?? false;
    const key = `${unread.count}/${unread.mentions}/${muted}`;
    if (key === this.#told) return;
    this.#told = key;
    this.#unread = unread;
    this.#host.dispatchEvent(new CourseChatUnreadEvent(room.course.id, unread, muted));
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createChatSession, type ChatSessionOptions } from '../state/session.js';
import type { ChatStore } from '../state/types.js';

/** What the session reads from its element. */
export interface SessionHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  courseId: string;
  apiBase: string;
}

export interface SessionControllerOptions {
  /** Everything the session needs but the course and the API base, read when it opens. */
  session(): Omit<ChatSessionOptions, 'courseId' | 'apiBase'>;
  /** A session opened (a new room: the view starts afresh) or closed (`undefined`). */
  changed(store: ChatStore | undefined): void;
}

/**
 * The room session of an element, which lives exactly while the element is in a document with a
 * course: opened as it connects, switched when `course-id` or `api-base` changes, and closed
 * (socket, timers and listeners) as it leaves. A move (removed and attached again in the same
 * task, as portals and list reorders do) keeps the session; a later re-attach opens a new one.
 */
export class SessionController implements ReactiveController {
  readonly #host: SessionHost;
  readonly #options: SessionControllerOptions;
  #store: ChatStore | undefined;
  #opened = { courseId: '', apiBase: '' };
  #leaving = false;

  constructor(host: SessionHost, options: SessionControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get store(): ChatStore | undefined {
    return this.#store;
  }

  /**
   * Opens on the update that follows, not here: a host that creates the element, attaches it and
   * then sets `getAuthToken` in one task has its token source used from the first request.
   */
  hostConnected(): void {
    this.#leaving = false;
    if (!this.#store) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#leaving = true;
    // A move reconnects before the task ends; only an element still out by then is gone.
    queueMicrotask(() => {
      if (this.#leaving && !this.#host.isConnected) this.#close();
    });
  }

  /**
   * Called before each update: opens, switches or closes the session to match the element. A new
   * token source is tried at once by a room waiting for a sign-in, rather than on the retry
   * schedule.
   */
  sync(tokenSourceChanged: boolean): void {
    const { courseId, apiBase } = this.#host;
    // Out of the document, leaving is hostDisconnected's to settle.
    if (!this.#host.isConnected) return;
    if (!courseId) {
      this.#close();
      return;
    }
    const store = this.#store;
    if (!store || this.#opened.courseId !== courseId || this.#opened.apiBase !== apiBase) this.#open();
    else if (tokenSourceChanged) {
      // Only while a sign-in is refused (the room's, or a later request's) or before the room has
      // answered: a host that hands over a new function on each render must not restart a room
      // that is working.
      if (store.$awaitingSignIn.get()) store.reconnectNow();
      else if (store.$status.get() === 'loading' && store.$room.get() === null) this.#open();
    }
  }

  #open(): void {
    this.#close();
    const { courseId, apiBase } = this.#host;
    this.#opened = { courseId, apiBase };
    const store = createChatSession({ ...this.#options.session(), courseId, apiBase });
    this.#store = store;
    this.#options.changed(store);
    void store.start();
  }

  #close(): void {
    if (!this.#store) return;
    this.#store.stop();
    this.#store = undefined;
    this.#options.changed(undefined);
  }
}

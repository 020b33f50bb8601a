import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatStore, StreamMessage } from '../state/index.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import type { CourseChatMessageActionEvent } from './events.js';
import type { CourseChatStrings } from './strings.js';

/** How long a quick-award confirmation stays up. */
const confirmationMs = 3000;
/** How long a long-press award can be undone before it is sent: a slip of the thumb costs nothing. */
export const undoAwardMs = 4000;

/** Runs `run` after `ms` milliseconds; the returned function cancels it. */
export type Later = (ms: number, run: () => void) => () => void;

const timeout: Later = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** What the actions of a message row do in the room. */
export type ActionStore = Pick<
  ChatStore,
  '$messages' | '$room' | '$balance' | 'retry' | 'markQuestion' | 'markHelpful' | 'award' | 'report'
>;

export interface MessageActionOptions {
  store(): ActionStore | undefined;
  composer(): CourseChatComposer | undefined;
  /** The award dialog, loaded on first use. */
  awardDialog(): Promise<CourseChatAwardDialog | undefined>;
  strings(): CourseChatStrings;
  /** The clock the undo window and the confirmation are timed by: the page's, or a test's. */
  later?: Later;
}

/**
 * Carries out what a message row's buttons ask (`course-chat-message-action`): retry, reply, mark
 * as a question or as helpful, award, report; a quick award is confirmed for a moment.
 */
export class MessageActionsController implements ReactiveController {
  /** The quick award's confirmation while it shows ("5 points to Ana · Undo" first); empty otherwise. */
  confirmation = '';
  /** Cancels the award waiting out its undo window, while one does. */
  #undo: (() => void) | undefined;
  #clear: (() => void) | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: MessageActionOptions;

  constructor(host: ReactiveControllerHost, options: MessageActionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Leaving the page inside the undo window gives up the award, as Undo would. */
  hostDisconnected(): void {
    this.undo();
    this.#clear?.();
  }

  /** Takes back the long-press award still in its undo window: nothing is sent. */
  readonly undo = (): void => {
    if (!this.#undo) return;
    this.#undo();
    this.#undo = undefined;
    this.#show('');
  };

  /** The quick award's confirmation, with Undo while the award can still be taken back. */
  render(strings: CourseChatStrings) {
    if (!this.confirmation) return nothing;
    return html`<div class="confirmation" role="status">
      ${this.confirmation}
      ${this.#undo ? html`<button type="button" class="undo" @click=${this.undo}>${strings.undo}</button>` : nothing}
    </div>`;
  }

  readonly handle = (event: CourseChatMessageActionEvent): void => {
    const store = this.#options.store();
    const message = store?.$messages.get().find((m) => m.id === event.messageId);
    if (!store || !message) return;
    switch (event.action) {
      case 'retry':
        store.retry(message.client_id);
        break;
      case 'reply': {
        const composer = this.#options.composer();
        if (composer) {
          composer.replyTo = message;
          composer.focus();
        }
        break;
      }
      case 'mark-question':
        void store.markQuestion(message.id);
        break;
      case 'mark-helpful':
        store.markHelpful(message.id);
        break;
      case 'award':
        void this.#options.awardDialog().then((dialog) => dialog?.show(message));
        break;
      case 'quick-award':
        void this.#quickAward(store, message);
        break;
      case 'report':
        void store.report(message.id, { reason: 'other', note: 'Reported from the message row' });
        break;
    }
  };

  /** A long press on This Helped! awards the default points once its undo window has passed. */
  #quickAward(store: ActionStore, message: StreamMessage): void {
    const room = store.$room.get();
    if (!room) return;
    const points = Math.min(room.limits.default_award_points, store.$balance.get());
    if (points < 1) return;
    // A second long press within the window replaces the first: one award waits at a time.
    this.undo();
    const later = this.#options.later ?? timeout;
    this.#undo = later(undoAwardMs, () => {
      this.#undo = undefined;
      this.#show('');
      void store.award(message.id, points).then((recorded) => {
        if (!recorded) return;
        this.#show(this.#options.strings().awarded(points, message.author.name));
        this.#clear = later(confirmationMs, () => this.#show(''));
      });
    });
    this.#show(this.#options.strings().awardPending(points, message.author.name));
  }

  #show(confirmation: string): void {
    this.#clear?.();
    this.#clear = undefined;
    this.confirmation = confirmation;
    this.#host.requestUpdate();
  }
}

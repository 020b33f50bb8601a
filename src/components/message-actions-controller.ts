import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatStore, StreamMessage } from '../state/index.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import type { CourseChatMessageActionEvent } from './events.js';
import type { CourseChatStrings } from './strings.js';

/** How long a quick-award confirmation stays up. */
const confirmationMs = 3000;

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
}

/**
 * Carries out what a message row's buttons ask (`course-chat-message-action`): retry, reply, mark
 * as a question or as helpful, award, report; a quick award is confirmed for a moment.
 */
export class MessageActionsController implements ReactiveController {
  /** The quick award's confirmation while it shows; empty otherwise. */
  confirmation = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: MessageActionOptions;

  constructor(host: ReactiveControllerHost, options: MessageActionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
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
        void store.report(message.id);
        break;
    }
  };

  async #quickAward(store: ActionStore, message: StreamMessage): Promise<void> {
    const room = store.$room.get();
    if (!room) return;
    const points = Math.min(room.limits.default_award_points, store.$balance.get());
    if (points < 1 || !(await store.award(message.id, points))) return;
    this.confirmation = this.#options.strings().awarded(points, message.author.name);
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.confirmation = '';
      this.#host.requestUpdate();
    }, confirmationMs);
  }
}

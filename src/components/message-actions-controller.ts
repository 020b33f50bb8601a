import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatStore } from '../state/index.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import type { CourseChatMessageActionEvent } from './events.js';
import { lazyPart } from './lazy.js';
import type { CourseChatStrings } from './strings.js';

/** Runs `run` after `ms` milliseconds; the returned function cancels it. */
export type Later = (ms: number, run: () => void) => () => void;

/** What the actions of a message row do in the room. */
export type ActionStore = Pick<
  ChatStore,
  | '$messages'
  | '$room'
  | '$balance'
  | 'retry'
  | 'markQuestion'
  | 'markHelpful'
  | 'award'
  | 'report'
  | 'beginEdit'
  | 'deleteMessage'
  | 'moderate'
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

/** What the actions do (message-actions.ts): the room's first paint does without it. */
const carryingOut = lazyPart(async () => import('./after-first-paint.js'));

/**
 * Carries out what a message row's buttons and menu ask (`course-chat-message-action`), through
 * message-actions.ts, and shows what waits out its undo window (a long-press award, a report)
 * with Undo, or a quick award's thanks for a moment.
 */
export class MessageActionsController implements ReactiveController {
  /** What waits out its undo window ("5 points to Ana", "Reported…"), or the award's thanks; empty otherwise. */
  confirmation = '';
  /** Cancels the award or report waiting out its undo window, while one does. */
  pending: (() => void) | undefined;
  /** Takes the award's thanks down early, while it shows. */
  ending: (() => void) | undefined;
  readonly options: MessageActionOptions;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, options: MessageActionOptions) {
    this.#host = host;
    this.options = options;
    host.addController(this);
  }

  /** Leaving the page inside the undo window gives up the award or report, as Undo would. */
  hostDisconnected(): void {
    this.undo();
    this.ending?.();
  }

  /** Takes back the long-press award or report still in its undo window: nothing is sent. */
  readonly undo = (): void => {
    if (!this.pending) return;
    this.pending();
    this.pending = undefined;
    this.show('');
  };

  /** The confirmation, with Undo while the award or report can still be taken back. */
  render(strings: CourseChatStrings) {
    if (!this.confirmation) return nothing;
    return html`<div class="confirmation" role="status">
      ${this.confirmation}
      ${this.pending ? html`<button type="button" class="undo" @click=${this.undo}>${strings.undo}</button>` : nothing}
    </div>`;
  }

  readonly handle = async (event: CourseChatMessageActionEvent): Promise<void> =>
    (await carryingOut.load()).carryOut(this, event);

  show(confirmation: string): void {
    this.ending?.();
    this.ending = undefined;
    this.confirmation = confirmation;
    this.#host.requestUpdate();
  }
}

import { css, html, nothing } from 'lit';
import type { ChatStore } from '../state/index.js';
import { CourseChatJumpEvent } from './events.js';
import { lowBalanceStrings } from './low-balance-strings.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';

/** What the prompt reads of the room. */
export type LowBalanceStore = Pick<ChatStore, '$lowBalance' | '$pendingQuestions' | '$room'>;

/**
 * The Low Balance state's subtle prompt to help others: while the user has few points to give, it
 * offers the oldest question waiting that someone else asked (never the user's own: answering that
 * earns nothing), or says that none is waiting. It shows nothing while the balance is not low.
 *
 * @fires course-chat-jump - The offered question was chosen: the room shows it.
 *
 * @tag course-chat-low-balance
 */
export class CourseChatLowBalance extends RoomPart {
  static override styles = [
    sharedStyles,
    css`
      p {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem;
        margin: 0;
        padding: 0.4rem 1rem;
        font-size: 0.8rem;
        background: var(--course-chat-points-bg);
        color: var(--course-chat-points-text);
      }
      button {
        min-block-size: 1.5rem;
        padding: 0;
        border: none;
        background: none;
        font: inherit;
        font-weight: 600;
        color: var(--course-chat-accent);
        text-decoration: underline;
        white-space: nowrap;
        cursor: pointer;
      }
      /* A phone: one line, the offer kept whole and the sentence cut short. */
      @container (max-width: 30rem) {
        p {
          padding: 0.2rem 0.75rem;
          gap: 0.5rem;
        }
        span {
          white-space: nowrap;
          overflow: hidden;
          text-overflow: ellipsis;
        }
      }
    `,
  ];

  /** The room's balance and questions. */
  declare store?: LowBalanceStore;

  readonly #low = new StoreController(this, () => this.store?.$lowBalance, false);
  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #room = new StoreController(this, () => this.store?.$room, null);

  override render() {
    if (!this.#low.value) return nothing;
    const s = { ...lowBalanceStrings, ...this.strings };
    const me = this.#room.value?.me.id;
    // The queue is oldest first: the one waiting longest that the user can answer.
    const question = this.#pending.value.find((pending) => pending.author.id !== me);
    return html`<p>
      <span>${question ? s.lowBalance : s.lowBalanceNone}</span>
      ${
        question
          ? html`<button type="button" @click=${() => this.dispatchEvent(new CourseChatJumpEvent(question.id))}>
              ${s.helpAsker(question.author.name)}
            </button>`
          : nothing
      }
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-low-balance': CourseChatLowBalance;
  }
}

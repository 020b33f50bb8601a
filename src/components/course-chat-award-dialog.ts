import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { ChatStore, StreamMessage } from '../state/index.js';
import { awardDialogStyles } from './course-chat-award-dialog.styles.js';
import { dialogSurfaceStyles } from './dialog-surface.styles.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { awardDialogStrings } from './award-dialog-strings.js';

/** What the award dialog reads and does in the room. */
export type AwardStore = Pick<ChatStore, '$balance' | '$room' | 'award'>;

/**
 * "This Helped!": a modal that awards goodwill points for a message, from 1 to the smaller of the
 * giver's balance and the room's per-award maximum, 5 by default. Being a native modal dialog,
 * focus moves into it, Escape closes it, and focus returns to where it was.
 *
 * @csspart dialog - The dialog box.
 *
 * @tag course-chat-award-dialog
 */
export class CourseChatAwardDialog extends RoomPart {
  static override styles = [sharedStyles, dialogSurfaceStyles, awardDialogStyles];

  /** The balance and limits the award is within, and the award itself. */
  declare store?: AwardStore;

  @state() private message?: StreamMessage;
  @state() private points = 5;
  @state() private busy = false;

  @query('dialog') private dialog?: HTMLDialogElement;

  /** Opens the dialog to award points for `message`. */
  async show(message: StreamMessage): Promise<void> {
    this.message = message;
    this.points = Math.min(this.#defaultPoints, this.#cap) || 1;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  close(): void {
    this.dialog?.close();
  }

  get #cap(): number {
    const room = this.store?.$room.get();
    return Math.min(this.store?.$balance.get() ?? 0, room?.limits.max_award_points ?? 0);
  }

  get #defaultPoints(): number {
    return this.store?.$room.get()?.limits.default_award_points ?? 5;
  }

  override render() {
    const cap = this.#cap;
    const name = this.message?.author.name ?? '';
    const s = { ...awardDialogStrings, ...this.strings };
    const balance = this.store?.$balance.get() ?? 0;
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      aria-describedby="note"
      @close=${() => (this.message = undefined)}
    >
      <form method="dialog" @submit=${this.#confirm}>
        <h2 id="title">${s.thank(name)}</h2>
        <p id="note">
          ${s.awardNote}<br />${s.awardBalance(balance)}
          ${balance < this.#defaultPoints ? s.awardCapped(balance) : nothing}
        </p>
        ${
          cap >= 1
            ? html`<label for="points">${s.pointsLabel} <output for="points">${this.points}</output></label>
                <input
                  id="points"
                  type="range"
                  min="1"
                  max=${cap}
                  step="1"
                  .value=${String(this.points)}
                  aria-valuetext=${s.points(this.points)}
                  @input=${(event: Event) => (this.points = Number((event.target as HTMLInputElement).value))}
                />
                <div class="range" aria-hidden="true"><span>1</span><span>${cap}</span></div>`
            : html`<p role="status">${s.noPoints}</p>`
        }
        <div class="buttons">
          <button type="button" @click=${() => this.close()}>${s.cancel}</button>
          <button class="confirm" type="submit" ?disabled=${cap < 1 || this.busy}>
            ${this.busy ? s.awarding : s.confirm}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  async #confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const message = this.message;
    if (!message || !this.store || this.busy) return;
    this.busy = true;
    // The balance drops at once; a failure restores it and the room shows the store's notice.
    const awarding = this.store.award(message.id, this.points);
    this.close();
    await awarding;
    this.busy = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-award-dialog': CourseChatAwardDialog;
  }
}

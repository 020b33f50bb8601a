import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatStore } from '../state/index.js';
import { helpQueueStyles } from './course-chat-help-queue.styles.js';
import { CourseChatJumpEvent } from './events.js';
import { avatar, profileHrefOf, profileLink } from './avatar.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';

/** "waiting 12 min": how long a question has gone unanswered. */
function waited(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'asked just now';
  const unit =
    minutes < 60
      ? { value: minutes, unit: 'minute' as const }
      : { value: Math.round(minutes / 60), unit: 'hour' as const };
  return `waiting ${new Intl.NumberFormat(undefined, { style: 'unit', unit: unit.unit, unitDisplay: 'long' }).format(unit.value)}`;
}

/**
 * The help queue: questions still waiting for an answer, oldest first, each a link to the question
 * in the stream; and the student-teachers online now. An ST switches "Available to Help" here.
 *
 * @fires course-chat-jump - A pending question was chosen: the room scrolls to it.
 * @fires course-chat-navigate - A helper was chosen (`st-profile`). Cancelable; otherwise `st-profile-href` is followed.
 *
 * @tag course-chat-help-queue
 */
export class CourseChatHelpQueue extends LitElement {
  static override styles = [sharedStyles, helpQueueStyles];

  /** The room's store. */
  @property({ attribute: false }) store?: ChatStore;

  /** URL template (`{id}` for the user id) of a student-teacher's profile page; helpers, all STs, link to it. */
  @property({ attribute: 'st-profile-href' }) stProfileHref = '';

  /** Milliseconds since the epoch that waiting times are measured from. */
  @property({ attribute: false }) now = Date.now();

  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #helpers = new StoreController(this, () => this.store?.$helpers, []);
  readonly #room = new StoreController(this, () => this.store?.$room, null);

  override render() {
    const me = this.#room.value?.me;
    const mine = this.#helpers.value.find((helper) => helper.id === me?.id);
    return html`
      ${
        me?.is_student_teacher
          ? html`<label class="switch">
              <input
                type="checkbox"
                .checked=${mine?.available ?? false}
                @change=${(event: Event) => this.store?.setAvailable((event.target as HTMLInputElement).checked)}
              />
              Available to Help
            </label>`
          : nothing
      }
      <h3 id="pending">Pending Questions (${this.#pending.value.length})</h3>
      ${
        this.#pending.value.length === 0
          ? html`<p class="empty">No questions waiting. Nice work, everyone.</p>`
          : html`<ul aria-labelledby="pending">
              ${repeat(
                this.#pending.value,
                (question) => question.id,
                (question) =>
                  html`<li class="question">
                    <button type="button" @click=${() => this.dispatchEvent(new CourseChatJumpEvent(question.id))}>
                      ${question.content.length > 90 ? `${question.content.slice(0, 90)}…` : question.content}
                    </button>
                    <span class="waited">${question.author.name}, ${waited(question.created_at, this.now)}</span>
                  </li>`,
              )}
            </ul>`
      }
      <h3 id="helpers">Available Helpers</h3>
      ${
        this.#helpers.value.length === 0
          ? html`<p class="empty">No student-teachers online right now.</p>`
          : html`<ul aria-labelledby="helpers">
              ${repeat(
                this.#helpers.value,
                (helper) => helper.id,
                (helper) =>
                  html`<li class="helper">
                    ${profileLink(
                      helper,
                      profileHrefOf(helper, '', this.stProfileHref),
                      html`${avatar(helper)}<span class="name">${helper.name}</span>`,
                    )}
                    <span class="status ${helper.available ? 'available' : ''}"
                      >${helper.available ? 'Available to Help' : 'Online'}</span
                    >
                  </li>`,
              )}
            </ul>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-help-queue': CourseChatHelpQueue;
  }
}

import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChatStore } from '../state/index.js';
import { helpQueueStyles } from './course-chat-help-queue.styles.js';
import { CourseChatJumpEvent } from './events.js';
import { avatar, profileHrefOf, profileLink } from './avatar.js';
import { formatWait } from './wait-format.js';
import { lazyElement } from './lazy.js';
import { byId, clipped, queueList } from './queue-list.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';
import { helpQueueStrings } from './help-queue-strings.js';

/** What the help queue reads and does in the room. */
export type HelpQueueStore = Pick<
  ChatStore,
  | '$pendingQuestions'
  | '$helpers'
  | '$presenceLive'
  | '$room'
  | 'setAvailable'
  | '$moderator'
  | '$reported'
  | 'moderate'
>;

/** The Reported queue: moderators' only, so nobody else downloads it. */
const reportedQueue = lazyElement('course-chat-reported', async () =>
  import('./course-chat-reported.js').then((module) => module.CourseChatReported),
);

/**
 * The help queue: questions still waiting for an answer, oldest first, each a link to the question
 * in the stream; and the student-teachers online now. An ST switches "Available to Help" here. A
 * course's moderators find the Reported queue here first.
 *
 * @fires course-chat-jump - A pending question was chosen: the room scrolls to it.
 * @fires course-chat-navigate - A helper was chosen (`st-profile`). Cancelable; otherwise `st-profile-href` is followed.
 *
 * @tag course-chat-help-queue
 */
export class CourseChatHelpQueue extends RoomPart {
  static override styles = [sharedStyles, helpQueueStyles];

  /** The room's questions waiting and helpers, and the switch of an ST's own availability. */
  declare store?: HelpQueueStore;

  /** URL template (`{id}` for the user id) of a student-teacher's profile page; helpers, all STs, link to it. */
  @property({ attribute: 'st-profile-href' }) stProfileHref = '';

  /** Milliseconds since the epoch that waiting times are measured from. */
  @property({ attribute: false }) now = Date.now();

  /** The language waiting times are written in; the browser's when undefined. */
  @property({ attribute: false }) locale?: string;

  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #helpers = new StoreController(this, () => this.store?.$helpers, []);
  readonly #live = new StoreController(this, () => this.store?.$presenceLive, false);
  readonly #room = new StoreController(this, () => this.store?.$room, null);
  readonly #moderator = new StoreController(this, () => this.store?.$moderator, false);

  override willUpdate(): void {
    if (this.#moderator.value) void reportedQueue.load();
  }

  override render() {
    const me = this.#room.value?.me;
    const mine = this.#helpers.value.find((helper) => helper.id === me?.id);
    const s = { ...helpQueueStrings, ...this.strings };
    return html`
      ${
        this.#moderator.value
          ? html`<course-chat-reported
              .store=${this.store}
              .strings=${s}
              .locale=${this.locale}
            ></course-chat-reported>`
          : nothing
      }
      ${
        me?.is_student_teacher
          ? html`<label class="switch">
              <input
                type="checkbox"
                .checked=${mine?.available ?? false}
                ?disabled=${!this.#live.value}
                @change=${(event: Event) => this.store?.setAvailable((event.target as HTMLInputElement).checked)}
              />
              ${s.available}
            </label>`
          : nothing
      }
      ${queueList(
        'pending',
        s.pendingQuestions(this.#pending.value.length),
        this.#pending.value,
        byId,
        (question) =>
          html`<li class="question">
            <button type="button" @click=${() => this.dispatchEvent(new CourseChatJumpEvent(question.id))}>
              ${clipped(question.content, 90)}
            </button>
            <span class="waited"
              >${question.author.name}, ${s.waiting(formatWait(question.created_at, this.now, this.locale))}</span
            >
          </li>`,
        s.noQuestions,
      )}
      ${queueList(
        'helpers',
        s.helpers,
        // Who is online is not known while the socket is down.
        this.#live.value ? this.#helpers.value : [],
        byId,
        (helper) =>
          html`<li class="helper">
            ${profileLink(
              helper,
              profileHrefOf(helper, '', this.stProfileHref),
              html`${avatar(helper)}<span class="name">${helper.name}</span>`,
            )}
            <span class="status ${helper.available ? 'available' : ''}"
              >${helper.available ? s.available : s.helperOnline}</span
            >
          </li>`,
        this.#live.value ? s.noHelpers : s.presenceStale,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-help-queue': CourseChatHelpQueue;
  }
}

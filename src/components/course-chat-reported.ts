import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { MessageReport, ReportedResponse, RoomDecisionBody } from '../protocol/index.js';
import type { ChatStore } from '../state/index.js';
import { helpQueueStyles } from './course-chat-help-queue.styles.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { reportedStrings, type ReportedStrings } from './reported-strings.js';
import { StoreController } from './store-controller.js';
import type { CourseChatStrings } from './strings.js';
import { muteHours, muteLength } from './mute-lengths.js';
import { clipped, queueList } from './queue-list.js';

/** What the Reported queue reads and does in the room. */
export type ReportedStore = Pick<ChatStore, '$reported' | 'moderate'>;

type Reported = ReportedResponse['reported'][number];

/**
 * Why a message was reported, for the audit trail of the decision about it: its reasons, each
 * once, with any notes ("spam, other: links to a paid answer site").
 */
function reasonsOf(reports: readonly MessageReport[]): string {
  const reasons = new Set(reports.map((report) => (report.note ? `${report.reason}: ${report.note}` : report.reason)));
  return [...reasons].join(', ').slice(0, 500);
}

/**
 * A course moderator's queue of reported messages, in the help-queue panel: each with its reasons
 * and how many reported it, and the decisions Hide or Restore, Dismiss (the reports, leaving the
 * message as it is) and Mute author for an hour, a day or a week. Loaded only for moderators.
 *
 * @tag course-chat-reported
 */
export class CourseChatReported extends RoomPart {
  static override styles = [
    sharedStyles,
    helpQueueStyles,
    css`
      :host {
        padding: 0;
        overflow: visible;
      }
      .hidden {
        color: var(--course-chat-danger);
        font-weight: 600;
      }
      .reported {
        gap: 0.25rem;
        overflow-wrap: anywhere;
      }
      .decisions,
      .mute {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .decisions {
        font-size: 0.8rem;
      }
      button,
      select {
        font: inherit;
        min-block-size: 24px;
        padding: 0.1rem 0.6rem;
        border: 1px solid var(--course-chat-control-border);
        border-radius: var(--course-chat-radius);
        background: var(--course-chat-surface);
        color: var(--course-chat-text);
        cursor: pointer;
      }
    `,
  ];

  /** The queue, and the decisions a moderator takes on it. */
  declare store?: ReportedStore;

  /** The language durations are written in; the browser's when undefined. */
  @property({ attribute: false }) locale?: string;

  readonly #reported = new StoreController(this, () => this.store?.$reported, []);

  override render() {
    const reported = this.#reported.value;
    const s = { ...reportedStrings, ...this.strings };
    return queueList(
      'reported',
      s.reportedQueue(reported.length),
      reported,
      (item) => item.message.id,
      (item) => this.#renderItem(item, s),
      s.noReported,
    );
  }

  #renderItem({ message, reports }: Reported, s: CourseChatStrings & ReportedStrings) {
    const reasons = [...new Set(reports.map((report) => s.reportReasons[report.reason]))].join(', ');
    const decide = (decision: Omit<RoomDecisionBody, 'reason'>) =>
      void this.store?.moderate({ ...decision, reason: reasonsOf(reports) });
    const name = `mute-${message.id}`;
    return html`<li class="reported">
      <strong>${message.author.name}</strong>
      <span>${clipped(message.content, 140)}</span>
      <span class="reasons"
        >${s.reportCount(reports.length)}: ${reasons}
        ${message.hidden ? html`· <span class="hidden">${s.hiddenPending}</span>` : nothing}</span
      >
      <div class="decisions">
        ${([message.hidden ? 'restore' : 'hide', 'dismiss'] as const).map(
          (action) =>
            html`<button
              type="button"
              data-decision=${action}
              @click=${() => decide({ action, message_id: message.id })}
            >
              ${s[action]}
            </button>`,
        )}
        <span class="mute">
          <label for=${name}>${s.muteFor}</label>
          <select id=${name}>
            ${muteHours.map((hours) => html`<option value=${hours}>${muteLength(hours, this.locale)}</option>`)}
          </select>
          <button
            type="button"
            data-decision="mute"
            @click=${() => {
              const hours = Number(this.renderRoot.querySelector<HTMLSelectElement>(`#${CSS.escape(name)}`)?.value);
              decide({
                action: 'mute',
                user_id: message.author.id,
                until: new Date(Date.now() + hours * 3_600_000).toISOString(),
              });
            }}
          >
            ${s.muteAuthor}
          </button>
        </span>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-reported': CourseChatReported;
  }
}

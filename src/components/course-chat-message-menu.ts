import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ReportBody, ReportReason } from '../protocol/index.js';
import type { StreamMessage } from '../state/index.js';
import type { CourseChatMessage } from './course-chat-message.js';
import { messageMenuStyles } from './course-chat-message-menu.styles.js';
import type { MessageAction, MessageActionDetails } from './events.js';
import { messageMenuStrings, type MessageMenuStrings } from './message-menu-strings.js';
import { muteHours, muteLength } from './mute-lengths.js';
import { dialogSurfaceStyles } from './dialog-surface.styles.js';
import { sharedStyles } from './shared.styles.js';
import { defaultStrings, type CourseChatStrings } from './strings.js';

/** The reasons a report may give, in the order the picker lists them. */
const reasons = Object.keys(defaultStrings.reportReasons) as ReportReason[];

type View = 'actions' | 'report' | 'delete' | 'mute';

/**
 * Every action on one message, as a modal sheet: opened by a tap or a long press on touch
 * screens, and by the row's More button. Items are at least 44 pixels tall. Report asks for a
 * reason, Delete to confirm, Mute for how long, before the action is chosen. Being a native modal
 * dialog, focus moves into it and Escape closes it. The row puts it in its shadow root when it
 * opens; closed, it leaves, gives focus back to what opened it, and has the row ask for the action.
 *
 * @tag course-chat-message-menu
 */
export class CourseChatMessageMenu extends LitElement {
  static override styles = [sharedStyles, dialogSurfaceStyles, messageMenuStyles];

  /** The row whose message's actions these are: what it shows decides what the menu offers. */
  @property({ attribute: false }) row?: CourseChatMessage;
  /** Where focus goes back to on closing: the row's More button, or the row. */
  @property({ attribute: false }) opener?: HTMLElement;

  @state() private view: View = 'actions';
  @state() private reason?: ReportReason;

  @query('dialog') private dialog!: HTMLDialogElement;
  #chosen: (() => void) | undefined;

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override updated(changed: PropertyValues): void {
    // Each step's first control takes the focus: Report's first reason, Delete's confirmation.
    if (changed.has('view')) this.renderRoot.querySelector<HTMLElement>('.sheet :is(button, input)')?.focus();
  }

  /** Closed, chosen or not: the action comes after focus is back, as it may move focus itself (Reply). */
  #closed(): void {
    this.remove();
    this.opener?.focus();
    this.#chosen?.();
  }

  #pick(action: MessageAction, details?: MessageActionDetails): void {
    this.#chosen = () => this.row?.choose(action, details);
    this.dialog.close();
  }

  /** A tap on the scrim, outside the sheet, closes the menu. */
  #clickOutside(event: MouseEvent): void {
    if (event.target === this.dialog) this.dialog.close();
  }

  override render() {
    const row = this.row;
    const message = row?.message;
    if (!row || !message) return nothing;
    const s = { ...messageMenuStrings, ...row.strings };
    const views: Record<View, (message: StreamMessage, s: Strings, row: CourseChatMessage) => unknown> = {
      actions: this.#actions,
      report: this.#report,
      delete: this.#delete,
      mute: this.#mute,
    };
    // The scrim's click is for pointers only: the keyboard closes the menu with Escape or Cancel.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<dialog
      part="dialog"
      aria-label=${s.menu(message.author.name)}
      @close=${this.#closed}
      @click=${this.#clickOutside}
    >
      <div class="sheet">
        ${views[this.view].call(this, message, s, row)}
        <button type="button" class="item cancel" @click=${() => this.dialog.close()}>${s.cancel}</button>
      </div>
    </dialog>`;
  }

  /** An item that chooses `action`; `details` are taken as it is chosen (a mute's end, from now). */
  #item(action: MessageAction, label: string, details?: () => MessageActionDetails) {
    return html`<button type="button" class="item ${action}" @click=${() => this.#pick(action, details?.())}>
      ${label}
    </button>`;
  }

  #step(view: View, label: string) {
    return html`<button type="button" class="item ${view}" @click=${() => (this.view = view)}>${label}</button>`;
  }

  #actions(message: StreamMessage, s: Strings, row: CourseChatMessage) {
    const { mine, moderator, canMarkHelpful, awarded, editWindowMs } = row;
    // What readers no longer see (deleted, or hidden from them) offers only what its author or a moderator may do.
    const shown = !message.deleted && (!message.hidden || moderator);
    const editable = Date.now() < Date.parse(message.created_at) + editWindowMs;
    return [
      shown ? this.#item('reply', s.reply) : nothing,
      shown && !mine && awarded === 0 ? this.#item('award', s.thisHelped) : nothing,
      canMarkHelpful ? this.#item('mark-helpful', s.markAnswer) : nothing,
      shown && mine && !message.is_question ? this.#item('mark-question', s.markQuestion) : nothing,
      shown && message.content
        ? html`<button type="button" class="item copy" @click=${() => this.#copy(message.content)}>
            ${s.copyText}
          </button>`
        : nothing,
      shown && mine && editable ? this.#item('edit', s.edit) : nothing,
      mine && !message.deleted ? this.#step('delete', s.delete) : nothing,
      shown && !mine ? this.#step('report', s.report) : nothing,
      moderator && !message.deleted
        ? message.hidden
          ? this.#item('restore', s.restore)
          : this.#item('hide', s.hide)
        : nothing,
      moderator && !mine ? this.#step('mute', s.muteAuthor) : nothing,
    ];
  }

  #copy(text: string): void {
    // A refused clipboard (no permission) leaves nothing to undo: the menu closes either way.
    void navigator.clipboard.writeText(text).catch(() => undefined);
    this.dialog.close();
  }

  #report(_message: StreamMessage, s: Strings) {
    const other = this.reason === 'other';
    return html`<form @submit=${this.#sendReport}>
      <fieldset>
        <legend>${s.reportWhy}</legend>
        ${reasons.map(
          (reason) =>
            html`<label class="item choice">
              <input type="radio" name="reason" value=${reason} required @change=${() => (this.reason = reason)} />
              ${s.reportReasons[reason]}
            </label>`,
        )}
      </fieldset>
      <label class="note"
        >${s.reportNote}
        <textarea name="note" maxlength="500" rows="2" ?required=${other}></textarea>
      </label>
      <button type="submit" class="item send-report">${s.sendReport}</button>
    </form>`;
  }

  #sendReport(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = form.elements.namedItem('note') as HTMLTextAreaElement;
    const note = field.value.trim();
    // A blank note is no note: Other then asks for one, as its `required` says.
    field.value = note;
    if (!this.reason || !form.reportValidity()) return;
    const report: ReportBody = note ? { reason: this.reason, note } : { reason: this.reason };
    this.#pick('report', { report });
  }

  #delete(_message: StreamMessage, s: Strings) {
    return html`<p>${s.deleteConfirm}</p>
      ${this.#item('delete', s.delete)}`;
  }

  #mute(_message: StreamMessage, s: Strings) {
    return html`<p>${s.muteFor}</p>
      ${muteHours.map((hours) =>
        this.#item('mute', muteLength(hours, this.row?.locale), () => ({
          until: new Date(Date.now() + hours * 3_600_000).toISOString(),
        })),
      )}`;
  }
}

type Strings = MessageMenuStrings & CourseChatStrings;

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-message-menu': CourseChatMessageMenu;
  }
}

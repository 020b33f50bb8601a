import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { User } from '../protocol/index.js';
import { mentionSegments, type StreamMessage } from '../state/index.js';
import { messageStyles } from './course-chat-message.styles.js';
import { sharedStyles } from './shared.styles.js';
import { CourseChatMessageActionEvent, type MessageAction, type MessageActionDetails } from './events.js';
import { avatar, profileLink } from './avatar.js';
import { formatFullTime, formatMessageTime } from './format.js';
import { defaultStrings } from './strings.js';
import { mayBeRichText, richText } from './rich-text/load.js';
import { press, rowActions } from './message-row-actions.js';

/**
 * One message of the stream: author, ST badge, time, text, and its question or delivery state.
 * Content is rendered in its own direction (`dir="auto"`): a Hebrew message reads right to left
 * in an English room and the other way round. Plain text renders as text; a message that may use
 * Markdown or math loads the rich-text renderer first (shown plain meanwhile), which builds
 * templates from a parsed tree and never markup from the text. An edited message says so beside
 * its time; a deleted one stays as "Message deleted" for its thread; a hidden one is "Removed by a
 * moderator" to its author and marked Hidden for moderators.
 *
 * Its actions (message-row-actions.ts): with a mouse, a toolbar on hover or focus ending in More;
 * on a touch screen, a tap or a long press. Both open the menu of every action
 * (course-chat-message-menu.ts), loaded on first use.
 *
 * @fires course-chat-message-action - An action on the message was chosen (reply, retry a failed send, ...).
 * @fires course-chat-navigate - The author's name or avatar was chosen (`profile` or `st-profile`). Cancelable; otherwise `profile-href` is followed.
 * @csspart row - The message's row.
 *
 * @tag course-chat-message
 */
export class CourseChatMessage extends LitElement {
  static override styles = [sharedStyles, messageStyles];

  /** The message to show. */
  @property({ attribute: false }) message?: StreamMessage;

  /** Follows a message by the same author: shown without avatar and name. */
  @property({ type: Boolean, reflect: true }) continued = false;

  /** The message is the signed-in user's own. */
  @property({ type: Boolean }) mine = false;

  /** The signed-in user may mark this reply as the answer that helped (asker of its question, or ST). */
  @property({ type: Boolean, attribute: 'can-mark-helpful' }) canMarkHelpful = false;

  /**
   * "This Helped!" shows on the row: a reply in a question's thread, by someone else. Any other
   * message of someone else offers it in its menu only.
   */
  @property({ type: Boolean, attribute: 'offer-award' }) offerAward = false;

  /** The signed-in user moderates the course: the menu has Hide or Restore, and Mute the author. */
  @property({ type: Boolean }) moderator = false;

  /** How long after sending its author may edit a message (the room's `edit_window_ms`). */
  @property({ type: Number }) editWindowMs = 0;

  /** The author's profile page; without it their name and avatar are not links. */
  @property({ attribute: 'profile-href' }) profileHref = '';

  /** The room's people by id, for the names of those the message mentions. */
  @property({ attribute: false }) people?: ReadonlyMap<string, User>;

  /** The message mentions the signed-in user: it is marked for them. */
  @property({ type: Boolean, reflect: true, attribute: 'mentions-me' }) mentionsMe = false;

  /**
   * The row the keyboard is on in the stream: the one tab stop among the rows, with its actions
   * after it. Arrow keys move between rows (see `<course-chat>`).
   */
  @property({ type: Boolean }) active = false;

  /** Points the signed-in user awarded this message, if any. */
  @property({ type: Number }) awarded = 0;

  /** Milliseconds since the epoch that relative times are measured from. */
  @property({ attribute: false }) now = Date.now();

  /** The texts to show (`<course-chat>` passes its own down). */
  @property({ attribute: false }) strings = defaultStrings;

  /** The language times are written in; the browser's when undefined. */
  @property({ attribute: false }) locale?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    // One article per message, so screen readers can move message by message.
    if (!this.hasAttribute('role')) this.setAttribute('role', 'article');
  }

  /** The message's full date and time, for its name and its time's tooltip. */
  #fullTime = '';

  protected override willUpdate(): void {
    this.tabIndex = this.active ? 0 : -1;
    const message = this.message;
    if (!message) return;
    this.#fullTime = formatFullTime(message.created_at, this.locale);
    this.setAttribute('aria-label', `${message.author.name}, ${this.#fullTime}`);
  }

  override render() {
    const message = this.message;
    if (!message) return nothing;
    const { author } = message;
    const s = this.strings;
    const classes = ['row', this.continued ? 'continued' : '', message.delivery].join(' ');
    const edited = message.edited_at
      ? html`<span class="edited" title=${formatFullTime(message.edited_at, this.locale)}>${s.edited}</span>`
      : nothing;
    const header = this.continued
      ? nothing
      : html`<div class="meta">
          ${profileLink(author, this.profileHref, html`<span class="name">${author.name}</span>`, false, this.active)}
          ${
            author.is_student_teacher
              ? html`<span class="badge" title=${s.stTitle}
                  ><span aria-hidden="true">${s.st}</span><span class="visually-hidden">${s.stName}</span></span
                >`
              : nothing
          }
          <time datetime=${message.created_at} title=${this.#fullTime}
            >${formatMessageTime(message.created_at, this.now, this.locale)}</time
          >
          ${edited} ${message.hidden && this.moderator ? html`<span class="hidden-label">${s.hidden}</span>` : nothing}
        </div>`;
    return html`<div part="row" class=${classes} @pointerdown=${(event: PointerEvent) => press(this, event)}>
      ${this.continued ? html`<span></span>` : profileLink(author, this.profileHref, avatar(author), true)}
      <div class="body">
        ${header} ${this.#questionLabel(message)} ${this.#body(message)} ${this.continued ? edited : nothing}
        ${message.helpful_points > 0 ? html`<span class="points">${s.earned(message.helpful_points)}</span>` : nothing}
        ${this.#delivery(message)}
        ${message.delivery === 'sent' && !this.#gone(message) ? rowActions(this, message) : nothing}
      </div>
    </div>`;
  }

  /** What readers no longer see: deleted, or (for its author) removed by a moderator. */
  #gone(message: StreamMessage): boolean {
    return message.deleted === true || (message.hidden === true && !this.moderator);
  }

  #mentionsMe() {
    return this.mentionsMe ? html`<span class="visually-hidden">${this.strings.mentionsYou}</span>` : nothing;
  }

  #body(message: StreamMessage) {
    if (this.#gone(message))
      return html`<p class="content gone">${message.deleted ? this.strings.deleted : this.strings.removed}</p>`;
    const renderer = mayBeRichText(message.content) ? richText.get() : undefined;
    if (!renderer) {
      if (mayBeRichText(message.content)) void richText.load(this);
      return html`<p class="content" dir="auto">${this.#mentionsMe()}${this.#marked(message.content, message)}</p>`;
    }
    renderer.adoptRichTextStyles(this.renderRoot as ShadowRoot);
    const { copyCode, mathError } = this.strings;
    const text = (run: string) => this.#marked(run, message);
    return html`<div class="content rich" dir="auto">
      ${this.#mentionsMe()}${renderer.renderRichText(message.content, { text, active: this.active, copyCode, mathError })}
    </div>`;
  }

  /** A run of the message's text, with the names it mentions marked. */
  #marked(text: string, message: StreamMessage) {
    if (message.mentions.length === 0 || !this.people) return text;
    return mentionSegments(text, message.mentions, this.people).map((segment) =>
      segment.mention === undefined ? segment.text : html`<mark class="mention">${segment.text}</mark>`,
    );
  }

  #questionLabel(message: StreamMessage) {
    if (!message.is_question) return nothing;
    const answered = message.question_status === 'answered';
    return html`<span class="question-label ${answered ? 'answered' : ''}"
      >${answered ? this.strings.answeredQuestion : this.strings.question}</span
    >`;
  }

  /** Opens the menu of every action on the message; focus goes back to `opener` when it closes. */
  openMenu(opener: HTMLElement): void {
    const message = this.message;
    // A message still on its way has no actions yet, a deleted one none; removed, its author may delete it.
    if (
      !message ||
      !this.isConnected ||
      message.delivery !== 'sent' ||
      message.deleted ||
      (this.#gone(message) && !this.mine)
    )
      return;
    // The menu takes it from here (defined with the row, lazy.ts): the row need not render again.
    this.renderRoot.append(Object.assign(document.createElement('course-chat-message-menu'), { row: this, opener }));
  }

  /** Asks the room to do `action` on the message (from its toolbar, or its menu). */
  choose(action: MessageAction, details?: MessageActionDetails): void {
    if (this.message) this.dispatchEvent(new CourseChatMessageActionEvent(action, this.message.id, details));
  }

  #delivery(message: StreamMessage) {
    if (message.delivery === 'pending') return html`<span class="delivery">${this.strings.sending}</span>`;
    if (message.delivery === 'failed')
      return html`<span class="delivery failed" role="alert"
        >${this.strings.notSent}
        <button
          type="button"
          tabindex=${this.active ? nothing : '-1'}
          @click=${() => this.dispatchEvent(new CourseChatMessageActionEvent('retry', message.id))}
        >
          ${this.strings.retry}
        </button></span
      >`;
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-message': CourseChatMessage;
  }
}

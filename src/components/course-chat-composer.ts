import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { normaliseContent, textLength } from '../protocol/index.js';
import type { ChatStore, StreamMessage } from '../state/index.js';
import { composerStyles } from './course-chat-composer.styles.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';
import { ComposerFormatController } from './composer-format-controller.js';
import { ComposerModerationController, type ComposerModerationStore } from './composer-moderation-controller.js';
import { ComposerSuggestions } from './composer-suggestions.js';
import { composerModerationStrings } from './composer-moderation-strings.js';
import { excerpt } from './format.js';
import { composerStrings } from './composer-strings.js';
import { suggestionStrings } from './suggestion-strings.js';

/** What the composer reads and does in the room: the draft, the cooldown, mentions, sending, editing. */
export type ComposerStore = ComposerModerationStore &
  Pick<
    ChatStore,
    | '$draft'
    | '$cooldownUntil'
    | '$messages'
    | '$people'
    | '$presence'
    | '$room'
    | 'setDraft'
    | 'typing'
    | 'send'
    | 'search'
  >;

/**
 * The message composer: text, the "Ask Question" toggle, Send, and the character-limit indicator.
 * Enter sends; Shift+Enter starts a new line. While a question is being written, up to three
 * similar questions already asked in the room are offered, each a link to it. Typing `@` offers
 * the room's people (online first): arrows move, Enter or Tab picks, Escape closes; the message
 * is sent with the ids of the people still named in it. It edits one of the user's own messages
 * when asked to (Enter saves, Escape cancels), and says until when while a moderator muted them.
 *
 * @fires course-chat-jump - A similar question was chosen: the room shows it.
 * @csspart input - The text area.
 * @csspart send - The Send button.
 *
 * @tag course-chat-composer
 */
export class CourseChatComposer extends RoomPart {
  static override styles = [sharedStyles, composerStyles];

  /** The room's store: the composer sends through it and keeps the draft in it. */
  declare store?: ComposerStore;

  /** The message being answered; the next send replies to it. */
  @property({ attribute: false }) replyTo?: StreamMessage;

  /** Longest message the room accepts. */
  @property({ type: Number, attribute: 'max-length' }) maxLength = 2000;

  @state() private text = '';
  @state() private asking = false;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  /** The preview of the draft and the shortcuts for code. */
  readonly #format = new ComposerFormatController(this);
  readonly #moderation = new ComposerModerationController(this, {
    store: () => this.store,
    setText: (text) => (this.text = text),
  });
  readonly #suggestions = new ComposerSuggestions(this, {
    store: () => this.store,
    text: () => this.text,
    caret: () => this.textarea?.selectionStart ?? this.text.length,
    replace: (text, caret) => {
      this.#write(text);
      void this.updateComplete.then(() => this.textarea?.setSelectionRange(caret, caret));
    },
  });

  #restoredFrom?: ComposerStore;
  #cooldownTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #cooldownUntil = new StoreController(this, () => this.store?.$cooldownUntil, 0);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#cooldownTimer);
  }

  /** Milliseconds left of the anti-spam cooldown; schedules the re-render that ends it. */
  #cooldownLeft(): number {
    const left = this.#cooldownUntil.value - Date.now();
    clearTimeout(this.#cooldownTimer);
    if (left > 0) this.#cooldownTimer = setTimeout(() => this.requestUpdate(), Math.min(left, 1000));
    return Math.max(0, left);
  }

  override willUpdate(): void {
    // A new room's store brings its own saved draft.
    if (this.store && this.store !== this.#restoredFrom) {
      this.#restoredFrom = this.store;
      this.text = this.store.$draft.get();
    }
  }

  /** Moves focus to the text area. */
  override focus(): void {
    this.textarea?.focus();
  }

  override render() {
    // Counted as the backend counts it: code points of the normalised text.
    const length = textLength(normaliseContent(this.text));
    const over = length > this.maxLength;
    const near = !over && length > this.maxLength * 0.9;
    const cooldown = this.#cooldownLeft();
    const s = { ...composerStrings, ...composerModerationStrings, ...suggestionStrings, ...this.strings };
    const editing = this.#moderation.editing;
    return (
      this.#moderation.renderMuted(s) ??
      html`<form @submit=${this.#submit}>
        ${this.#moderation.renderEditing(s)}
        ${
          this.replyTo && !editing
            ? html`<div class="replying">
                <span><strong>${s.replyingTo(this.replyTo.author.name)}</strong> ${excerpt(this.replyTo.content)}</span>
                <button type="button" class="cancel" @click=${() => (this.replyTo = undefined)}>
                  ${s.cancelReply}
                </button>
              </div>`
            : nothing
        }
        <label class="visually-hidden" for="message">${s.message}</label>
        <textarea
          id="message"
          part="input"
          rows="1"
          placeholder=${this.asking ? s.askPlaceholder : s.placeholder}
          .value=${this.text}
          aria-describedby="count"
          aria-invalid=${String(over)}
          aria-autocomplete="list"
          aria-controls=${this.#suggestions.listId ?? nothing}
          aria-activedescendant=${this.#suggestions.activeId ?? nothing}
          @input=${this.#input}
          @keydown=${this.#keydown}
          @blur=${() => this.#suggestions.close()}
        ></textarea>
        <button class="send" part="send" type="submit" ?disabled=${length === 0 || over || (!editing && cooldown > 0)}>
          ${editing ? s.save : cooldown > 0 ? s.wait(Math.ceil(cooldown / 1000)) : s.send}
        </button>
        ${this.#suggestions.renderMentions(s)} ${this.#suggestions.renderSimilar(this.asking, s)}
        ${this.#format.renderPreview(this.text, s)}
        <div class="tools">
          <button
            class="ask"
            type="button"
            aria-pressed=${String(this.asking)}
            @click=${() => {
              this.asking = !this.asking;
              this.#suggestions.changed(this.asking);
            }}
          >
            <span aria-hidden="true">?</span> ${s.ask}
          </button>
          ${this.#format.renderToggle(s)}
          <span
            id="count"
            class="count ${over ? 'over' : near ? 'near' : ''}"
            aria-label=${s.characters(length, this.maxLength)}
            >${length} / ${this.maxLength}</span
          >
        </div>
      </form>`
    );
  }

  #input(event: InputEvent): void {
    this.#write((event.target as HTMLTextAreaElement).value);
    if (this.text.length > 0) this.store?.typing();
    this.#suggestions.changed(this.asking);
  }

  /** The text as typed or picked: the draft, unless it is a message being edited (which is none). */
  #write(text: string): void {
    this.text = text;
    if (!this.#moderation.editing) this.store?.setDraft(text);
  }

  #keydown(event: KeyboardEvent): void {
    if (this.#suggestions.keydown(event) || this.#moderation.keydown(event)) return;
    if (this.textarea && this.#format.keydown(event, this.textarea)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#send();
    }
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    this.#send();
  }

  #send(): void {
    const content = normaliseContent(this.text);
    const length = textLength(content);
    if (!this.store || length === 0 || length > this.maxLength) return;
    if (this.#moderation.save(content) || this.#cooldownLeft() > 0) return;
    // The session leaves out of the body a reply to nothing and an empty list of mentions.
    this.store.send(content, {
      isQuestion: this.asking,
      replyToId: this.replyTo?.id,
      mentions: this.#suggestions.takeMentions(content),
    });
    this.text = '';
    this.asking = false;
    this.replyTo = undefined;
    this.store.setDraft('');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-composer': CourseChatComposer;
  }
}

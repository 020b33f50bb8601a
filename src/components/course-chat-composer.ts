import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { similarQuestions, type ChatStore, type StreamMessage } from '../state/index.js';
import { CourseChatJumpEvent } from './events.js';
import { composerStyles } from './course-chat-composer.styles.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * The message composer: text, the "Ask Question" toggle, Send, and the character-limit indicator.
 * Enter sends; Shift+Enter starts a new line. While a question is being written, up to three
 * similar questions already asked in the room are offered, each a link to it.
 *
 * @fires course-chat-jump - A similar question was chosen: the room shows it.
 * @csspart input - The text area.
 * @csspart send - The Send button.
 *
 * @tag course-chat-composer
 */
export class CourseChatComposer extends LitElement {
  static override styles = [sharedStyles, composerStyles];

  /** The room's store: the composer sends through it and keeps the draft in it. */
  @property({ attribute: false }) store?: ChatStore;

  /** The message being answered; the next send replies to it. */
  @property({ attribute: false }) replyTo?: StreamMessage;

  /** Longest message the room accepts. */
  @property({ type: Number, attribute: 'max-length' }) maxLength = 2000;

  @state() private text = '';
  @state() private asking = false;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  #restoredFrom?: ChatStore;
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
    const length = this.text.trim().length;
    const over = length > this.maxLength;
    const near = !over && length > this.maxLength * 0.9;
    const counter = `${length} / ${this.maxLength}`;
    const cooldown = this.#cooldownLeft();
    return html`<form @submit=${this.#submit}>
      ${
        this.replyTo
          ? html`<div class="replying">
              <span>Replying to <strong>${this.replyTo.author.name}</strong>: ${excerpt(this.replyTo.content)}</span>
              <button type="button" class="cancel" @click=${() => (this.replyTo = undefined)}>Cancel reply</button>
            </div>`
          : nothing
      }
      <label class="visually-hidden" for="message">Message</label>
      <textarea
        id="message"
        part="input"
        rows="1"
        placeholder=${this.asking ? 'Ask your question…' : 'Write a message…'}
        .value=${this.text}
        aria-describedby="count"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${this.#input}
        @keydown=${this.#keydown}
      ></textarea>
      <button class="send" part="send" type="submit" ?disabled=${length === 0 || over || cooldown > 0}>
        ${cooldown > 0 ? `Wait ${Math.ceil(cooldown / 1000)}s` : 'Send'}
      </button>
      ${this.#renderSimilar()}
      <div class="tools">
        <button
          class="ask"
          type="button"
          aria-pressed=${this.asking ? 'true' : 'false'}
          @click=${() => (this.asking = !this.asking)}
        >
          <span aria-hidden="true">?</span> Ask Question
        </button>
        <span id="count" class="count ${over ? 'over' : near ? 'near' : ''}" aria-label="${counter} characters"
          >${counter}</span
        >
      </div>
    </form>`;
  }

  #renderSimilar() {
    if (!this.asking || !this.store) return nothing;
    const similar = similarQuestions(this.text, this.store.$messages.get());
    if (similar.length === 0) return nothing;
    return html`<div class="similar" role="region" aria-label="Similar questions">
      <span>Similar questions already asked:</span>
      <ul>
        ${similar.map(
          (question) =>
            html`<li>
              <button type="button" @click=${() => this.dispatchEvent(new CourseChatJumpEvent(question.id))}>
                ${excerpt(question.content)}
              </button>
              ${question.question_status === 'answered' ? html`<span class="answered">answered</span>` : nothing}
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #input(event: InputEvent): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.store?.setDraft(this.text);
    if (this.text.length > 0) this.store?.typing();
  }

  #keydown(event: KeyboardEvent): void {
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
    const content = this.text.trim();
    if (!this.store || content.length === 0 || content.length > this.maxLength || this.#cooldownLeft() > 0) return;
    this.store.send(content, {
      isQuestion: this.asking,
      ...(this.replyTo ? { replyToId: this.replyTo.id } : {}),
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

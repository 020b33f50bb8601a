import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SearchResult } from '../protocol/index.js';
import type { ChatStore } from '../state/index.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { searchStyles } from './course-chat-search.styles.js';
import { headerToggleStyles } from './header-toggle.styles.js';
import { CourseChatJumpEvent } from './events.js';
import { formatFullTime } from './format.js';
import { searchStrings } from './search-strings.js';

/** What the search uses of the room's session. */
export type SearchStore = Pick<ChatStore, 'search'>;

/**
 * Search in the room's whole history, from the header: a field whose results (answered questions
 * first) a click or Enter shows in the stream, where the stream loads older pages as far back as
 * the message is. Results are read as text, their matching words marked.
 *
 * @fires course-chat-jump - A result was chosen: the room shows that message.
 *
 * @tag course-chat-search
 */
export class CourseChatSearch extends RoomPart {
  static override styles = [sharedStyles, headerToggleStyles, searchStyles];

  /** The room's session. */
  declare store?: SearchStore;

  /** The language times are written in; the browser's when undefined. */
  @property({ attribute: false }) locale?: string;

  @state() private open = false;
  @state() private results: readonly SearchResult[] = [];
  @state() private searched = '';
  @state() private next: string | null = null;
  /** A page of results on its way, or the last one that failed to come. */
  @state() private request: 'loading' | 'failed' | undefined;

  @query('input') private input?: HTMLInputElement;
  @query('.toggle') private toggleButton?: HTMLButtonElement;

  /** The latest search: an answer to an earlier one arriving late is dropped. */
  #generation = 0;

  override render() {
    const s = { ...searchStrings, ...this.strings };
    const status =
      this.request === 'failed'
        ? s.searchFailed
        : this.request && this.results.length === 0
          ? s.searching
          : this.searched && s.resultCount(this.results.length, this.next !== null, this.searched);
    return html`<button
        class="toggle"
        type="button"
        aria-expanded=${String(this.open)}
        aria-controls="search-panel"
        @click=${() => {
          this.open = !this.open;
          if (this.open) void this.updateComplete.then(() => this.input?.focus());
        }}
      >
        <svg class="icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8" cy="8" r="5.5" />
          <path d="m12 12 5 5" />
        </svg>
        ${s.search}
      </button>
      ${
        this.open
          ? html`<div id="search-panel" class="panel" @keydown=${this.#keydown}>
              <form role="search" @submit=${this.#submit}>
                <label class="visually-hidden" for="q">${s.searchLabel}</label>
                <input id="q" type="search" autocomplete="off" placeholder=${s.searchLabel} maxlength="200" />
                <button type="submit">${s.search}</button>
              </form>
              <p class="status" role="status">${status}</p>
              ${
                this.results.length > 0
                  ? html`<ul class="results" aria-label=${s.searchResults}>
                      ${this.results.map((result) => this.#result(result))}
                    </ul>`
                  : nothing
              }
              ${
                this.next
                  ? html`<button
                      type="button"
                      class="more"
                      ?disabled=${this.request === 'loading'}
                      @click=${() => this.next && this.#load(this.searched, this.next)}
                    >
                      ${s.moreResults}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  #result({ message, excerpt }: SearchResult) {
    const answered = message.is_question && message.question_status === 'answered';
    let at = 0;
    const parts: unknown[] = [];
    for (const { start, end } of excerpt.highlights) {
      parts.push(excerpt.text.slice(at, start), html`<mark>${excerpt.text.slice(start, end)}</mark>`);
      at = end;
    }
    parts.push(excerpt.text.slice(at));
    return html`<li>
      <button type="button" class="result" @click=${() => this.dispatchEvent(new CourseChatJumpEvent(message.id))}>
        <span class="meta"
          ><span class="name">${message.author.name}</span>
          <time datetime=${message.created_at}>${formatFullTime(message.created_at, this.locale)}</time>
          ${answered ? html`<span class="answered">${this.strings.answeredQuestion}</span>` : nothing}</span
        >
        <span class="excerpt" dir="auto">${parts}</span>
      </button>
    </li>`;
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    void this.updateComplete.then(() => this.toggleButton?.focus());
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const q = this.input?.value.trim() ?? '';
    if (!q) return;
    this.results = [];
    this.next = null;
    this.searched = q;
    void this.#load(q);
  }

  async #load(q: string, before?: string): Promise<void> {
    if (!this.store) return;
    const generation = ++this.#generation;
    this.request = 'loading';
    try {
      const page = await this.store.search(q, before);
      if (generation !== this.#generation) return;
      this.results = [...this.results, ...page.results];
      this.next = page.next_before;
      this.request = undefined;
    } catch {
      if (generation === this.#generation) this.request = 'failed';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-search': CourseChatSearch;
  }
}

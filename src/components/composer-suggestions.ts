import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatMessage, User } from '../protocol/index.js';
import { mentionCandidates, mentionQueryAt, similarQuestions, similarSearchQuery } from '../state/index.js';
import type { ComposerStore } from './course-chat-composer.js';
import { CourseChatJumpEvent } from './events.js';
import { excerpt } from './format.js';
import type { CourseChatStrings } from './strings.js';
import type { SuggestionStrings } from './suggestion-strings.js';

/** How long the draft must rest before the room's search is asked: not on every keystroke. */
const restMs = 400;

export interface SuggestionsOptions {
  store(): ComposerStore | undefined;
  /** The draft and where the caret is in it. */
  text(): string;
  caret(): number;
  /** Puts `text` in the text area, the caret at `caret`. */
  replace(text: string, caret: number): void;
}

/**
 * What the composer offers as one writes (its styles are the composer's): the room's people after
 * `@` (arrows move, Enter or Tab picks, Escape closes), and, while a question is being written, up
 * to three similar questions already asked, each a link to it.
 */
export class ComposerSuggestions implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SuggestionsOptions;
  /**
   * Questions from the room's whole history that may answer the one being asked: the backend's
   * search for the draft's most telling words, so an answered question from weeks ago is offered
   * though it is not loaded. They are ranked with the loaded ones (`similarQuestions`).
   */
  #found: readonly ChatMessage[] = [];
  /** The search last asked for them, and the wait for the draft to rest before the next. */
  #asked = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** People offered for the `@name` being typed; empty when no suggestion list is open. */
  #people: User[] = [];
  #active = 0;
  /** Where the `@` of the name being typed is. */
  #mentionStart = 0;
  /** People picked from the suggestions, by the `@Name` text inserted for them. */
  readonly #picked = new Map<string, string>();

  constructor(host: ReactiveControllerHost & HTMLElement, options: SuggestionsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** The open list's id and its chosen option's, for the text area's ARIA; none while closed. */
  get listId(): string | undefined {
    return this.#people.length > 0 ? 'mentions' : undefined;
  }

  get activeId(): string | undefined {
    return this.#people.length > 0 ? `mention-${this.#active}` : undefined;
  }

  /** Call as the draft changes: the `@name` at the caret, and similar questions while asking. */
  changed(asking: boolean): void {
    this.#searchSimilar(asking);
    this.#suggest();
  }

  /** Asks the room's search for questions like the one being asked, once the draft rests. */
  #searchSimilar(asking: boolean): void {
    clearTimeout(this.#timer);
    const q = asking ? similarSearchQuery(this.#options.text()) : '';
    if (q === this.#asked) return;
    if (!q) {
      this.#asked = '';
      this.#found = [];
      return;
    }
    this.#timer = setTimeout(async () => {
      const store = this.#options.store();
      if (!store) return;
      this.#asked = q;
      try {
        const { results } = await store.search(q);
        if (q !== this.#asked) return;
        this.#found = results.map((result) => result.message).filter((message) => message.is_question);
        this.#host.requestUpdate();
      } catch {
        // Without the search the loaded questions are still offered.
      }
    }, restMs);
  }

  close(): void {
    this.#show([]);
  }

  /** The ids of the people picked who are still named in `content`; the next message starts afresh. */
  takeMentions(content: string): string[] {
    const mentions = [...this.#picked].filter(([tag]) => content.includes(tag)).map(([, id]) => id);
    this.#picked.clear();
    return mentions;
  }

  /** Arrows, Enter, Tab and Escape belong to the suggestion list while it is open. */
  keydown(event: KeyboardEvent): boolean {
    const count = this.#people.length;
    if (count === 0 || event.isComposing) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#active = (this.#active + step + count) % count;
      this.#host.requestUpdate();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const person = this.#people[this.#active];
      if (person) this.#pick(person);
    } else if (event.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    event.preventDefault();
    // Escape here closes the list, not a dialog or anything else around the element.
    event.stopPropagation();
    return true;
  }

  #show(people: User[]): void {
    this.#people = people;
    this.#active = 0;
    this.#host.requestUpdate();
  }

  #suggest(): void {
    const store = this.#options.store();
    const typed = mentionQueryAt(this.#options.text(), this.#options.caret());
    if (!typed || !store) {
      if (this.#people.length > 0) this.close();
      return;
    }
    this.#mentionStart = typed.start;
    this.#show(mentionCandidates(typed.query, store.$people.get(), store.$presence.get(), store.$room.get()?.me.id));
  }

  #pick(person: User): void {
    const text = this.#options.text();
    const tag = `@${person.name}`;
    this.#picked.set(tag, person.id);
    this.close();
    this.#options.replace(
      `${text.slice(0, this.#mentionStart)}${tag} ${text.slice(this.#options.caret())}`,
      this.#mentionStart + tag.length + 1,
    );
  }

  renderMentions(s: CourseChatStrings & SuggestionStrings) {
    if (this.#people.length === 0) return nothing;
    return html`<ul id="mentions" class="mentions" role="listbox" aria-label=${s.mentionList}>
      ${this.#people.map(
        (person, index) =>
          html`<li
            id="mention-${index}"
            role="option"
            aria-selected=${String(index === this.#active)}
            @mousedown=${(event: MouseEvent) => {
              // Keeps focus (and the caret) in the text area.
              event.preventDefault();
              this.#pick(person);
            }}
          >
            ${person.name}${person.is_student_teacher ? html` <span class="st">${s.st}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  renderSimilar(asking: boolean, s: CourseChatStrings & SuggestionStrings) {
    const store = this.#options.store();
    if (!asking || !store) return nothing;
    const known = new Map([...store.$messages.get(), ...this.#found].map((m) => [m.id, m]));
    const similar = similarQuestions(this.#options.text(), [...known.values()]);
    if (similar.length === 0) return nothing;
    return html`<div class="similar" role="region" aria-labelledby="similar">
      <span id="similar">${s.similar}</span>
      <ul>
        ${similar.map(
          (question) =>
            html`<li>
              <button type="button" @click=${() => this.#host.dispatchEvent(new CourseChatJumpEvent(question.id))}>
                ${excerpt(question.content)}
              </button>
              ${question.question_status === 'answered' ? html`<span class="answered">${s.answered}</span>` : nothing}
            </li>`,
        )}
      </ul>
    </div>`;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { similarSearchQuery, type ChatStore } from '../state/index.js';
import type { ChatMessage } from '../protocol/index.js';

/** How long the draft must rest before the room's search is asked: not on every keystroke. */
const restMs = 400;

/**
 * Questions from the room's whole history that may answer the one being asked: the backend's
 * search for the draft's most telling words, so an answered question from weeks ago is offered
 * though it is not loaded. The composer ranks them with the loaded ones (`similarQuestions`).
 */
export class SimilarSearchController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: () => Pick<ChatStore, 'search'> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = '';
  /** Questions the last search found. */
  found: readonly ChatMessage[] = [];

  constructor(host: ReactiveControllerHost, store: () => Pick<ChatStore, 'search'> | undefined) {
    this.#host = host;
    this.#store = store;
    host.addController(this);
  }

  /** Call as the draft changes; searches once it rests, when asking a question. */
  draftChanged(draft: string, asking: boolean): void {
    clearTimeout(this.#timer);
    const q = asking ? similarSearchQuery(draft) : '';
    if (q === this.#asked) return;
    if (!q) {
      this.#asked = '';
      this.found = [];
      return;
    }
    this.#timer = setTimeout(() => void this.#search(q), restMs);
  }

  async #search(q: string): Promise<void> {
    const store = this.#store();
    if (!store) return;
    this.#asked = q;
    try {
      const { results } = await store.search(q);
      if (q !== this.#asked) return;
      this.found = results.map((result) => result.message).filter((message) => message.is_question);
      this.#host.requestUpdate();
    } catch {
      // Without the search the loaded questions are still offered.
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}

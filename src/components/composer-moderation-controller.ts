import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../protocol/index.js';
import type { ChatStore } from '../state/index.js';
import type { ComposerModerationStrings } from './composer-moderation-strings.js';
import { localeOf } from './format.js';
import { StoreController } from './store-controller.js';
import type { CourseChatStrings } from './strings.js';

/** What the composer's moderation reads and does in the room. */
export type ComposerModerationStore = Pick<
  ChatStore,
  '$editing' | '$mutedUntil' | '$room' | '$draft' | 'edit' | 'cancelEdit'
>;

export interface ComposerModerationOptions {
  store(): ComposerModerationStore | undefined;
  /** Replaces the composer's text (the draft is not touched). */
  setText(text: string): void;
}

/** "15:30" today, or with its date another day, in `locale`. */
function timeOf(at: Date, locale: string | undefined): string {
  const today = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { hour: 'numeric', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}

type Strings = CourseChatStrings & ComposerModerationStrings;

/**
 * The composer under moderation: muted, it only says until when; editing one of the user's own
 * messages, it holds that message's text (the draft waits in the store), Enter saves, Escape or Cancel
 * gives the draft back, and it shows until when the message may still be edited.
 */
export class ComposerModerationController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ComposerModerationOptions;
  readonly #editing: StoreController<ChatMessage | null>;
  readonly #muted: StoreController<string | null>;
  /** The message the composer holds the text of. */
  #held: ChatMessage | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ComposerModerationOptions) {
    this.#host = host;
    this.#options = options;
    this.#editing = new StoreController(host, () => options.store()?.$editing, null);
    this.#muted = new StoreController(host, () => options.store()?.$mutedUntil, null);
    host.addController(this);
  }

  /** The message being edited, if any. */
  get editing(): ChatMessage | null {
    return this.#editing.value;
  }

  hostUpdate(): void {
    const editing = this.editing;
    if (editing?.id === this.#held?.id) return;
    this.#held = editing;
    this.#options.setText(editing ? editing.content : (this.#options.store()?.$draft.get() ?? ''));
    // The menu that began the editing closes: the text to edit is where to type next.
    if (editing) void this.#host.updateComplete.then(() => this.#host.focus());
  }

  /** Escape ends the editing; whether it did. */
  keydown(event: KeyboardEvent): boolean {
    if (event.key !== 'Escape' || !this.editing) return false;
    event.preventDefault();
    event.stopPropagation();
    this.#options.store()?.cancelEdit();
    return true;
  }

  /** Saves `content` as the edited message's new text; whether the composer was editing. */
  save(content: string): boolean {
    const editing = this.editing;
    if (editing && content !== editing.content) void this.#options.store()?.edit(editing.id, content);
    else if (editing) this.#options.store()?.cancelEdit();
    return editing !== null;
  }

  /** "A moderator muted you in this course until 15:30.", which stands instead of the composer; none when not muted. */
  renderMuted(s: Strings) {
    const until = this.#muted.value;
    return until
      ? html`<div class="replying" role="status">${s.mutedUntil(timeOf(new Date(until), localeOf(this.#host)))}</div>`
      : undefined;
  }

  /** "Editing message · You can edit until 14:20. · Cancel", above the text while editing. */
  renderEditing(s: Strings) {
    const editing = this.editing;
    const windowMs = this.#options.store()?.$room.get()?.limits.edit_window_ms;
    if (!editing || windowMs === undefined) return nothing;
    const end = new Date(Date.parse(editing.created_at) + windowMs);
    return html`<div class="replying editing">
      <span><strong>${s.editing}</strong> ${s.editUntil(timeOf(end, localeOf(this.#host)))}</span>
      <button type="button" class="cancel" @click=${() => this.#options.store()?.cancelEdit()}>${s.cancel}</button>
    </div>`;
  }
}

import { html, nothing, type ReactiveControllerHost } from 'lit';
import { richText } from './rich-text/load.js';
import type { ComposerStrings } from './composer-strings.js';
import type { CourseChatStrings } from './strings.js';

/**
 * The composer's Markdown help: a preview of the draft as it will show (the renderer loads the
 * first time it is turned on), and keyboard shortcuts for code: Ctrl/⌘+E puts the selection in
 * backticks, Ctrl/⌘+Shift+E in a fenced block. A shortcut edits the textarea as typing would (an
 * `input` event), so the draft, the count and typing notices follow as they do for keys.
 */
export class ComposerFormatController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #previewing = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
  }

  /** Handles a code shortcut in `textarea`; says whether it did. */
  keydown(event: KeyboardEvent, textarea: HTMLTextAreaElement): boolean {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'e') return false;
    event.preventDefault();
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const selected = value.slice(start, end);
    if (event.shiftKey) {
      const before = start > 0 && value[start - 1] !== '\n' ? '\n' : '';
      const opening = `${before}\`\`\`\n`;
      textarea.setRangeText(`${opening}${selected}\n\`\`\`\n`, start, end, 'end');
      textarea.setSelectionRange(start + opening.length, start + opening.length + selected.length);
    } else {
      textarea.setRangeText(`\`${selected}\``, start, end, 'end');
      textarea.setSelectionRange(start + 1, start + 1 + selected.length);
    }
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }

  renderToggle(s: CourseChatStrings & ComposerStrings) {
    return html`<button
      class="preview-toggle"
      type="button"
      aria-pressed=${String(this.#previewing)}
      aria-controls=${this.#previewing ? 'preview' : nothing}
      title=${s.codeShortcuts}
      @click=${() => {
        this.#previewing = !this.#previewing;
        if (this.#previewing) void richText.load(this.#host);
        this.#host.requestUpdate();
      }}
    >
      ${s.preview}
    </button>`;
  }

  /** The draft as it will show, once the renderer has loaded. */
  renderPreview(text: string, s: CourseChatStrings & ComposerStrings) {
    const renderer = this.#previewing ? richText.get() : undefined;
    const root = this.#host.shadowRoot;
    return renderer && root ? renderer.renderPreview(root, text, s) : nothing;
  }
}

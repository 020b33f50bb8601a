import type { ReactiveControllerHost } from 'lit';

/** A row: an element showing the item with this id. */
export type Row = HTMLElement & { readonly message?: { readonly id: string } };

export interface RovingRowsOptions {
  /** The rows as rendered now, in reading order. */
  rows(): Row[];
  /** How many rows Page Up and Page Down move. */
  page(): number;
  /** Brings in what lies before the first row, as the reader goes above it, if there is more. */
  before(): Promise<unknown> | undefined;
}

/**
 * One message row in the tab order, moved by the keyboard (as Material Web's ListController does
 * for list items): arrow keys, Home, End, Page Up and Page Down move between rows, and Tab reaches
 * the row's own actions. The rows are the host's to render; this tracks which one is active.
 */
export class RovingRowsController {
  /** The row the reader chose: by keyboard, pointer or Tab. */
  #chosen = '';
  readonly #host: ReactiveControllerHost;
  readonly #options: RovingRowsOptions;

  constructor(host: ReactiveControllerHost, options: RovingRowsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The row the keyboard is on: the chosen one while it is rendered, else the newest rendered. */
  activeAmong(rendered: readonly string[]): string {
    return rendered.includes(this.#chosen) ? this.#chosen : (rendered.at(-1) ?? '');
  }

  readonly keydown = async (event: KeyboardEvent): Promise<void> => {
    const { rows, page } = this.#options;
    const before = rows();
    const current = before.findIndex((row) => row === event.target);
    const from = before[current];
    if (!from) return;
    const moves: Record<string, number> = {
      ArrowUp: current - 1,
      ArrowDown: current + 1,
      PageUp: current - page(),
      PageDown: current + page(),
      Home: 0,
      End: before.length - 1,
    };
    const wanted = moves[event.key];
    if (wanted === undefined) return;
    event.preventDefault();
    if (wanted < 0) await this.#options.before();
    // Rows rendered after an older page loaded, or a slice moved: find the target again.
    const again = rows();
    const shift = again.indexOf(from) - current;
    const target = again[Math.max(0, Math.min(again.length - 1, wanted + shift))];
    const id = target?.message?.id;
    if (!target || !id) return;
    this.#choose(id);
    await this.#host.updateComplete;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  };

  /** A row focused by pointer or by Tab becomes the keyboard's row. */
  readonly focusin = (event: FocusEvent): void => {
    const rows: EventTarget[] = this.#options.rows();
    const row = event.composedPath().find((node) => rows.includes(node)) as Row | undefined;
    const id = row?.message?.id;
    if (id) this.#choose(id);
  };

  #choose(id: string): void {
    if (id === this.#chosen) return;
    this.#chosen = id;
    this.#host.requestUpdate();
  }
}

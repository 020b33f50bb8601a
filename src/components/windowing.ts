import type { Thread } from '../state/index.js';

/**
 * The windowing maths of the stream, apart from the DOM (as Lit's virtualizer keeps its layout
 * apart from its driver): which threads to render around a view, from heights measured so far.
 */

/**
 * The most message rows the stream keeps in the DOM. A stream within it renders whole, so find in
 * page and a screen reader's browse mode reach every loaded message; a longer one renders the
 * threads around the view, with space standing in for the rest.
 */
export const rowBudget = 250;
/** A row's height until some have been measured. */
export const estimatedRowPx = 56;

/**
 * The threads rendered, `start` up to `end`; the space standing in for those above and below; and
 * where the view's top edge was taken to be, measured like `before` from the first thread's top.
 */
export interface Slice {
  start: number;
  end: number;
  before: number;
  after: number;
  top: number;
}

/**
 * A message at the top of the view, the index its thread had, and how far below the log's top edge
 * it was. A message rather than a thread: an older page can make a thread's first message a reply.
 */
export interface Anchor {
  id: string;
  index: number;
  delta: number;
}

export const emptySlice: Slice = { start: 0, end: 0, before: 0, after: 0, top: 0 };

export function rowsOf(thread: Thread): number {
  return 1 + thread.replies.length;
}

/** The thread holding message `id`, and how many of its rows come before the message's. */
export function locate(threads: readonly Thread[], id: string): { index: number; above: number } {
  for (const [index, { message, replies }] of threads.entries()) {
    if (message.id === id) return { index, above: 0 };
    const reply = replies.findIndex((candidate) => candidate.id === id);
    if (reply >= 0) return { index, above: reply + 1 };
  }
  return { index: -1, above: 0 };
}

/** The first index whose value is above `value` in an ascending list, or its length. */
function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? Infinity) > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Measured heights of threads by id, with the number of rows each had then; a thread not measured
 * yet, or grown since, counts the mean row height measured so far for each row it is missing.
 */
export class HeightCache {
  readonly #heights = new Map<string, { px: number; rows: number }>();
  #px = 0;
  #rows = 0;

  /** The mean height of a measured row, or the estimate before any. */
  get perRow(): number {
    return this.#rows > 0 ? this.#px / this.#rows : estimatedRowPx;
  }

  /** Records the height of `thread` as laid out. */
  measure(thread: Thread, px: number): void {
    const id = thread.message.id;
    const known = this.#heights.get(id);
    const rows = rowsOf(thread);
    this.#px += px - (known?.px ?? 0);
    this.#rows += rows - (known?.rows ?? 0);
    this.#heights.set(id, { px, rows });
  }

  /** The height `thread` is taken to have. */
  heightOf(thread: Thread, perRow = this.perRow): number {
    const known = this.#heights.get(thread.message.id);
    const rows = rowsOf(thread);
    return known ? known.px + (rows - known.rows) * perRow : rows * perRow;
  }

  clear(): void {
    this.#heights.clear();
    this.#px = this.#rows = 0;
  }
}

export interface SliceRequest {
  heights: HeightCache;
  /** The log's height. */
  viewport: number;
  /** The message the reader is on; none at the newest. */
  anchor: Anchor | null;
  /** Messages loaded, which the row budget is about. */
  messages: number;
  /** How many viewports either side of the view to render as well. */
  reach: number;
}

/**
 * Which threads to render: all of them within the row budget, else those around the view and
 * `reach` viewports either side of it, never more than the budget.
 */
export function sliceOf(
  threads: readonly Thread[],
  { heights, viewport, anchor, messages, reach }: SliceRequest,
): Slice {
  const count = threads.length;
  if (count === 0) return emptySlice;
  const perRow = heights.perRow;
  let total = 0;
  const offsets = threads.map((thread) => {
    const top = total;
    total += heights.heightOf(thread, perRow);
    return top;
  });
  offsets.push(total);
  let top = total - viewport;
  if (anchor) {
    const { index, above } = locate(threads, anchor.id);
    top = (offsets[index < 0 ? Math.min(anchor.index, count - 1) : index] ?? 0) + above * perRow - anchor.delta;
  }
  if (messages <= rowBudget) return { start: 0, end: count, before: 0, after: 0, top };
  const margin = viewport * reach;
  let start = Math.min(count - 1, Math.max(0, firstAbove(offsets, top - margin) - 1));
  let end = Math.max(start + 1, Math.min(count, firstAbove(offsets, top + viewport + margin)));
  let rows = threads.slice(start, end).reduce((sum, thread) => sum + rowsOf(thread), 0);
  while (rows > rowBudget && end - start > 1) {
    // Give up the side farther from the view.
    const above = top - (offsets[start] ?? 0);
    const below = (offsets[end] ?? total) - top - viewport;
    const dropped = above > below ? threads[start++] : threads[--end];
    rows -= dropped ? rowsOf(dropped) : 0;
  }
  return { start, end, before: offsets[start] ?? 0, after: total - (offsets[end] ?? total), top };
}

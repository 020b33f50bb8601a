import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Thread } from '../state/index.js';
import type { CourseChatMessage } from './course-chat-message.js';
import { emptySlice, HeightCache, locate, sliceOf, type Anchor, type Slice } from './windowing.js';

/** How near the bottom still counts as reading the newest messages. */
const stickToBottomPx = 48;

/** The element whose log the controller keeps in place. */
export type ScrollAnchorHost = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/**
 * Keeps the stream's view where the reader left it: at the newest message, following arrivals, or
 * on the message they were reading, whatever loads or resizes above it. It decides which threads to render around the view
 * (windowing.ts), and measures the rendered ones as it goes.
 */
export class ScrollAnchorController implements ReactiveController {
  /** Whether the reader is at the newest message, so arrivals should keep them there. */
  stick = true;
  /** Where the reader is when not at the newest: what is rendered and where it goes follow it. */
  #anchor: Anchor | null = null;
  /** The threads rendered, and where. */
  slice: Slice = emptySlice;
  shown: readonly Thread[] = [];
  readonly #heights = new HeightCache();
  /** The log's scroll height when the view was last put in place. */
  #settledHeight = 0;
  readonly #host: ScrollAnchorHost;
  readonly #settled: () => void;
  /**
   * Rows resize and the log with the element; either moves what the reader sees. Made at the first
   * update in a browser: a server render has no ResizeObserver.
   */
  #resizes: ResizeObserver | undefined;
  #observed: Element | null = null;
  #frame = 0;

  /** `settled` runs in the frame after the view was put in place, when rendering may resize it. */
  constructor(host: ScrollAnchorHost, settled: () => void) {
    this.#host = host;
    this.#settled = settled;
    host.addController(this);
  }

  get log(): HTMLElement | null {
    return this.#host.renderRoot.querySelector('.log');
  }

  /** The message rows rendered, in reading order. */
  rows(): CourseChatMessage[] {
    return [...(this.log?.querySelectorAll('course-chat-message') ?? [])];
  }

  /** Picks the threads to render for this update, of `messages` loaded. */
  layout(threads: readonly Thread[], messages: number): void {
    this.slice = this.#sliceOf(threads, messages, 1);
    this.shown = threads.slice(this.slice.start, this.slice.end);
  }

  /** Renders another slice once the view has come within half a viewport of this one's edge. */
  follow(threads: readonly Thread[], messages: number): void {
    const needed = this.#sliceOf(threads, messages, 0.5);
    if (needed.start < this.slice.start || needed.end > this.slice.end) this.#host.requestUpdate();
  }

  /** Moved, the log lost its scroll position: the next update puts the view back in place. */
  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const log = this.log;
    const stream = log?.querySelector('.stream') ?? null;
    if (stream === this.#observed) return;
    this.#resizes ??= new ResizeObserver(() => this.#settle());
    this.#resizes.disconnect();
    this.#observed = stream;
    if (stream && log) {
      this.#resizes.observe(stream, { box: 'border-box' });
      this.#resizes.observe(log);
    }
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#resizes?.disconnect();
    this.#observed = null;
  }

  /** Another room: the view starts afresh at its newest message. */
  reset(): void {
    this.#heights.clear();
    this.#anchor = null;
    this.stick = true;
  }

  /** Holds the view on message `id` of thread `index` from the next update. */
  holdAt(id: string, index: number): void {
    this.stick = false;
    this.#anchor = { id, index, delta: 0 };
  }

  toNewest(): void {
    this.stick = true;
    const log = this.log;
    if (log) toBottom(log);
  }

  /**
   * Follows the reader's scrolling; true when the position says something of them, which one from
   * before the last page was put in place does not.
   */
  scrolled(log: HTMLElement): boolean {
    const below = (height: number) => height - log.scrollTop - log.clientHeight < stickToBottomPx;
    // Messages may have come in below between a scroll to the bottom and its event: only the reader
    // going up from where the bottom was leaves the newest.
    const stick = below(log.scrollHeight) || (this.stick && below(this.#settledHeight));
    // Whether the log announces arrivals depends on it.
    if (stick !== this.stick) this.#host.requestUpdate();
    this.stick = stick;
    if (!stick) this.record();
    return log.scrollHeight === this.#settledHeight;
  }

  /** Remembers the first message in view and where, so that what changes above it cannot move it. */
  record(): void {
    const log = this.log;
    if (!log) return;
    const rows = this.rows();
    const top = log.getBoundingClientRect().top;
    const row = rows.find((candidate) => candidate.getBoundingClientRect().bottom > top) ?? rows.at(-1);
    const id = row?.message?.id;
    if (row && id)
      this.#anchor = {
        id,
        index: this.slice.start + locate(this.shown, id).index,
        delta: row.getBoundingClientRect().top - top,
      };
  }

  /**
   * After layout and before paint: learns the heights of the rendered threads, and keeps the view
   * at the newest message or on the one the reader was looking at, whatever changed above it.
   */
  #settle(): void {
    const log = this.log;
    const rendered = log?.querySelector('.stream');
    if (!log || !rendered) return;
    const slice = this.slice;
    const box = rendered.getBoundingClientRect();
    const rows = rendered.children;
    // Each thread measures from its own top to the next one's, margins included.
    let top = box.top + slice.before;
    this.shown.forEach((thread, index) => {
      const bottom = rows[index + 1]?.getBoundingClientRect().top ?? box.bottom - slice.after;
      this.#heights.measure(thread, bottom - top);
      top = bottom;
    });
    if (this.stick) toBottom(log);
    else {
      const anchor = this.#anchor;
      const row = anchor && this.rows().find((m) => m.message?.id === anchor.id);
      const view = log.getBoundingClientRect().top;
      // With that message not rendered, the view goes where the slice was taken for.
      const shift = anchor && row ? row.getBoundingClientRect().top - view - anchor.delta : box.top + slice.top - view;
      if (Math.abs(shift) >= 0.5) log.scrollTop += shift;
      this.record();
    }
    this.#settledHeight = log.scrollHeight;
    cancelAnimationFrame(this.#frame);
    // Rendering from here would resize what is being observed: the next frame may.
    this.#frame = requestAnimationFrame(this.#settled);
  }

  #sliceOf(threads: readonly Thread[], messages: number, reach: number): Slice {
    // Nothing to measure (and, rendered on a server, no window to measure it in).
    if (threads.length === 0) return emptySlice;
    return sliceOf(threads, {
      heights: this.#heights,
      viewport: this.log?.clientHeight || innerHeight,
      anchor: this.stick ? null : this.#anchor,
      messages,
      reach,
    });
  }
}

function toBottom(log: HTMLElement): void {
  log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
}

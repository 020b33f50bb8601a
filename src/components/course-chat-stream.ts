import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatStore, StreamMessage, Thread } from '../state/index.js';
import { ArrivalAnnouncer } from './arrival-announcer.js';
import { courseChatStreamStyles } from './course-chat-stream.styles.js';
import { adoptStyles } from './lazy.js';
import { profileHrefOf } from './avatar.js';
import { RovingRowsController } from './roving-rows-controller.js';
import { ScrollAnchorController } from './scroll-anchor-controller.js';
import { StoreController } from './store-controller.js';
import { defaultStrings, type CourseChatStrings } from './strings.js';
import { estimatedRowPx, locate } from './windowing.js';

/** Messages by one author this close together read as one block. */
const groupWindowMs = 5 * 60_000;
/** How near the top of the stream older messages start loading. */
const loadOlderWithinPx = 120;

/** What the stream reads and loads of the room. */
export type StreamStore = Pick<
  ChatStore,
  | '$messages'
  | '$threads'
  | '$hasOlder'
  | '$loadingOlder'
  | '$olderFailed'
  | '$room'
  | '$awarded'
  | '$people'
  | '$firstUnreadId'
  | 'loadOlder'
  | 'loadUntil'
  | 'loadFirstUnread'
>;

/**
 * The message log of a room: threads as rows, older pages as the reader goes up, the New messages
 * divider and a way up to it, and a count of what arrived while the reader was scrolled up. A long
 * stream renders only the threads around the view (windowing.ts), kept in place by the
 * ScrollAnchorController. It renders into the room's shadow root, whose styles and parts hold it.
 */
export class CourseChatStream extends LitElement {
  @property({ attribute: false }) store?: StreamStore;
  @property({ attribute: false }) strings: CourseChatStrings = defaultStrings;
  @property({ attribute: false }) locale?: string;
  @property({ attribute: false }) profileHref = '';
  @property({ attribute: false }) stProfileHref = '';
  /** Told each time the view settles whether the reader is at the newest message. */
  @property({ attribute: false }) onView?: (atNewest: boolean) => void;

  @state() private highlighted = '';
  /** Messages that arrived while the reader was scrolled up. */
  @state() private unseen = 0;
  /** The reader went to the first unread message: the jump to it has done its job. */
  @state() private unreadJumped = false;

  readonly #threads = new StoreController(this, () => this.store?.$threads, []);
  readonly #hasOlder = new StoreController(this, () => this.store?.$hasOlder, false);
  readonly #loadingOlder = new StoreController(this, () => this.store?.$loadingOlder, false);
  readonly #olderFailed = new StoreController(this, () => this.store?.$olderFailed, false);
  readonly #room = new StoreController(this, () => this.store?.$room, null);
  readonly #awarded = new StoreController(this, () => this.store?.$awarded, {});
  readonly #people = new StoreController(this, () => this.store?.$people, new Map());
  readonly #firstUnreadId = new StoreController(this, () => this.store?.$firstUnreadId, null);

  readonly #anchor = new ScrollAnchorController(this, () => this.#review());
  readonly #rowsKeys = new RovingRowsController(this, {
    rows: () => this.#anchor.rows(),
    page: () => Math.max(1, Math.floor((this.#anchor.log?.clientHeight ?? 0) / estimatedRowPx)),
    before: () => (this.#hasOlder.value ? this.store?.loadOlder() : undefined),
  });
  readonly #arrivals = new ArrivalAnnouncer(this, (count) => this.strings.unseen(count));

  /** The message row the keyboard is on, as rendered. */
  #active = '';
  #seenCount = 0;
  /**
   * The stream as last painted (its first message, and how many): stores change before an update
   * renders, so what was on screen is remembered here rather than read back from them.
   */
  #paintedFirstId = '';
  #paintedCount = 0;

  /**
   * In the room's shadow root, where its styles, its `log` part and find in page reach the rows. Its
   * styles come with it, after the room's first paint, and join that root as it connects.
   */
  protected override createRenderRoot(): HTMLElement {
    const root = this.getRootNode();
    if (root instanceof ShadowRoot) adoptStyles(root, courseChatStreamStyles);
    return this;
  }

  /** Shows message `id`, loading older pages until it is in: centred and outlined, or at the top. */
  async jumpTo(id: string, highlight: boolean): Promise<void> {
    if (highlight) this.highlighted = id;
    if (!(await this.store?.loadUntil(id))) return;
    // It may be far outside the slice: render around it first, then bring it into view.
    this.#anchor.holdAt(id, locate(this.#threads.value, id).index);
    this.requestUpdate();
    await this.updateComplete;
    this.#anchor
      .rows()
      .find((row) => row.message?.id === id)
      ?.scrollIntoView({ block: highlight ? 'center' : 'start' });
    this.#anchor.record();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another room, or none: the view starts afresh at its newest message.
    if (changed.has('store')) {
      this.#anchor.reset();
      this.unreadJumped = false;
    }
    this.#anchor.layout(this.#threads.value, this.#messageCount());
    this.#active = this.#rowsKeys.activeAmong(
      this.#anchor.shown.flatMap(({ message, replies }) => [message.id, ...replies.map((reply) => reply.id)]),
    );
  }

  protected override updated(): void {
    // Going live, or coming back to the newest, changes no size, so #review may not run for it.
    this.onView?.(this.#anchor.stick);
  }

  /** Counts what arrived while the reader was scrolled up, then follows the view. */
  #review(): void {
    const count = this.#messageCount();
    const firstId = this.#threads.value[0]?.message.id ?? '';
    const { stick } = this.#anchor;
    if (stick) this.#seenCount = count;
    else if (firstId !== this.#paintedFirstId) {
      // Older messages came in above: not news.
      const messages = this.store?.$messages.get() ?? [];
      this.#seenCount += Math.max(
        0,
        messages.findIndex((m) => m.id === this.#paintedFirstId),
      );
    }
    if (stick && firstId === this.#paintedFirstId && count > this.#paintedCount)
      this.#arrivals.arrived(count - this.#paintedCount);
    this.#paintedFirstId = firstId;
    this.#paintedCount = count;
    const unseen = Math.max(0, count - this.#seenCount);
    if (unseen !== this.unseen) this.unseen = unseen;
    this.onView?.(stick);
    this.#follow();
  }

  #follow(): void {
    this.#anchor.follow(this.#threads.value, this.#messageCount());
  }

  #messageCount(): number {
    return this.store?.$messages.get().length ?? 0;
  }

  #scrollToNewest(): void {
    this.unseen = 0;
    this.#anchor.toNewest();
  }

  #onScroll(): void {
    const log = this.#anchor.log;
    if (!log) return;
    // Whatever was there while the reader was at the newest was seen, even if no review ran since.
    if (this.#anchor.stick) this.#seenCount = this.#messageCount();
    // Reading back near the top brings the next older page in; the anchor keeps the view in place.
    const settled = this.#anchor.scrolled(log);
    // After a failed page, loading again is the reader's call (the button), not every scroll's.
    if (
      settled &&
      log.scrollTop < loadOlderWithinPx &&
      this.#hasOlder.value &&
      !this.#loadingOlder.value &&
      !this.#olderFailed.value
    )
      void this.store?.loadOlder();
    if (this.#anchor.stick && this.unseen > 0) {
      this.#seenCount = this.#messageCount();
      this.unseen = 0;
    }
    this.#follow();
  }

  async #jumpToFirstUnread(): Promise<void> {
    const id = await this.store?.loadFirstUnread();
    this.unreadJumped = true;
    if (id) await this.jumpTo(id, false);
  }

  override render() {
    const threads = this.#threads.value;
    const s = this.strings;
    const burst = this.#arrivals.burst;
    // Whole minutes, so rows re-render for their relative time at most once a minute.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const { slice, shown, stick } = this.#anchor;
    const { start, before, after } = slice;
    // Scrolling a windowed stream brings old rows into the log: only at the newest are they news.
    // Further up, the count of new messages is announced instead.
    // In a burst, each message would be read out: the log goes quiet and a count is read instead.
    const quiet = (shown.length < threads.length && !stick) || burst !== '';
    return html`${
        threads.length === 0
          ? html`<div class="quiet" part="log">
              <strong>${s.empty}</strong>
              <span>${s.emptyHint}</span>
            </div>`
          : html`<div
              class="log"
              part="log"
              role="log"
              aria-label=${s.log}
              aria-live=${quiet ? 'off' : nothing}
              @scroll=${this.#onScroll}
              @keydown=${this.#rowsKeys.keydown}
              @focusin=${this.#rowsKeys.focusin}
            >
              ${
                this.#hasOlder.value
                  ? html`<button
                      class="older"
                      type="button"
                      ?disabled=${this.#loadingOlder.value}
                      @click=${() => this.store?.loadOlder()}
                    >
                      ${
                        this.#loadingOlder.value
                          ? s.loadingOlder
                          : this.#olderFailed.value
                            ? `${s.olderFailed} ${s.retry}`
                            : s.older
                      }
                    </button>`
                  : nothing
              }
              <div class="stream" style="padding-block: ${before}px ${after}px">
                ${repeat(
                  shown,
                  (thread) => thread.message.id,
                  (thread, index) => this.#renderThread(thread, threads[start + index - 1], now),
                )}
              </div>
            </div>`
      }
      ${
        // Messages came in since the last visit: a way up to the first of them, until the reader has
        // gone there (reading at the newest does not count: the divider is the point).
        this.unreadJumped || this.#firstUnreadId.value === null
          ? nothing
          : html`<button type="button" class="first-unread" @click=${this.#jumpToFirstUnread}>
              ${s.sinceLastVisit} ↑
            </button>`
      }
      <div class="visually-hidden" role="status">${burst}</div>
      <div aria-live=${quiet ? 'polite' : 'off'}>
        ${
          this.unseen > 0
            ? html`<button type="button" class="new-messages" @click=${this.#scrollToNewest}>
                ${s.unseen(this.unseen)} ↓
              </button>`
            : nothing
        }
      </div>`;
  }

  #renderThread(thread: Thread, previous: Thread | undefined, now: number) {
    const { message } = thread;
    const me = this.#room.value?.me;
    const classes = [
      'thread',
      message.is_question ? 'question' : '',
      message.question_status ?? '',
      this.highlighted === message.id ? 'highlighted' : '',
    ].join(' ');
    const continued = !message.is_question && !previous?.message.is_question && follows(message, previous?.message);
    const canMarkAnswer =
      message.question_status === 'open' && (message.author.id === me?.id || me?.is_student_teacher === true);
    const firstUnread = this.#firstUnreadId.value;
    // Inside the thread, so the stream's children stay one per thread for measuring.
    const divider =
      firstUnread !== null && (message.id === firstUnread || thread.replies.some((reply) => reply.id === firstUnread))
        ? html`<div class="unread-divider" role="separator"><span>${this.strings.divider}</span></div>`
        : nothing;
    return html`<div class=${classes}>
      ${divider} ${this.#renderRow(message, now, continued, false, false)}
      ${
        thread.replies.length > 0
          ? html`<div class="replies" role="group" aria-label=${this.strings.answers}>
              ${repeat(
                thread.replies,
                (reply) => reply.id,
                (reply, index) =>
                  this.#renderRow(
                    reply,
                    now,
                    follows(reply, thread.replies[index - 1]),
                    canMarkAnswer && reply.author.id !== message.author.id,
                    // This Helped! is for answers: replies to a question, by others.
                    message.is_question && reply.author.id !== me?.id,
                  ),
              )}
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderRow(message: StreamMessage, now: number, continued: boolean, canMarkHelpful: boolean, offerAward: boolean) {
    const room = this.#room.value;
    const me = room?.me;
    return html`<course-chat-message
      .message=${message}
      .now=${now}
      .strings=${this.strings}
      .locale=${this.locale}
      ?continued=${continued}
      ?mine=${message.author.id === me?.id}
      ?can-mark-helpful=${canMarkHelpful}
      ?offer-award=${offerAward}
      ?moderator=${room?.moderator}
      .editWindowMs=${room?.limits.edit_window_ms ?? 0}
      .awarded=${this.#awarded.value[message.id] ?? 0}
      .people=${
        // Only rows that mention someone read names, so only they re-render when someone new appears.
        message.mentions.length > 0 ? this.#people.value : undefined
      }
      ?active=${message.id === this.#active}
      ?mentions-me=${me !== undefined && message.mentions.includes(me.id)}
      profile-href=${profileHrefOf(message.author, this.profileHref, this.stProfileHref)}
    ></course-chat-message>`;
  }
}

function follows(message: StreamMessage, previous: StreamMessage | undefined): boolean {
  return (
    previous !== undefined &&
    previous.author.id === message.author.id &&
    Date.parse(message.created_at) - Date.parse(previous.created_at) < groupWindowMs
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-stream': CourseChatStream;
  }
}

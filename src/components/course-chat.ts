import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatNotification, ChatStore, StreamMessage, Thread, Unread } from '../state/index.js';
import { courseChatStyles } from './course-chat.styles.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import type { CourseChatMessage } from './course-chat-message.js';
import {
  CourseChatAnalyticsEvent,
  CourseChatAuthRequiredEvent,
  CourseChatErrorEvent,
  CourseChatNavigateEvent,
  CourseChatNotificationEvent,
  type NavigationTarget,
  type CourseChatJumpEvent,
  type CourseChatMessageActionEvent,
} from './events.js';
import { profileHrefOf } from './avatar.js';
import { localeOf } from './format.js';
import { defaultStrings, type CourseChatStrings } from './strings.js';
import { sharedStyles } from './shared.styles.js';
import { SessionController } from './session-controller.js';
import { StoreController } from './store-controller.js';
import { UnreadController } from './unread-controller.js';

/** Messages by one author this close together read as one block. */
const groupWindowMs = 5 * 60_000;
/** After this long unanswered, one's own question offers 1-on-1 help prominently. */
export const longWaitMs = 10 * 60_000;
/** How long a quick-award confirmation stays up. */
const confirmationMs = 3000;
/** How near the top of the stream older messages start loading. */
const loadOlderWithinPx = 120;
/** How near the bottom still counts as reading the newest messages. */
const stickToBottomPx = 48;
/**
 * The most message rows the stream keeps in the DOM. A stream within it renders whole, so find in
 * page and a screen reader's browse mode reach every loaded message; a longer one renders the
 * threads around the view, with space standing in for the rest.
 */
const rowBudget = 250;
/**
 * More messages than this within `burstWindowMs` is a burst: screen readers then hear how many
 * arrived, at most once per window, instead of every message.
 */
const burstSize = 3;
const burstWindowMs = 2000;
const burstSettleMs = 250;
/** A horizontal touch swipe this long (and mostly horizontal) switches the narrow layout's tab. */
const swipePx = 60;
/** A row's height until some have been measured. */
const estimatedRowPx = 56;

/**
 * The threads rendered, `start` up to `end`; the space standing in for those above and below; and
 * where the view's top edge was taken to be, measured like `before` from the first thread's top.
 */
interface Slice {
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
interface Anchor {
  id: string;
  index: number;
  delta: number;
}

/**
 * A live chat room for one course: the message stream with questions and their answers, who is
 * online, and a composer. It reaches its backend through the protocol in docs/protocol.md.
 *
 * @fires course-chat-navigate - "Back to Course", "Need 1-on-1 Help?" or a person's name was chosen (`destination`, `href`, `userId`). Cancelable; otherwise `back-href`, `help-href`, `profile-href` or `st-profile-href` is followed.
 * @fires course-chat-analytics - An analytics event of the page spec happened (`name`, `data`).
 * @fires course-chat-error - Invalid data from the network was dropped (`error`); reported once per kind.
 * @fires course-chat-notification - A mention of the user, an answer to their question, or points for them arrived (`kind`, `courseId`, `messageId`, `from`, `text`). Never while the room is muted.
 * @fires course-chat-unread - The unread count settled as the room opened, or changed since (`courseId`, `count`, `mentions`, `muted`), for the host's chat icon badge.
 * @fires course-chat-auth-required - The backend refused the sign-in (401: no token, or an invalid or expired one) (`courseId`, `reason`, `attempt`, `retryInMs`). The room asks `getAuthToken` again after `retryInMs`. Cancelable: the host is refreshing its session, and the room waits for a new `getAuthToken` or `retry()`.
 *
 * @cssprop --course-chat-accent - Buttons, links and the Send button.
 * @cssprop --course-chat-on-accent - Text on the accent colour.
 * @cssprop --course-chat-bg - Background of the stream and the text area.
 * @cssprop --course-chat-surface - Background of the header and the composer.
 * @cssprop --course-chat-text - Main text colour.
 * @cssprop --course-chat-muted - Secondary text: times, counts, hints.
 * @cssprop --course-chat-border - Lines between regions, around panels and buttons.
 * @cssprop --course-chat-control-border - The text area's outline (3:1 against what surrounds it).
 * @cssprop --course-chat-focus - Focus rings.
 * @cssprop --course-chat-disabled - A disabled Send button.
 * @cssprop --course-chat-hover - Tint of the message under the pointer.
 * @cssprop --course-chat-shadow - Shadows of popups, the award dialog and the new-messages buttons.
 * @cssprop --course-chat-question-bg - Background of a question and its answers.
 * @cssprop --course-chat-question-border - The accent line beside an open question.
 * @cssprop --course-chat-question-text - The Question label and the question-pending notice.
 * @cssprop --course-chat-answered-bg - Background of an answered question.
 * @cssprop --course-chat-answered-border - The line beside an answered question; the online dot.
 * @cssprop --course-chat-answered-text - The Answered label; a helper's Available status.
 * @cssprop --course-chat-mention - The line beside a message that mentions the user.
 * @cssprop --course-chat-mention-bg - Background of a message that mentions the user.
 * @cssprop --course-chat-badge-bg - Background of the ST and Helping badges.
 * @cssprop --course-chat-badge-text - Text of the ST and Helping badges.
 * @cssprop --course-chat-points-bg - Background of the low-balance and award notices.
 * @cssprop --course-chat-points-text - Goodwill points and awards.
 * @cssprop --course-chat-warning-bg - Background of the reconnecting banner and a long-waiting question.
 * @cssprop --course-chat-warning - Warnings: the reconnecting banner, a message near the length limit.
 * @cssprop --course-chat-danger-bg - Background of error notices.
 * @cssprop --course-chat-danger - Errors: notices, a message not sent or over the length limit.
 * @cssprop --course-chat-unread - The New messages divider.
 * @cssprop --course-chat-radius - Corner radius of the element and its controls.
 * @cssprop --course-chat-font - Font family.
 *
 * @csspart header - The header with the course title and who is online.
 * @csspart log - The scrolling message stream.
 * @csspart composer - The message composer.
 * @csspart help-queue - The help queue: pending questions and available helpers.
 *
 * @tag course-chat
 */
export class CourseChat extends LitElement {
  static override styles = [sharedStyles, courseChatStyles];

  /** The course whose room to open. Changing it switches rooms. */
  @property({ attribute: 'course-id' }) courseId = '';

  /** Where the backend's REST endpoints live; the socket URL is derived from it. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** Where "Back to Course" leads, unless the host handles `course-chat-navigate`. */
  @property({ attribute: 'back-href' }) backHref = '';

  /** Where "Need 1-on-1 Help?" leads (the Summon page), unless the host handles `course-chat-navigate`. */
  @property({ attribute: 'help-href' }) helpHref = '';

  /** Where "Earn more" leads from the points indicator. */
  @property({ attribute: 'earn-href' }) earnHref = '';

  /**
   * URL template of a person's profile page, `{id}` standing for their user id (`/users/{id}`).
   * Without it names are not links.
   */
  @property({ attribute: 'profile-href' }) profileHref = '';

  /**
   * URL template of a student-teacher's profile page, `{id}` standing for their user id. Without it
   * STs' names are not links.
   */
  @property({ attribute: 'st-profile-href' }) stProfileHref = '';

  /** `light` or `dark` forces that theme; `auto` follows the system's (`prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /**
   * Returns the bearer token for requests, called before each one. Without it the browser's
   * cookies authenticate the user.
   */
  @property({ attribute: false }) getAuthToken?: () => Promise<string>;

  /**
   * Texts to show instead of the English ones: any of `CourseChatStrings`, to translate or reword
   * them. Times and numbers follow the `lang` of the element or of its nearest ancestor with one.
   */
  @property({ attribute: false }) strings: Partial<CourseChatStrings> = {};

  /** Unread messages in this room and how many mention the user, as `course-chat-unread` last told. */
  get unread(): Unread {
    return this.#unread.unread;
  }

  /**
   * Tries the room again now: after a refused sign-in (see `course-chat-auth-required`), a failed
   * load, or while reconnecting.
   */
  retry(): void {
    this.store?.reconnectNow();
  }

  readonly #unread = new UnreadController(this);
  readonly #session = new SessionController(this, {
    session: () => ({
      // Read at each request, so a host may set or replace its token source at any time.
      getAuthToken: async () => this.getAuthToken?.(),
      onAnalytics: (event) => this.dispatchEvent(new CourseChatAnalyticsEvent(event)),
      onProtocolError: (error) => this.dispatchEvent(new CourseChatErrorEvent(error)),
      onNotification: (notification) => this.#notify(notification),
      onAuthRequired: (refusal) => this.dispatchEvent(new CourseChatAuthRequiredEvent(this.courseId, refusal)),
    }),
    changed: (store) => this.#roomChanged(store),
  });

  private get store(): ChatStore | undefined {
    return this.#session.store;
  }

  #s = defaultStrings;
  #locale: string | undefined;

  /** Narrow layouts show either the stream or the help queue. */
  @state() private tab: 'chat' | 'queue' = 'chat';
  @state() private highlighted = '';
  @state() private confirmation = '';
  /** Messages that arrived while the reader was scrolled up. */
  @state() private unseen = 0;
  /** What a screen reader hears instead of each message while a burst lasts; empty otherwise. */
  @state() private burst = '';
  #arrivals: number[] = [];
  #burstAnnouncedAt = 0;
  #burstTimer: ReturnType<typeof setTimeout> | undefined;
  #burstSettle: ReturnType<typeof setTimeout> | undefined;
  #swipeFrom: { x: number; y: number } | null = null;
  /** The message row the keyboard is on; the newest until the reader moves. */
  @state() private activeId = '';
  /** The reader went to the first unread message, or wrote: the jump to it has done its job. */
  @state() private unreadJumped = false;
  #seenCount = 0;
  #confirmationTimer: ReturnType<typeof setTimeout> | undefined;

  @query('.log') private log?: HTMLElement;
  @query('course-chat-composer') private composer?: CourseChatComposer;
  @query('course-chat-award-dialog') private awardDialog?: CourseChatAwardDialog;

  readonly #status = new StoreController(this, () => this.store?.$status, 'loading');
  readonly #failure = new StoreController(this, () => this.store?.$failure, null);
  readonly #room = new StoreController(this, () => this.store?.$room, null);
  readonly #threads = new StoreController(this, () => this.store?.$threads, []);
  readonly #hasOlder = new StoreController(this, () => this.store?.$hasOlder, false);
  readonly #loadingOlder = new StoreController(this, () => this.store?.$loadingOlder, false);
  readonly #olderFailed = new StoreController(this, () => this.store?.$olderFailed, false);
  readonly #online = new StoreController(this, () => this.store?.$onlineCount, 0);
  readonly #typing = new StoreController(this, () => this.store?.$typing, []);
  readonly #balance = new StoreController(this, () => this.store?.$balance, 0);
  readonly #awarded = new StoreController(this, () => this.store?.$awarded, {});
  readonly #notice = new StoreController(this, () => this.store?.$notice, null);
  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #myPending = new StoreController(this, () => this.store?.$myPendingQuestions, []);
  readonly #lowBalance = new StoreController(this, () => this.store?.$lowBalance, false);
  readonly #helpers = new StoreController(this, () => this.store?.$helpers, []);
  readonly #people = new StoreController(this, () => this.store?.$people, new Map());
  readonly #firstUnreadId = new StoreController(this, () => this.store?.$firstUnreadId, null);

  /** Whether the reader is at the newest message, so arrivals should keep them there. */
  #stick = true;
  /** The log's scroll height when the view was last put in place. */
  #settledHeight = 0;
  /** Where the reader is when not at the newest: what is rendered and where it goes follow it. */
  #anchor: Anchor | null = null;
  /**
   * The stream as last painted: stores change before an update renders, so what was on screen is
   * remembered here rather than read back from them.
   */
  #painted = { firstId: '', count: 0 };
  #slice: Slice = { start: 0, end: 0, before: 0, after: 0, top: 0 };
  /** The message row the keyboard is on, as rendered. */
  #active = '';
  /** The threads of the slice, as rendered. */
  #shown: readonly Thread[] = [];
  /** Measured heights of threads by id, with the number of rows each had then. */
  readonly #heights = new Map<string, { px: number; rows: number }>();
  #measuredPx = 0;
  #measuredRows = 0;
  /**
   * Rows resize and the log with the element; either moves what the reader sees. Made at the first
   * update in a browser: a server render has no ResizeObserver.
   */
  #resizes: ResizeObserver | undefined;
  #observed: Element | null = null;
  #reviewFrame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Moved, the log lost its scroll position: put the view back in place.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#confirmationTimer);
    clearTimeout(this.#burstTimer);
    clearTimeout(this.#burstSettle);
    cancelAnimationFrame(this.#reviewFrame);
    this.#resizes?.disconnect();
    this.#observed = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#session.sync(changed.has('getAuthToken'));
    // A new object only when the host's changed: each row re-renders for a new one.
    if (changed.has('strings')) this.#s = { ...defaultStrings, ...this.strings };
    this.#locale = localeOf(this);
    const threads = this.#threads.value;
    this.#slice = this.#sliceOf(threads);
    this.#shown = threads.slice(this.#slice.start, this.#slice.end);
    this.#active = this.#activeRowId();
    this.#summariseBurst();
  }

  protected override updated(): void {
    // Going live, or coming back to the newest, changes no size, so #review may not run for it.
    this.#markRead();
    const stream = this.renderRoot.querySelector('.stream');
    if (stream === this.#observed) return;
    this.#resizes ??= new ResizeObserver(() => this.#settle());
    this.#resizes.disconnect();
    this.#observed = stream;
    if (stream && this.log) {
      this.#resizes.observe(stream, { box: 'border-box' });
      this.#resizes.observe(this.log);
    }
  }

  /** Another room, or none: the view starts afresh at its newest message. */
  #roomChanged(store: ChatStore | undefined): void {
    this.#unread.watch(store);
    this.unreadJumped = false;
    this.#heights.clear();
    this.#measuredPx = this.#measuredRows = 0;
    this.#anchor = null;
    this.#stick = true;
    this.requestUpdate();
  }

  /**
   * Which threads to render: all of them within the row budget, else those around the view and
   * `reach` viewports either side of it, never more than the budget.
   */
  #sliceOf(threads: readonly Thread[], reach = 1): Slice {
    const count = threads.length;
    // Nothing to measure (and, rendered on a server, no window to measure it in).
    if (count === 0) return { start: 0, end: 0, before: 0, after: 0, top: 0 };
    const perRow = this.#measuredRows > 0 ? this.#measuredPx / this.#measuredRows : estimatedRowPx;
    let total = 0;
    const offsets = threads.map((thread) => {
      const top = total;
      const known = this.#heights.get(thread.message.id);
      const rows = rowsOf(thread);
      total += known ? known.px + (rows - known.rows) * perRow : rows * perRow;
      return top;
    });
    offsets.push(total);
    const viewport = this.log?.clientHeight || innerHeight;
    const anchor = this.#stick ? null : this.#anchor;
    let top = total - viewport;
    if (anchor) {
      const { index, above } = locate(threads, anchor.id);
      top = (offsets[index < 0 ? Math.min(anchor.index, count - 1) : index] ?? 0) + above * perRow - anchor.delta;
    }
    if (this.#messageCount() <= rowBudget) return { start: 0, end: count, before: 0, after: 0, top };
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

  /**
   * After layout and before paint: learns the heights of the rendered threads, and keeps the view
   * at the newest message or on the one the reader was looking at, whatever changed above it.
   */
  #settle(): void {
    const log = this.log;
    const rendered = log?.querySelector('.stream');
    if (!log || !rendered) return;
    const box = rendered.getBoundingClientRect();
    const rows = rendered.children;
    // Each thread measures from its own top to the next one's, margins included.
    let top = box.top + this.#slice.before;
    this.#shown.forEach((thread, index) => {
      const bottom = rows[index + 1]?.getBoundingClientRect().top ?? box.bottom - this.#slice.after;
      const known = this.#heights.get(thread.message.id);
      const measured = { px: bottom - top, rows: rowsOf(thread) };
      this.#measuredPx += measured.px - (known?.px ?? 0);
      this.#measuredRows += measured.rows - (known?.rows ?? 0);
      this.#heights.set(thread.message.id, measured);
      top = bottom;
    });
    if (this.#stick) log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    else {
      const anchor = this.#anchor;
      const row =
        anchor && [...rendered.querySelectorAll('course-chat-message')].find((m) => m.message?.id === anchor.id);
      const view = log.getBoundingClientRect().top;
      // With that message not rendered, the view goes where the slice was taken for.
      const shift =
        anchor && row ? row.getBoundingClientRect().top - view - anchor.delta : box.top + this.#slice.top - view;
      if (Math.abs(shift) >= 0.5) log.scrollTop += shift;
      this.#recordAnchor(log);
    }
    this.#settledHeight = log.scrollHeight;
    cancelAnimationFrame(this.#reviewFrame);
    // Rendering from here would resize what is being observed: the next frame may.
    this.#reviewFrame = requestAnimationFrame(() => this.#review());
  }

  /** Remembers the first message in view and where, so that what changes above it cannot move it. */
  #recordAnchor(log: HTMLElement): void {
    const rows = [...(log.querySelector('.stream')?.querySelectorAll('course-chat-message') ?? [])];
    const top = log.getBoundingClientRect().top;
    const row = rows.find((candidate) => candidate.getBoundingClientRect().bottom > top) ?? rows.at(-1);
    const id = row?.message?.id;
    if (row && id)
      this.#anchor = {
        id,
        index: this.#slice.start + locate(this.#shown, id).index,
        delta: row.getBoundingClientRect().top - top,
      };
  }

  /** Counts what arrived while the reader was scrolled up, then follows the view. */
  #review(): void {
    const count = this.#messageCount();
    const firstId = this.#firstId();
    if (this.#stick) this.#seenCount = count;
    else if (firstId !== this.#painted.firstId) {
      // Older messages came in above: not news.
      const messages = this.store?.$messages.get() ?? [];
      this.#seenCount += Math.max(
        0,
        messages.findIndex((m) => m.id === this.#painted.firstId),
      );
    }
    if (this.#stick && firstId === this.#painted.firstId && count > this.#painted.count)
      this.#arrived(count - this.#painted.count);
    this.#painted = { firstId, count };
    const unseen = Math.max(0, count - this.#seenCount);
    if (unseen !== this.unseen) this.unseen = unseen;
    this.#markRead();
    this.#follow();
  }

  /**
   * Counts arrivals at the newest message. A burst is summarised by the stream's next update, or,
   * when none comes because the burst is over, by one update once it has been quiet for a moment.
   */
  #arrived(count: number): void {
    const now = Date.now();
    this.#arrivals = [...this.#arrivals.filter((at) => now - at < burstWindowMs), ...Array<number>(count).fill(now)];
    if (this.#arrivals.length <= burstSize) return;
    clearTimeout(this.#burstSettle);
    this.#burstSettle = setTimeout(() => this.requestUpdate(), burstSettleMs);
  }

  /**
   * Part of an update, never one of its own: a burst already changes the stream once per frame,
   * and its summary must not add a second change.
   */
  #summariseBurst(): void {
    const now = Date.now();
    const recent = this.#arrivals.filter((at) => now - at < burstWindowMs).length;
    if (recent <= burstSize) return;
    if (!this.burst || now - this.#burstAnnouncedAt >= burstWindowMs) {
      this.burst = this.#s.unseen(recent);
      this.#burstAnnouncedAt = now;
    }
    clearTimeout(this.#burstTimer);
    this.#burstTimer = setTimeout(() => (this.burst = ''), burstWindowMs);
  }

  /** At the newest message of a page someone is looking at, everything loaded has been read. */
  #markRead(): void {
    if (this.#stick && document.visibilityState === 'visible' && this.#status.value === 'live')
      this.store?.markAllRead();
  }

  readonly #onVisibility = (): void => this.#markRead();

  /** Tells the host, and the person too when they opted in and are looking elsewhere. */
  #notify(notification: ChatNotification): void {
    this.dispatchEvent(new CourseChatNotificationEvent(notification));
    const wanted = this.store?.$settings.get()?.notifications && document.visibilityState === 'hidden';
    if (!wanted || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // One per message: a second tab of the same room replaces rather than repeats it.
    const { kind, from, text, points } = notification;
    new Notification(this.#s.notification(kind, from.name), {
      body: kind === 'points' ? `${this.#s.earned(points)}${text ? `: ${text}` : ''}` : text,
      tag: `course-chat:${notification.messageId}`,
    });
  }

  /** Renders another slice once the view has come within half a viewport of this one's edge. */
  #follow(): void {
    const needed = this.#sliceOf(this.#threads.value, 0.5);
    if (needed.start < this.#slice.start || needed.end > this.#slice.end) this.requestUpdate();
  }

  #messageCount(): number {
    return this.store?.$messages.get().length ?? 0;
  }

  #scrollToNewest(): void {
    this.#stick = true;
    this.unseen = 0;
    this.log?.scrollTo({ top: this.log.scrollHeight, behavior: 'instant' });
  }

  #firstId(): string {
    return this.#threads.value[0]?.message.id ?? '';
  }

  #onScroll(event: Event): void {
    const log = event.currentTarget as HTMLElement;
    const below = (height: number) => height - log.scrollTop - log.clientHeight < stickToBottomPx;
    // Messages may have come in below between a scroll to the bottom and its event: only the reader
    // going up from where the bottom was leaves the newest.
    const stick = below(log.scrollHeight) || (this.#stick && below(this.#settledHeight));
    // Whether the log announces arrivals depends on it: see #renderRoom.
    if (stick !== this.#stick) this.requestUpdate();
    this.#stick = stick;
    if (!stick) this.#recordAnchor(log);
    // Reading back near the top brings the next older page in; #settle keeps the view in place. A
    // position from before the last page was put in place says nothing of the reader.
    const settled = log.scrollHeight === this.#settledHeight;
    // After a failed page, loading again is the reader's call (the button), not every scroll's.
    if (
      settled &&
      log.scrollTop < loadOlderWithinPx &&
      this.#hasOlder.value &&
      !this.#loadingOlder.value &&
      !this.#olderFailed.value
    )
      void this.store?.loadOlder();
    if (stick && this.unseen > 0) {
      this.#seenCount = this.#messageCount();
      this.unseen = 0;
    }
    this.#follow();
  }

  override render() {
    const room = this.#room.value;
    const failure = this.#failure.value;
    const s = this.#s;
    // The layout is the frame's, so that a host's rule for the element's display cannot undo it.
    return html`<div class="frame">
      <div class="header" part="header">
        <div>
          <h2>${s.title(room?.course.title ?? '')}</h2>
          ${room ? html`<span class="online">${s.online(this.#online.value)}</span>` : nothing}
          ${
            this.#helpers.value.some((helper) => helper.id === room?.me.id && helper.available)
              ? html`<span class="helping">${s.helping}</span>`
              : nothing
          }
        </div>
        ${room ? this.#renderBalance() : nothing}
        ${room ? html`<course-chat-settings .store=${this.store} .strings=${s}></course-chat-settings>` : nothing}
        <a class="back" href=${this.backHref || '#'} @click=${(event: MouseEvent) => this.#navigate(event, 'course')}
          >${s.back}</a
        >
      </div>
      ${
        failure
          ? html`<div class="failure" role="alert">
              <strong>${s.failures[failure.kind]}</strong>
              ${
                failure.kind === 'unavailable' || failure.kind === 'unauthenticated'
                  ? html`<button type="button" @click=${() => this.retry()}>${s.retry}</button>`
                  : nothing
              }
            </div>`
          : this.#room.value
            ? this.#renderRoom()
            : html`<div class="loading" role="status">${s.loading}</div>`
      }
    </div>`;
  }

  #renderBalance() {
    return html`<div class="balance">
      <span class="points-to-give">${this.#s.balance(this.#balance.value)}</span>
      ${this.earnHref ? html`<a href=${this.earnHref}>${this.#s.earnMore}</a>` : nothing}
    </div>`;
  }

  #renderRoom() {
    const status = this.#status.value;
    const threads = this.#threads.value;
    const typing = this.#typing.value;
    const room = this.#room.value;
    const notice = this.#notice.value;
    const s = this.#s;
    // Whole minutes, so rows re-render for their relative time at most once a minute.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const { start, before, after } = this.#slice;
    // Scrolling a windowed stream brings old rows into the log: only at the newest are they news.
    // Further up, the count of new messages is announced instead.
    // In a burst, each message would be read out: the log goes quiet and a count is read instead.
    const quiet = (this.#shown.length < threads.length && !this.#stick) || this.burst !== '';
    return html`
      ${
        status === 'reconnecting' || status === 'offline'
          ? html`<div class="banner" role="status">
              ${status === 'offline' ? s.offline : s.reconnecting}
              <button type="button" @click=${() => this.store?.reconnectNow()}>${s.retry}</button>
            </div>`
          : nothing
      }
      ${
        notice
          ? html`<div class="notice" role="alert">
              ${s.notices[notice.kind]} ${notice.reason ?? ''}
              <button type="button" @click=${() => this.store?.dismissNotice()}>${s.dismiss}</button>
            </div>`
          : nothing
      }
      ${this.confirmation ? html`<div class="confirmation" role="status">${this.confirmation}</div>` : nothing}
      ${this.#renderQuestionPending(now)}
      <div class="tabs" role="tablist" aria-label=${s.tabs}>
        <button
          role="tab"
          id="chat-tab"
          aria-selected=${this.tab === 'chat' ? 'true' : 'false'}
          aria-controls="chat-panel"
          @click=${() => (this.tab = 'chat')}
        >
          ${s.chatTab}
        </button>
        <button
          role="tab"
          id="queue-tab"
          aria-selected=${this.tab === 'queue' ? 'true' : 'false'}
          aria-controls="queue-panel"
          @click=${() => (this.tab = 'queue')}
        >
          ${s.queueTab(this.#pending.value.length)}
        </button>
      </div>
      <div
        class="body"
        data-tab=${this.tab}
        @pointerdown=${this.#swipeStart}
        @pointerup=${this.#swipeEnd}
        @pointercancel=${() => (this.#swipeFrom = null)}
      >
        <div class="main" id="chat-panel" role="tabpanel" aria-labelledby="chat-tab">
          ${this.#lowBalance.value ? html`<p class="low-balance">${s.lowBalance}</p>` : nothing}
          ${
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
                  @keydown=${this.#onLogKeydown}
                  @focusin=${this.#onLogFocus}
                  @course-chat-message-action=${this.#onAction}
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
                      this.#shown,
                      (thread) => thread.message.id,
                      (thread, index) => this.#renderThread(thread, threads[start + index - 1], now),
                    )}
                  </div>
                </div>`
          }
          ${this.#renderFirstUnreadJump()}
          <div class="visually-hidden" role="status">${this.burst}</div>
          <div aria-live=${quiet ? 'polite' : 'off'}>
            ${
              this.unseen > 0
                ? html`<button type="button" class="new-messages" @click=${this.#scrollToNewest}>
                    ${s.unseen(this.unseen)} ↓
                  </button>`
                : nothing
            }
          </div>
          <div class="typing" aria-live="polite">
            ${typing.length > 0 ? s.typing(typing.map((user) => user.name)) : ''}
          </div>
          <course-chat-composer
            part="composer"
            @course-chat-jump=${this.#onJump}
            .store=${this.store}
            .strings=${s}
            max-length=${room?.limits.max_message_length ?? 2000}
          ></course-chat-composer>
        </div>
        <course-chat-help-queue
          part="help-queue"
          id="queue-panel"
          role="tabpanel"
          aria-labelledby="queue-tab"
          .store=${this.store}
          .now=${now}
          .strings=${s}
          .locale=${this.#locale}
          st-profile-href=${this.stProfileHref}
          @course-chat-jump=${this.#onJump}
        ></course-chat-help-queue>
      </div>
      <course-chat-award-dialog .store=${this.store} .strings=${s}></course-chat-award-dialog>
    `;
  }

  /**
   * Messages came in since the last visit: a way up to the first of them, until the reader has
   * gone there or written (reading at the newest does not count: the divider is the point).
   */
  #renderFirstUnreadJump() {
    if (this.unreadJumped || this.#firstUnreadId.value === null) return nothing;
    return html`<button type="button" class="first-unread" @click=${this.#jumpToFirstUnread}>
      ${this.#s.sinceLastVisit} ↑
    </button>`;
  }

  async #jumpToFirstUnread(): Promise<void> {
    const id = await this.store?.loadFirstUnread();
    this.unreadJumped = true;
    if (id) await this.#jumpTo(id, false);
  }

  /** "Question Pending": one's own question is still waiting; after a long wait, offer 1-on-1 help. */
  #renderQuestionPending(now: number) {
    const mine = this.#myPending.value;
    const oldest = mine[0];
    if (!oldest) return nothing;
    const longWait = now - Date.parse(oldest.created_at) > longWaitMs;
    return html`<div class="question-pending ${longWait ? 'long-wait' : ''}" role="status">
      <span>${this.#s.pending(mine.length)} ${longWait ? this.#s.longWait : ''}</span>
      <a href=${this.helpHref || '#'} class="help-link" @click=${(event: MouseEvent) => this.#navigate(event, 'help')}
        >${this.#s.needHelp}</a
      >
    </div>`;
  }

  #onAction(event: CourseChatMessageActionEvent): void {
    const store = this.store;
    const message = store?.$messages.get().find((m) => m.id === event.messageId);
    if (!store || !message) return;
    switch (event.action) {
      case 'retry':
        store.retry(message.client_id);
        break;
      case 'reply':
        if (this.composer) {
          this.composer.replyTo = message;
          this.composer.focus();
        }
        break;
      case 'mark-question':
        void store.markQuestion(message.id);
        break;
      case 'mark-helpful':
        store.markHelpful(message.id);
        break;
      case 'award':
        void this.awardDialog?.show(message);
        break;
      case 'quick-award':
        void this.#quickAward(message);
        break;
      case 'report':
        void store.report(message.id);
        break;
    }
  }

  async #quickAward(message: StreamMessage): Promise<void> {
    const store = this.store;
    const room = this.#room.value;
    if (!store || !room) return;
    const points = Math.min(room.limits.default_award_points, this.#balance.value);
    if (points < 1 || !(await store.award(message.id, points))) return;
    this.confirmation = this.#s.awarded(points, message.author.name);
    clearTimeout(this.#confirmationTimer);
    this.#confirmationTimer = setTimeout(() => (this.confirmation = ''), confirmationMs);
  }

  #onJump(event: CourseChatJumpEvent): Promise<void> {
    return this.#jumpTo(event.messageId, true);
  }

  async #jumpTo(messageId: string, highlight: boolean): Promise<void> {
    this.tab = 'chat';
    if (highlight) this.highlighted = messageId;
    if (!(await this.store?.loadUntil(messageId))) return;
    // It may be far outside the slice: render around it first, then centre it.
    this.#stick = false;
    this.#anchor = { id: messageId, index: locate(this.#threads.value, messageId).index, delta: 0 };
    this.requestUpdate();
    await this.updateComplete;
    const target = [...(this.log?.querySelectorAll('course-chat-message') ?? [])].find(
      (row) => row.message?.id === messageId,
    );
    target?.scrollIntoView({ block: highlight ? 'center' : 'start' });
    if (this.log) this.#recordAnchor(this.log);
  }

  /** The row the keyboard is on: the chosen one while it is rendered, else the newest rendered. */
  #activeRowId(): string {
    const shown = this.#shown;
    const rendered = (id: string) => shown.some((t) => t.message.id === id || t.replies.some((r) => r.id === id));
    if (this.activeId && rendered(this.activeId)) return this.activeId;
    const last = shown.at(-1);
    return last ? (last.replies.at(-1) ?? last.message).id : '';
  }

  /** Arrow keys, Home, End, Page Up and Page Down move between messages; Tab reaches the row's actions. */
  async #onLogKeydown(event: KeyboardEvent): Promise<void> {
    const rows = [...(this.log?.querySelectorAll('course-chat-message') ?? [])];
    const current = rows.findIndex((row) => row === event.target);
    const from = rows[current];
    if (!from) return;
    const page = Math.max(1, Math.floor((this.log?.clientHeight ?? 0) / estimatedRowPx));
    const moves: Record<string, number> = {
      ArrowUp: current - 1,
      ArrowDown: current + 1,
      PageUp: current - page,
      PageDown: current + page,
      Home: 0,
      End: rows.length - 1,
    };
    const wanted = moves[event.key];
    if (wanted === undefined) return;
    event.preventDefault();
    if (wanted < 0 && this.#hasOlder.value) await this.store?.loadOlder();
    // Rows rendered after an older page loaded, or a slice moved: find the target again.
    const again = [...(this.log?.querySelectorAll('course-chat-message') ?? [])];
    const shift = again.indexOf(from) - current;
    const target = again[Math.max(0, Math.min(again.length - 1, wanted + shift))];
    const id = target?.message?.id;
    if (!target || !id) return;
    this.activeId = id;
    await this.updateComplete;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }

  #swipeStart(event: PointerEvent): void {
    this.#swipeFrom = event.pointerType === 'touch' ? { x: event.clientX, y: event.clientY } : null;
  }

  /** On a narrow screen a swipe moves between the stream and the help queue, as their tabs do. */
  #swipeEnd(event: PointerEvent): void {
    const from = this.#swipeFrom;
    this.#swipeFrom = null;
    if (!from) return;
    const dx = event.clientX - from.x;
    if (Math.abs(dx) < swipePx || Math.abs(dx) < 2 * Math.abs(event.clientY - from.y)) return;
    // The queue lies after the stream in reading order: towards the start edge is forward.
    const forward = getComputedStyle(this).direction === 'rtl' ? dx > 0 : dx < 0;
    this.tab = forward ? 'queue' : 'chat';
  }

  /** A row focused by pointer or by Tab becomes the keyboard's row. */
  #onLogFocus(event: FocusEvent): void {
    const row = event
      .composedPath()
      .find((node): node is CourseChatMessage => (node as Element).localName === 'course-chat-message');
    const id = row?.message?.id;
    if (id && id !== this.activeId) this.activeId = id;
  }

  #renderThread(thread: Thread, previous: Thread | undefined, now: number) {
    const { message } = thread;
    const me = this.#room.value?.me;
    const awarded = this.#awarded.value;
    const classes = [
      'thread',
      message.is_question ? 'question' : '',
      message.question_status ?? '',
      this.highlighted === message.id ? 'highlighted' : '',
    ].join(' ');
    const continued = !message.is_question && !previous?.message.is_question && follows(message, previous?.message);
    const canMarkAnswer =
      message.question_status === 'open' && (message.author.id === me?.id || me?.is_student_teacher === true);
    // Only rows that mention someone read names, so only they re-render when someone new appears.
    const people = this.#people.value;
    const s = this.#s;
    const locale = this.#locale;
    const active = this.#active;
    const firstUnread = this.#firstUnreadId.value;
    const mentionsMe = (m: StreamMessage) => me !== undefined && m.mentions.includes(me.id);
    // Inside the thread, so the stream's children stay one per thread for measuring.
    const divider =
      firstUnread !== null && (message.id === firstUnread || thread.replies.some((reply) => reply.id === firstUnread))
        ? html`<div class="unread-divider" role="separator"><span>${s.divider}</span></div>`
        : nothing;
    return html`<div class=${classes}>
      ${divider}
      <course-chat-message
        .message=${message}
        .now=${now}
        .strings=${s}
        .locale=${locale}
        ?continued=${continued}
        ?mine=${message.author.id === me?.id}
        .awarded=${awarded[message.id] ?? 0}
        .people=${message.mentions.length > 0 ? people : undefined}
        ?active=${message.id === active}
        ?mentions-me=${mentionsMe(message)}
        profile-href=${profileHrefOf(message.author, this.profileHref, this.stProfileHref)}
      ></course-chat-message>
      ${
        thread.replies.length > 0
          ? html`<div class="replies" role="group" aria-label=${s.answers}>
              ${repeat(
                thread.replies,
                (reply) => reply.id,
                (reply, index) =>
                  html`<course-chat-message
                    .message=${reply}
                    .now=${now}
                    .strings=${s}
                    .locale=${locale}
                    ?continued=${follows(reply, thread.replies[index - 1])}
                    ?mine=${reply.author.id === me?.id}
                    ?can-mark-helpful=${canMarkAnswer && reply.author.id !== message.author.id}
                    .awarded=${awarded[reply.id] ?? 0}
                    .people=${reply.mentions.length > 0 ? people : undefined}
                    ?active=${reply.id === active}
                    ?mentions-me=${mentionsMe(reply)}
                    profile-href=${profileHrefOf(reply.author, this.profileHref, this.stProfileHref)}
                  ></course-chat-message>`,
              )}
            </div>`
          : nothing
      }
    </div>`;
  }

  #navigate(event: MouseEvent, destination: NavigationTarget): void {
    event.preventDefault();
    const href = destination === 'course' ? this.backHref : this.helpHref;
    if (this.dispatchEvent(new CourseChatNavigateEvent(destination, href)) && href) location.assign(href);
  }
}

function rowsOf(thread: Thread): number {
  return 1 + thread.replies.length;
}

/** The thread holding message `id`, and how many of its rows come before the message's. */
function locate(threads: readonly Thread[], id: string): { index: number; above: number } {
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

function follows(message: StreamMessage, previous: StreamMessage | undefined): boolean {
  return (
    previous !== undefined &&
    previous.author.id === message.author.id &&
    Date.parse(message.created_at) - Date.parse(previous.created_at) < groupWindowMs
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat': CourseChat;
  }
}

import { html, LitElement, nothing, type CSSResult, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ChatStore, Unread } from '../state/index.js';
import { courseChatStyles } from './course-chat.styles.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import type { CourseChatStream } from './course-chat-stream.js';
import {
  CourseChatAnalyticsEvent,
  CourseChatAuthRequiredEvent,
  CourseChatErrorEvent,
  CourseChatNavigateEvent,
  type NavigationTarget,
  type CourseChatJumpEvent,
} from './events.js';
import { localeOf } from './format.js';
import { defaultStrings, type CourseChatStrings } from './strings.js';
import { sharedStyles } from './shared.styles.js';
import { AttentionController } from './attention-controller.js';
import { MessageActionsController } from './message-actions-controller.js';
import { SessionController } from './session-controller.js';
import { StoreController } from './store-controller.js';
import { SwipeTabsController } from './swipe-tabs-controller.js';
import { UnreadController } from './unread-controller.js';
import { RoomHeader } from './room-header.js';
import { adoptStyles, liveRoom, LoadOnConnect } from './lazy.js';

/** After this long unanswered, one's own question offers 1-on-1 help prominently. */
export const longWaitMs = 10 * 60_000;

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
   * load (the room's or that of what it loads after its first paint), or while reconnecting.
   */
  retry(): void {
    // What the room could not load comes first: the failure it shows is that one.
    if (this.#later.failed) this.#later.load();
    else this.store?.reconnectNow();
  }

  readonly #unread = new UnreadController(this);
  readonly #attention = new AttentionController(this, { store: () => this.store, strings: () => this.#s });
  // The live room, with the settings, the help queue and search: shown at once or soon, but the
  // room's first paint (loading) does without them.
  readonly #later = new LoadOnConnect(this, liveRoom);

  readonly #session = new SessionController(this, {
    session: () => ({
      // Read at each request, so a host may set or replace its token source at any time.
      getAuthToken: async () => this.getAuthToken?.(),
      onAnalytics: (event) => this.dispatchEvent(new CourseChatAnalyticsEvent(event)),
      onProtocolError: (error) => this.dispatchEvent(new CourseChatErrorEvent(error)),
      onNotification: (notification) => this.#attention.notify(notification),
      onAuthRequired: (refusal) => this.dispatchEvent(new CourseChatAuthRequiredEvent(this.courseId, refusal)),
    }),
    changed: (store) => this.#unread.watch(store),
  });
  readonly #actions = new MessageActionsController(this, {
    store: () => this.store,
    composer: () => this.composer,
    awardDialog: async () => {
      await liveRoom.load();
      return this.awardDialog;
    },
    strings: () => this.#s,
  });
  readonly #header = new RoomHeader(this, {
    store: () => this.store,
    jump: (event) => void this.#onJump(event),
    back: (event) => this.#navigate(event, 'course'),
  });
  readonly #swipe = new SwipeTabsController(this, (forward) => (this.tab = forward ? 'queue' : 'chat'));

  private get store(): ChatStore | undefined {
    return this.#session.store;
  }

  #s = defaultStrings;
  #locale: string | undefined;

  /** Narrow layouts show either the stream or the help queue. */
  @state() private tab: 'chat' | 'queue' = 'chat';

  @query('course-chat-stream') private stream?: CourseChatStream;
  @query('course-chat-composer') private composer?: CourseChatComposer;
  @query('course-chat-award-dialog') private awardDialog?: CourseChatAwardDialog;

  readonly #status = new StoreController(this, () => this.store?.$status, 'loading');
  readonly #failure = new StoreController(this, () => this.store?.$failure, null);
  readonly #room = new StoreController(this, () => this.store?.$room, null);
  readonly #typing = new StoreController(this, () => this.store?.$typing, []);
  readonly #notice = new StoreController(this, () => this.store?.$notice, null);
  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #myPending = new StoreController(this, () => this.store?.$myPendingQuestions, []);

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#session.sync(changed.has('getAuthToken'));
    // A new object only when the host's changed: each row re-renders for a new one.
    if (changed.has('strings')) this.#s = { ...defaultStrings, ...this.strings };
    this.#locale = localeOf(this);
  }

  override render() {
    const room = this.#room.value;
    const liveRoomStyles = liveRoom.get();
    // A part that could not load is said politely: nothing was refused, and Retry may well fetch it.
    const laterFailed = this.#later.failed;
    const failure = laterFailed ? 'unavailable' : this.#failure.value?.kind;
    const s = this.#s;
    // The layout is the frame's, so that a host's rule for the element's display cannot undo it.
    return html`<div class="frame">
      ${this.#header.render(room, s, this.#locale)}
      ${
        failure
          ? html`<div class="failure" role=${laterFailed ? 'status' : 'alert'}>
              <strong>${s.failures[failure]}</strong>
              ${
                failure === 'unavailable' || failure === 'unauthenticated'
                  ? html`<button type="button" @click=${() => this.retry()}>${s.retry}</button>`
                  : nothing
              }
            </div>`
          : room && liveRoomStyles
            ? this.#renderRoom(liveRoomStyles)
            : html`<div class="loading" role="status">${s.loading}</div>`
      }
    </div>`;
  }

  #renderRoom(styles: CSSResult) {
    // Joins the shadow root before the room first shows in it, once.
    adoptStyles(this.renderRoot as ShadowRoot, styles);
    const status = this.#status.value;
    const typing = this.#typing.value;
    const room = this.#room.value;
    const notice = this.#notice.value;
    const s = this.#s;
    // Whole minutes, so the help queue re-renders for its waiting times at most once a minute.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
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
              ${notice.retry ? html`<button type="button" @click=${notice.retry}>${s.tryAgain}</button>` : nothing}
              <button type="button" @click=${() => this.store?.dismissNotice()}>${s.dismiss}</button>
            </div>`
          : nothing
      }
      ${this.#actions.render(s)} ${this.#renderQuestionPending(now)}
      <div class="tabs" role="tablist" aria-label=${s.tabs}>
        ${this.#renderTab('chat', s.chatTab)} ${this.#renderTab('queue', s.queueTab(this.#pending.value.length))}
      </div>
      <div
        class="body"
        data-tab=${this.tab}
        @pointerdown=${this.#swipe.start}
        @pointerup=${this.#swipe.end}
        @pointercancel=${this.#swipe.cancel}
      >
        <div class="main" id="chat-panel" role="tabpanel" aria-labelledby="chat-tab">
          <course-chat-low-balance
            .store=${this.store}
            .strings=${s}
            @course-chat-jump=${this.#onJump}
          ></course-chat-low-balance>
          <course-chat-stream
            .store=${this.store}
            .strings=${s}
            .locale=${this.#locale}
            .profileHref=${this.profileHref}
            .stProfileHref=${this.stProfileHref}
            .onView=${this.#attention.viewed}
            @course-chat-message-action=${this.#actions.handle}
          ></course-chat-stream>
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

  /** A narrow layout's tab: the stream (`chat`) or the help queue (`queue`), each its panel's label. */
  #renderTab(tab: 'chat' | 'queue', label: string) {
    return html`<button
      role="tab"
      id="${tab}-tab"
      aria-selected=${this.tab === tab ? 'true' : 'false'}
      aria-controls="${tab}-panel"
      @click=${() => (this.tab = tab)}
    >
      ${label}
    </button>`;
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

  /** A jump from the composer or the help queue shows the message in the stream. */
  #onJump(event: CourseChatJumpEvent): Promise<void> | undefined {
    this.tab = 'chat';
    return this.stream?.jumpTo(event.messageId, true);
  }

  #navigate(event: MouseEvent, destination: NavigationTarget): void {
    event.preventDefault();
    const href = destination === 'course' ? this.backHref : this.helpHref;
    if (this.dispatchEvent(new CourseChatNavigateEvent(destination, href)) && href) location.assign(href);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat': CourseChat;
  }
}

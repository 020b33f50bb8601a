import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { createChatSession, type ChatStore, type StreamMessage, type Thread } from '../state/index.js';
import { courseChatStyles } from './course-chat.styles.js';
import type { CourseChatAwardDialog } from './course-chat-award-dialog.js';
import type { CourseChatComposer } from './course-chat-composer.js';
import {
  CourseChatAnalyticsEvent,
  CourseChatErrorEvent,
  CourseChatNavigateEvent,
  type NavigationTarget,
  type CourseChatJumpEvent,
  type CourseChatMessageActionEvent,
} from './events.js';
import { profileHrefOf } from './avatar.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';

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
 * A live chat room for one course: the message stream with questions and their answers, who is
 * online, and a composer. It reaches its backend through the protocol in docs/protocol.md.
 *
 * @fires course-chat-navigate - "Back to Course", "Need 1-on-1 Help?" or a person's name was chosen (`destination`, `href`, `userId`). Cancelable; otherwise `back-href`, `help-href`, `profile-href` or `st-profile-href` is followed.
 * @fires course-chat-analytics - An analytics event of the page spec happened (`name`, `data`).
 * @fires course-chat-error - Invalid data from the network was dropped (`error`); reported once per kind.
 *
 * @cssprop --course-chat-accent - Buttons, links and the Send button.
 * @cssprop --course-chat-bg - Background of the stream and the text area.
 * @cssprop --course-chat-surface - Background of the header and the composer.
 * @cssprop --course-chat-text - Main text colour.
 * @cssprop --course-chat-muted - Secondary text: times, counts, hints.
 * @cssprop --course-chat-border - Lines between regions and around inputs.
 * @cssprop --course-chat-question-bg - Background of a question and its answers.
 * @cssprop --course-chat-question-border - The accent line beside an open question.
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

  /**
   * Returns the bearer token for requests, called before each one. Without it the browser's
   * cookies authenticate the user.
   */
  @property({ attribute: false }) getAuthToken?: () => Promise<string>;

  @state() private store?: ChatStore;

  /** Narrow layouts show either the stream or the help queue. */
  @state() private tab: 'chat' | 'queue' = 'chat';
  @state() private highlighted = '';
  @state() private confirmation = '';
  /** Messages that arrived while the reader was scrolled up. */
  @state() private unseen = 0;
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
  readonly #online = new StoreController(this, () => this.store?.$onlineCount, 0);
  readonly #typing = new StoreController(this, () => this.store?.$typing, []);
  readonly #balance = new StoreController(this, () => this.store?.$balance, 0);
  readonly #awarded = new StoreController(this, () => this.store?.$awarded, {});
  readonly #notice = new StoreController(this, () => this.store?.$notice, null);
  readonly #pending = new StoreController(this, () => this.store?.$pendingQuestions, []);
  readonly #myPending = new StoreController(this, () => this.store?.$myPendingQuestions, []);
  readonly #lowBalance = new StoreController(this, () => this.store?.$lowBalance, false);
  readonly #helpers = new StoreController(this, () => this.store?.$helpers, []);

  /** Whether the reader is at the newest message, so arrivals should keep them there. */
  #stick = true;
  /**
   * The stream as last painted: stores change before an update renders, so what was on screen is
   * remembered here rather than read back from them.
   */
  #painted = { firstId: '', count: 0 };
  /** The log's geometry before the updates not yet painted; null when nothing is pending. */
  #before: { height: number; top: number } | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#confirmationTimer);
    this.store?.stop();
    this.store = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.isConnected && this.courseId && (!this.store || changed.has('courseId') || changed.has('apiBase'))) {
      this.store?.stop();
      this.store = createChatSession({
        apiBase: this.apiBase,
        courseId: this.courseId,
        // Read at each request, so a host may set or replace its token source at any time.
        getAuthToken: async () => this.getAuthToken?.(),
        onAnalytics: (event) => this.dispatchEvent(new CourseChatAnalyticsEvent(event)),
        onProtocolError: (error) => this.dispatchEvent(new CourseChatErrorEvent(error)),
      });
      void this.store.start();
    }
    const log = this.log;
    if (log && !this.#before) this.#before = { height: log.scrollHeight, top: log.scrollTop };
  }

  protected override updated(): void {
    // Message rows render after this element; measure once they have.
    requestAnimationFrame(() => {
      const log = this.log;
      const before = this.#before;
      this.#before = null;
      if (!log) return;
      const count = this.#messageCount();
      const firstId = this.#firstId();
      if (this.#stick) {
        log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
        this.#seenCount = count;
      } else if (before && firstId !== this.#painted.firstId) {
        // Older messages came in above: keep what the reader was looking at where it was, and do
        // not count them as news.
        log.scrollTo({ top: before.top + (log.scrollHeight - before.height), behavior: 'instant' });
        const messages = this.store?.$messages.get() ?? [];
        this.#seenCount += Math.max(
          0,
          messages.findIndex((m) => m.id === this.#painted.firstId),
        );
      }
      this.#painted = { firstId, count };
      const unseen = Math.max(0, count - this.#seenCount);
      if (unseen !== this.unseen) this.unseen = unseen;
    });
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
    this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < stickToBottomPx;
    // Reading back near the top brings the next older page in; updated() keeps the view in place.
    if (log.scrollTop < loadOlderWithinPx && this.#hasOlder.value && !this.#loadingOlder.value)
      void this.store?.loadOlder();
    if (this.#stick && this.unseen > 0) {
      this.#seenCount = this.#messageCount();
      this.unseen = 0;
    }
  }

  override render() {
    const room = this.#room.value;
    const failure = this.#failure.value;
    return html`
      <div class="header" part="header">
        <div>
          <h2>${room ? `${room.course.title} Chat` : 'Course Chat'}</h2>
          ${room ? html`<span class="online">${this.#online.value} online</span>` : nothing}
          ${
            this.#helpers.value.some((helper) => helper.id === room?.me.id && helper.available)
              ? html`<span class="helping">Helping</span>`
              : nothing
          }
        </div>
        ${room ? this.#renderBalance() : nothing}
        <a class="back" href=${this.backHref || '#'} @click=${(event: MouseEvent) => this.#navigate(event, 'course')}
          >Back to Course</a
        >
      </div>
      ${
        failure
          ? html`<div class="failure" role="alert">
              <strong>${failure.message}</strong>
              ${
                failure.kind === 'unavailable'
                  ? html`<button type="button" @click=${() => this.store?.reconnectNow()}>Retry</button>`
                  : nothing
              }
            </div>`
          : this.#room.value
            ? this.#renderRoom()
            : html`<div class="loading" role="status">Loading chat…</div>`
      }
    `;
  }

  #renderBalance() {
    return html`<div class="balance">
      <span class="points-to-give">${this.#balance.value} points to give</span>
      ${this.earnHref ? html`<a href=${this.earnHref}>Earn more</a>` : nothing}
    </div>`;
  }

  #renderRoom() {
    const status = this.#status.value;
    const threads = this.#threads.value;
    const typing = this.#typing.value;
    const room = this.#room.value;
    const notice = this.#notice.value;
    // Whole minutes, so rows re-render for their relative time at most once a minute.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    return html`
      ${
        status === 'reconnecting' || status === 'offline'
          ? html`<div class="banner" role="status">
              ${status === 'offline' ? 'You are offline. Reconnecting...' : 'Reconnecting...'}
              <button type="button" @click=${() => this.store?.reconnectNow()}>Retry</button>
            </div>`
          : nothing
      }
      ${
        notice
          ? html`<div class="notice" role="alert">
              ${notice.message}
              <button type="button" @click=${() => this.store?.dismissNotice()}>Dismiss</button>
            </div>`
          : nothing
      }
      ${this.confirmation ? html`<div class="confirmation" role="status">${this.confirmation}</div>` : nothing}
      ${this.#renderQuestionPending(now)}
      <div class="tabs" role="tablist" aria-label="Chat sections">
        <button
          role="tab"
          id="chat-tab"
          aria-selected=${this.tab === 'chat' ? 'true' : 'false'}
          aria-controls="chat-panel"
          @click=${() => (this.tab = 'chat')}
        >
          Chat
        </button>
        <button
          role="tab"
          id="queue-tab"
          aria-selected=${this.tab === 'queue' ? 'true' : 'false'}
          aria-controls="queue-panel"
          @click=${() => (this.tab = 'queue')}
        >
          Help queue (${this.#pending.value.length})
        </button>
      </div>
      <div class="body" data-tab=${this.tab}>
        <div class="main" id="chat-panel" role="tabpanel" aria-labelledby="chat-tab">
          ${
            this.#lowBalance.value
              ? html`<p class="low-balance">
                  Running low on points? Answer a pending question to earn more from grateful classmates.
                </p>`
              : nothing
          }
          ${
            threads.length === 0
              ? html`<div class="quiet" part="log">
                  <strong>Start the conversation</strong>
                  <span>No messages yet. Ask a question or say hello to your classmates.</span>
                </div>`
              : html`<div
                  class="log"
                  part="log"
                  role="log"
                  aria-label="Messages"
                  tabindex="0"
                  @scroll=${this.#onScroll}
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
                          ${this.#loadingOlder.value ? 'Loading…' : 'Load older messages'}
                        </button>`
                      : nothing
                  }
                  ${repeat(
                    threads,
                    (thread) => thread.message.id,
                    (thread, index) => this.#renderThread(thread, threads[index - 1], now),
                  )}
                </div>`
          }
          ${
            this.unseen > 0
              ? html`<button type="button" class="new-messages" @click=${this.#scrollToNewest}>
                  ${this.unseen === 1 ? '1 new message' : `${this.unseen} new messages`} ↓
                </button>`
              : nothing
          }
          <div class="typing" aria-live="polite">${typingText(typing.map((user) => user.name))}</div>
          <course-chat-composer
            part="composer"
            @course-chat-jump=${this.#onJump}
            .store=${this.store}
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
          st-profile-href=${this.stProfileHref}
          @course-chat-jump=${this.#onJump}
        ></course-chat-help-queue>
      </div>
      <course-chat-award-dialog .store=${this.store}></course-chat-award-dialog>
    `;
  }

  /** "Question Pending": one's own question is still waiting; after a long wait, offer 1-on-1 help. */
  #renderQuestionPending(now: number) {
    const mine = this.#myPending.value;
    const oldest = mine[0];
    if (!oldest) return nothing;
    const longWait = now - Date.parse(oldest.created_at) > longWaitMs;
    return html`<div class="question-pending ${longWait ? 'long-wait' : ''}" role="status">
      <span
        >${mine.length === 1 ? 'Your question is waiting for an answer.' : `${mine.length} of your questions are waiting.`}
        ${longWait ? 'It has been a while.' : ''}</span
      >
      <a href=${this.helpHref || '#'} class="help-link" @click=${(event: MouseEvent) => this.#navigate(event, 'help')}
        >Need 1-on-1 Help?</a
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
    this.confirmation = `${points} points to ${message.author.name}. Thank you!`;
    clearTimeout(this.#confirmationTimer);
    this.#confirmationTimer = setTimeout(() => (this.confirmation = ''), confirmationMs);
  }

  async #onJump(event: CourseChatJumpEvent): Promise<void> {
    this.tab = 'chat';
    this.highlighted = event.messageId;
    await this.store?.loadUntil(event.messageId);
    await this.updateComplete;
    const target = [...(this.log?.querySelectorAll('course-chat-message') ?? [])].find(
      (row) => row.message?.id === event.messageId,
    );
    target?.scrollIntoView({ block: 'center' });
    this.#stick = false;
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
    return html`<div class=${classes}>
      <course-chat-message
        .message=${message}
        .now=${now}
        ?continued=${continued}
        ?mine=${message.author.id === me?.id}
        .awarded=${awarded[message.id] ?? 0}
        profile-href=${profileHrefOf(message.author, this.profileHref, this.stProfileHref)}
      ></course-chat-message>
      ${
        thread.replies.length > 0
          ? html`<div class="replies" role="group" aria-label="Answers">
              ${repeat(
                thread.replies,
                (reply) => reply.id,
                (reply, index) =>
                  html`<course-chat-message
                    .message=${reply}
                    .now=${now}
                    ?continued=${follows(reply, thread.replies[index - 1])}
                    ?mine=${reply.author.id === me?.id}
                    ?can-mark-helpful=${canMarkAnswer && reply.author.id !== message.author.id}
                    .awarded=${awarded[reply.id] ?? 0}
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

function follows(message: StreamMessage, previous: StreamMessage | undefined): boolean {
  return (
    previous !== undefined &&
    previous.author.id === message.author.id &&
    Date.parse(message.created_at) - Date.parse(previous.created_at) < groupWindowMs
  );
}

function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat': CourseChat;
  }
}

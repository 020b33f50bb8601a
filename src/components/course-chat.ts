import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { createChatSession, type ChatStore, type StreamMessage, type Thread } from '../state/index.js';
import { courseChatStyles } from './course-chat.styles.js';
import { CourseChatNavigateEvent, type CourseChatRetryEvent } from './events.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';

/** Messages by one author this close together read as one block. */
const groupWindowMs = 5 * 60_000;
/** How near the bottom still counts as reading the newest messages. */
const stickToBottomPx = 48;

/**
 * A live chat room for one course: the message stream with questions and their answers, who is
 * online, and a composer. It reaches its backend through the protocol in docs/protocol.md.
 *
 * @fires course-chat-navigate - "Back to Course" was chosen. Cancelable; otherwise `back-href` is followed.
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
 */
export class CourseChat extends LitElement {
  static override styles = [sharedStyles, courseChatStyles];

  /** The course whose room to open. Changing it switches rooms. */
  @property({ attribute: 'course-id' }) courseId = '';

  /** Where the backend's REST endpoints live; the socket URL is derived from it. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** Where "Back to Course" leads, unless the host handles `course-chat-navigate`. */
  @property({ attribute: 'back-href' }) backHref = '';

  /**
   * Returns the bearer token for requests, called before each one. Without it the browser's
   * cookies authenticate the user.
   */
  @property({ attribute: false }) getAuthToken?: () => Promise<string>;

  @state() private store?: ChatStore;

  @query('.log') private log?: HTMLElement;

  readonly #status = new StoreController(this, () => this.store?.$status, 'loading');
  readonly #failure = new StoreController(this, () => this.store?.$failure, null);
  readonly #room = new StoreController(this, () => this.store?.$room, null);
  readonly #threads = new StoreController(this, () => this.store?.$threads, []);
  readonly #hasOlder = new StoreController(this, () => this.store?.$hasOlder, false);
  readonly #loadingOlder = new StoreController(this, () => this.store?.$loadingOlder, false);
  readonly #online = new StoreController(this, () => this.store?.$onlineCount, 0);
  readonly #typing = new StoreController(this, () => this.store?.$typing, []);

  /** Whether the reader is at the newest message, so arrivals should keep them there. */
  #stick = true;
  #before = { height: 0, top: 0, firstId: '' };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store?.stop();
    this.store = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.isConnected && this.courseId && (!this.store || changed.has('courseId') || changed.has('apiBase'))) {
      this.store?.stop();
      const getAuthToken = this.getAuthToken;
      this.store = createChatSession({ apiBase: this.apiBase, courseId: this.courseId, getAuthToken });
      void this.store.start();
    }
    const log = this.log;
    if (log) this.#before = { height: log.scrollHeight, top: log.scrollTop, firstId: this.#firstId() };
  }

  protected override updated(): void {
    // Message rows render after this element; measure once they have.
    requestAnimationFrame(() => {
      const log = this.log;
      if (!log) return;
      if (this.#stick) log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
      else if (this.#firstId() !== this.#before.firstId) {
        // Older messages came in above: keep what the reader was looking at where it was.
        log.scrollTo({ top: this.#before.top + (log.scrollHeight - this.#before.height), behavior: 'instant' });
      }
    });
  }

  #firstId(): string {
    return this.#threads.value[0]?.message.id ?? '';
  }

  #onScroll(event: Event): void {
    const log = event.currentTarget as HTMLElement;
    this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < stickToBottomPx;
  }

  override render() {
    const room = this.#room.value;
    const failure = this.#failure.value;
    return html`
      <header part="header">
        <div>
          <h2>${room ? `${room.course.title} Chat` : 'Course Chat'}</h2>
          ${room ? html`<span class="online">${this.#online.value} online</span>` : nothing}
        </div>
        <a class="back" href=${this.backHref || '#'} @click=${this.#back}>Back to Course</a>
      </header>
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

  #renderRoom() {
    const status = this.#status.value;
    const threads = this.#threads.value;
    const typing = this.#typing.value;
    const now = Date.now();
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
              @course-chat-retry=${(event: CourseChatRetryEvent) => this.store?.retry(event.clientId)}
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
      <div class="typing" aria-live="polite">${typingText(typing.map((user) => user.name))}</div>
      <course-chat-composer
        part="composer"
        .store=${this.store}
        max-length=${this.#room.value?.limits.max_message_length ?? 2000}
      ></course-chat-composer>
    `;
  }

  #renderThread(thread: Thread, previous: Thread | undefined, now: number) {
    const { message } = thread;
    const classes = ['thread', message.is_question ? 'question' : '', message.question_status ?? ''].join(' ');
    const continued = !message.is_question && !previous?.message.is_question && follows(message, previous?.message);
    return html`<div class=${classes}>
      <course-chat-message .message=${message} .now=${now} ?continued=${continued}></course-chat-message>
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
                  ></course-chat-message>`,
              )}
            </div>`
          : nothing
      }
    </div>`;
  }

  #back(event: MouseEvent): void {
    event.preventDefault();
    const navigate = new CourseChatNavigateEvent('course', this.backHref);
    if (this.dispatchEvent(navigate) && this.backHref) location.assign(this.backHref);
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

import { fixture, html, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { startMockBackend, type MockSession, type StartMockOptions } from '../../src/mock/index.js';

export { postAs } from '../state/helpers.js';

/**
 * Starts a fresh mock backend before each test of the calling suite and stops it after; returns
 * a getter for the running one.
 */
export function useMockBackend(options: StartMockOptions): () => MockSession {
  let mock: MockSession | undefined;
  beforeEach(async () => {
    mock = await startMockBackend(options);
  });
  afterEach(async () => {
    localStorage.clear();
    await mock?.stop();
  });
  return () => {
    if (!mock) throw new Error('The mock backend is not running');
    return mock;
  };
}

/** Opens `<course-chat>` on the mock's scenario course as `userId` and waits until it is live. */
export async function openRoom(mock: MockSession, userId: string): Promise<CourseChat> {
  const el = await fixture<CourseChat>(
    html`<course-chat
      course-id=${mock.scenario!.courseId}
      back-href="#course"
      .getAuthToken=${() => mock.tokenFor(userId)}
    ></course-chat>`,
  );
  return untilLive(el);
}

/**
 * Opens `<course-chat>` as `openRoom` does, inside a box styled `frameStyle` (a phone's whole
 * screen, a pane of some width), as a host page would place it.
 */
export async function openRoomIn(mock: MockSession, frameStyle: string, userId = mock.scenario!.me.id) {
  const frame = await fixture<HTMLDivElement>(
    html`<div style=${frameStyle}>
      <course-chat
        course-id=${mock.scenario!.courseId}
        back-href="#course"
        .getAuthToken=${() => mock.tokenFor(userId)}
      ></course-chat>
    </div>`,
  );
  return untilLive(frame.querySelector<CourseChat>('course-chat')!);
}

async function untilLive(el: CourseChat): Promise<CourseChat> {
  await waitUntil(
    () => (el.shadowRoot!.textContent ?? '').includes('online') || failureOf(el),
    'the room never loaded',
  );
  // The composer, the settings and the help queue load as the room connects, after its first paint;
  // the room shows once its composer has arrived.
  await Promise.all(['course-chat-settings', 'course-chat-help-queue'].map((tag) => customElements.whenDefined(tag)));
  await waitUntil(
    () => shadow(el).querySelector('course-chat-composer')?.hasUpdated || failureOf(el),
    'the room never showed its composer',
  );
  return el;
}

export const shadow = (el: Element) => el.shadowRoot!;

const failureOf = (el: CourseChat) => shadow(el).querySelector('[role="alert"]');

/** The stream's scrolling message log, once the room has messages. */
export function logOf(el: CourseChat): HTMLElement | null {
  return shadow(el).querySelector('course-chat-stream .log');
}

/** The message rows the stream has rendered, in order. */
export function rows(el: CourseChat): CourseChatMessage[] {
  return [...shadow(el).querySelectorAll<CourseChatMessage>('course-chat-stream course-chat-message')];
}

export function rowWith(el: CourseChat, content: string): CourseChatMessage | undefined {
  return rows(el).find((row) => row.message?.content === content);
}

export function composerOf(el: CourseChat) {
  return shadow(el).querySelector('course-chat-composer')!;
}

/** The composer's text area. */
export function textareaOf(el: CourseChat): HTMLTextAreaElement {
  return shadow(composerOf(el)).querySelector('textarea')!;
}

export function helpQueueOf(el: CourseChat) {
  return shadow(el).querySelector('course-chat-help-queue')!;
}

/** The award dialog, once its first use (This Helped!) has loaded it. */
export async function awardDialogOf(el: CourseChat) {
  await customElements.whenDefined('course-chat-award-dialog');
  return shadow(el).querySelector('course-chat-award-dialog')!;
}

/** The stream's "N new messages" button, while it shows. */
export function newMessagesOf(el: CourseChat): HTMLButtonElement | null {
  return shadow(el).querySelector('course-chat-stream .new-messages');
}

/** The message the stream outlined after a jump, if any. */
export function highlightedRow(el: CourseChat): CourseChatMessage | null {
  return shadow(el).querySelector('course-chat-stream .thread.highlighted course-chat-message');
}

/** The New messages divider, and the button up to it, while they show. */
export function unreadDividerOf(el: CourseChat): HTMLElement | null {
  return shadow(el).querySelector('course-chat-stream .unread-divider');
}

export function firstUnreadJumpOf(el: CourseChat): HTMLButtonElement | null {
  return shadow(el).querySelector('course-chat-stream .first-unread');
}

/** Types into the composer and sends with Enter, as a person would. */
export async function say(el: CourseChat, text: string, { question = false } = {}): Promise<void> {
  const composer = composerOf(el);
  if (question) {
    shadow(composer).querySelector<HTMLButtonElement>('.ask')!.click();
    await composer.updateComplete;
  }
  shadow(composer).querySelector('textarea')!.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => rowWith(el, text)?.message?.delivery === 'sent', `"${text}" was not sent`);
}

export function action(row: CourseChatMessage, name: string): HTMLButtonElement | null {
  return shadow(row).querySelector<HTMLButtonElement>(`.action.${name}`);
}

/**
 * A host for a reactive controller tested alone: it records update requests and events, and runs
 * its controllers' update steps when the test says.
 */
export class ControllerHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  requests = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.requests += 1;
  }
  /** An update: what controllers do before and after it. */
  update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
    for (const controller of this.controllers) controller.hostUpdated?.();
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

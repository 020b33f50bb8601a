/** Where a navigation from the chat wants to go; the host may route it itself. */
export type NavigationTarget = 'course';

/**
 * Fired when the person asks to leave the chat ("Back to Course"). Cancelable: call
 * `preventDefault()` to route in the host; otherwise the element follows `back-href`.
 */
export class CourseChatNavigateEvent extends Event {
  static readonly eventName = 'course-chat-navigate';
  readonly destination: NavigationTarget;
  readonly href: string;

  constructor(destination: NavigationTarget, href: string) {
    super(CourseChatNavigateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.destination = destination;
    this.href = href;
  }
}

/** A failed message of one's own should be sent again (from a message row to its room). */
export class CourseChatRetryEvent extends Event {
  static readonly eventName = 'course-chat-retry';
  readonly clientId: string;

  constructor(clientId: string) {
    super(CourseChatRetryEvent.eventName, { bubbles: true });
    this.clientId = clientId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'course-chat-navigate': CourseChatNavigateEvent;
    'course-chat-retry': CourseChatRetryEvent;
  }
}

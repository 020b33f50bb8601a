import type { ReportBody, User } from '../protocol/index.js';
import type { AnalyticsEvent, AuthRefusal, ChatNotification, Unread } from '../state/index.js';

// Each event's fields are assigned from one object literal, so a field is named once per event.
const bubbling: EventInit = { bubbles: true };
/** Events for the host cross the element's shadow root. */
const outOfShadow: EventInit = { bubbles: true, composed: true };
const cancelableOutOfShadow: EventInit = { ...outOfShadow, cancelable: true };

/**
 * Where a navigation from the chat wants to go; the host may route it itself. `profile` and
 * `st-profile` are a person's profile page, `st-profile` when they are a student-teacher.
 */
export type NavigationTarget = 'course' | 'help' | 'profile' | 'st-profile';

/**
 * Fired when the person asks to leave the chat: "Back to Course", "Need 1-on-1 Help?", or a
 * person's name or avatar. Cancelable: call `preventDefault()` to route in the host; otherwise the
 * element follows `back-href`, `help-href`, `profile-href` or `st-profile-href`.
 */
export class CourseChatNavigateEvent extends Event {
  static readonly eventName = 'course-chat-navigate';
  declare readonly destination: NavigationTarget;
  declare readonly href: string;
  /** Whose profile, for `profile` and `st-profile`; empty otherwise. */
  declare readonly userId: string;

  constructor(destination: NavigationTarget, href: string, userId = '') {
    super(CourseChatNavigateEvent.eventName, cancelableOutOfShadow);
    Object.assign(this, { destination, href, userId });
  }
}

/** What a person can do with a message from its row or its menu. */
export type MessageAction =
  | 'reply'
  | 'retry'
  | 'mark-question'
  | 'mark-helpful'
  | 'award'
  | 'quick-award'
  | 'report'
  | 'edit'
  | 'delete'
  | 'hide'
  | 'restore'
  | 'mute';

/** What some actions need besides the message: a report's reason, a mute's end. */
export interface MessageActionDetails {
  report?: ReportBody;
  /** When a mute ends. */
  until?: string;
}

/** A message row's action was chosen (its button, or its menu); the room carries it out. */
export class CourseChatMessageActionEvent extends Event {
  static readonly eventName = 'course-chat-message-action';
  declare readonly action: MessageAction;
  declare readonly messageId: string;
  declare readonly details: MessageActionDetails;

  constructor(action: MessageAction, messageId: string, details: MessageActionDetails = {}) {
    super(CourseChatMessageActionEvent.eventName, bubbling);
    Object.assign(this, { action, messageId, details });
  }
}

/** Show this message in the stream: scroll to it and highlight it (from the help queue). */
export class CourseChatJumpEvent extends Event {
  static readonly eventName = 'course-chat-jump';
  declare readonly messageId: string;

  constructor(messageId: string) {
    super(CourseChatJumpEvent.eventName, bubbling);
    Object.assign(this, { messageId });
  }
}

/**
 * One of the page spec's analytics events (`page_view`, `message_sent`, `question_asked`,
 * `points_awarded`, `helper_online`), or moderation's `message_reported`, with its data, for the
 * host to forward to its analytics.
 * Its type is a union over the names, so checking `event.name` narrows `event.data`.
 */
export type CourseChatAnalyticsEvent = Event & Readonly<AnalyticsEvent>;

interface CourseChatAnalyticsEventConstructor {
  readonly eventName: 'course-chat-analytics';
  readonly prototype: CourseChatAnalyticsEvent;
  new <Analytics extends AnalyticsEvent>(event: Analytics): Event & Readonly<Analytics>;
}

// A class cannot declare a union as its instance type, so the runtime class is exported under the
// union's name, its constructor typed to return the very member it was given.
class AnalyticsEventClass extends Event {
  static readonly eventName = 'course-chat-analytics';
  declare readonly name: AnalyticsEvent['name'];
  declare readonly data: AnalyticsEvent['data'];

  constructor({ name, data }: AnalyticsEvent) {
    super(AnalyticsEventClass.eventName, outOfShadow);
    Object.assign(this, { name, data });
  }
}

export const CourseChatAnalyticsEvent = AnalyticsEventClass as unknown as CourseChatAnalyticsEventConstructor;

/**
 * Something from the network was wrong and was dropped (a malformed frame or body). Reported once
 * per kind of fault, for the host's error monitoring; the chat goes on.
 */
export class CourseChatErrorEvent extends Event {
  static readonly eventName = 'course-chat-error';
  declare readonly error: Error;

  constructor(error: Error) {
    super(CourseChatErrorEvent.eventName, outOfShadow);
    Object.assign(this, { error });
  }
}

/**
 * A mention of the user, an answer to their question, or points they received arrived, and the
 * room is not muted: for the host's own notification service (NOTF). Fired whether or not the
 * browser shows a notification.
 */
export class CourseChatNotificationEvent extends Event {
  static readonly eventName = 'course-chat-notification';
  declare readonly kind: ChatNotification['kind'];
  declare readonly courseId: string;
  declare readonly messageId: string;
  /** Who wrote the message, or gave the points. */
  declare readonly from: User;
  declare readonly text: string;
  /** Points received, for `points`; 0 otherwise. */
  declare readonly points: number;

  constructor({ kind, courseId, messageId, from, text, points }: ChatNotification) {
    super(CourseChatNotificationEvent.eventName, outOfShadow);
    Object.assign(this, { kind, courseId, messageId, from, text, points });
  }
}

/**
 * The number of unread messages (or of those mentioning the user) changed, so the host can badge
 * its course chat icon; `muted` says whether the user muted the room, for a quieter badge.
 */
export class CourseChatUnreadEvent extends Event {
  static readonly eventName = 'course-chat-unread';
  declare readonly courseId: string;
  declare readonly count: number;
  declare readonly mentions: number;
  declare readonly muted: boolean;

  constructor(courseId: string, { count, mentions }: Unread, muted: boolean) {
    super(CourseChatUnreadEvent.eventName, outOfShadow);
    Object.assign(this, { courseId, count, mentions, muted });
  }
}

/**
 * The backend refused the user's credentials (401): `getAuthToken` is missing or gave no token, or
 * one that is invalid or expired (`reason`). The room shows that the user is not signed in, and by
 * itself asks `getAuthToken` again after `retryInMs` (1 s doubling to 30 s, jittered, 6 times; null
 * once spent). Cancelable: `preventDefault()` means the host is refreshing its session; the room
 * then waits until the host sets a new `getAuthToken` or calls `retry()`. Setting `getAuthToken`
 * opens a room waiting for sign-in at once, canceled or not.
 */
export class CourseChatAuthRequiredEvent extends Event {
  static readonly eventName = 'course-chat-auth-required';
  declare readonly courseId: string;
  declare readonly reason: AuthRefusal['reason'];
  /** Refusals in a row, from 1. */
  declare readonly attempt: number;
  declare readonly retryInMs: number | null;

  constructor(courseId: string, { reason, attempt, retryInMs }: AuthRefusal) {
    super(CourseChatAuthRequiredEvent.eventName, cancelableOutOfShadow);
    Object.assign(this, { courseId, reason, attempt, retryInMs });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'course-chat-navigate': CourseChatNavigateEvent;
    'course-chat-message-action': CourseChatMessageActionEvent;
    'course-chat-jump': CourseChatJumpEvent;
    'course-chat-analytics': CourseChatAnalyticsEvent;
    'course-chat-error': CourseChatErrorEvent;
    'course-chat-notification': CourseChatNotificationEvent;
    'course-chat-unread': CourseChatUnreadEvent;
    'course-chat-auth-required': CourseChatAuthRequiredEvent;
  }
}

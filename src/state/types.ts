import type { ReadableAtom } from 'nanostores';
import type {
  ChatMessage,
  PresentUser,
  ReportBody,
  ReportReason,
  ReportedResponse,
  RoomDecisionBody,
  RoomResponse,
  RoomSettings,
  SearchResponse,
  User,
} from '../protocol/index.js';

/** Where the element's connection to its room stands, as a person should see it. */
export type ConnectionStatus =
  /** Fetching the room and the newest history. */
  | 'loading'
  /** Socket opening, or catching up on missed messages before showing live. */
  | 'connecting'
  | 'live'
  /** Lost the socket; retrying with backoff ("Reconnecting..."). */
  | 'reconnecting'
  /** The browser says it is offline. */
  | 'offline'
  /** Stopped for good: see `$failure`. */
  | 'failed';

/** Why the room cannot be shown; the element maps each kind to the spec's text. */
export type FailureKind = 'not_enrolled' | 'feature_disabled' | 'course_not_found' | 'unauthenticated' | 'unavailable';

export interface ChatFailure {
  kind: FailureKind;
}

/**
 * The backend refused the room's credentials (401): no token, or one it rejected (`unauthenticated`),
 * or one that has expired (`token_expired`). `attempt` counts such refusals in a row; `retryInMs`
 * is when the room tries again by itself, null once its retries are spent.
 */
export interface AuthRefusal {
  reason: 'unauthenticated' | 'token_expired';
  attempt: number;
  retryInMs: number | null;
}

export type Delivery = 'sent' | 'pending' | 'failed';

/**
 * A message as the stream shows it: a stored one (`delivery: 'sent'`), or one of ours still on its
 * way (`pending`, `failed`), which has `seq` 0 and the id `pending:<client_id>` until stored.
 */
export type StreamMessage = ChatMessage & { delivery: Delivery };

/** A top-level message with the replies grouped under it (questions with their answers). */
export interface Thread {
  message: StreamMessage;
  replies: readonly StreamMessage[];
}

/**
 * What did not go through, to tell the person once: an award, Mark as Question, marking the answer
 * that helped, the "Available to Help" switch, a report, saving the room settings, or something
 * that needs the socket while it is down. The element words it.
 */
export type NoticeKind =
  | 'award_failed'
  | 'mark_question_failed'
  | 'mark_helpful_failed'
  | 'availability_failed'
  | 'report_failed'
  | 'edit_failed'
  | 'delete_failed'
  | 'moderation_failed'
  | 'settings_failed'
  | 'not_connected';

export interface Notice {
  kind: NoticeKind;
  /**
   * Why the backend refused, in its own words (`Not enough points.`), when it did refuse; absent
   * when the request failed on the way (network, server error) and trying again may work.
   */
  reason?: string;
  /** Does the failed action again; only when it failed on the way and the action can be repeated. */
  retry?: () => void;
}

/**
 * Something that wants the user's attention, raised for messages and awards arriving live (never
 * for history) and never while the room is muted: the element turns each into a
 * `course-chat-notification` event, and into a browser notification when the user opted in.
 */
export interface ChatNotification {
  kind: 'mention' | 'answer' | 'points';
  courseId: string;
  /** The message that mentions the user, answers their question, or earned the points. */
  messageId: string;
  /** Who wrote the message, or gave the points. */
  from: User;
  /** The message's text: the mention, the answer, or the message that earned the points. */
  text: string;
  /** Points received (`points` only; 0 otherwise). */
  points: number;
}

/** Messages after the user's read marker that are not their own. */
export interface Unread {
  count: number;
  /** How many of them mention the user. */
  mentions: number;
}

/** The page spec's analytics events, with the data it names for each. */
export type AnalyticsEvent =
  | { name: 'page_view'; data: { course_id: string; user_role: 'student' | 'student_teacher' } }
  | { name: 'message_sent'; data: { course_id: string; is_question: boolean } }
  | { name: 'question_asked'; data: { course_id: string } }
  | { name: 'points_awarded'; data: { points: number; recipient_id: string } }
  | { name: 'helper_online'; data: { st_id: string; course_id: string } }
  | { name: 'message_reported'; data: { course_id: string; message_id: string; reason: ReportReason } };

export interface SendOptions {
  isQuestion?: boolean;
  replyToId?: string;
  /** Ids of the people the text mentions (`@Name`). */
  mentions?: string[];
}

/** One element's view of one course room. Every element has its own; nothing is module-global. */
export interface ChatStore {
  readonly $status: ReadableAtom<ConnectionStatus>;
  readonly $failure: ReadableAtom<ChatFailure | null>;
  /** The room response: course, me, limits, token. Null until loaded. */
  readonly $room: ReadableAtom<RoomResponse | null>;
  readonly $balance: ReadableAtom<number>;
  /** Every message, stored ones by seq then ours in flight, never duplicated. */
  readonly $messages: ReadableAtom<readonly StreamMessage[]>;
  /** `$messages` grouped: replies under the message they answer when it is loaded. */
  readonly $threads: ReadableAtom<readonly Thread[]>;
  readonly $hasOlder: ReadableAtom<boolean>;
  readonly $loadingOlder: ReadableAtom<boolean>;
  /** The last older page could not be loaded: the stream says so where it would be, with a retry. */
  readonly $olderFailed: ReadableAtom<boolean>;
  readonly $presence: ReadableAtom<readonly PresentUser[]>;
  readonly $onlineCount: ReadableAtom<number>;
  /** Whether presence (the count, the helpers) is live; while the socket is down it is the last known. */
  readonly $presenceLive: ReadableAtom<boolean>;
  /** Other participants typing now (expire 5 s after their last typing frame). */
  readonly $typing: ReadableAtom<readonly PresentUser[]>;
  /** Questions still waiting for an answer, oldest first: the help queue. */
  readonly $pendingQuestions: ReadableAtom<readonly StreamMessage[]>;
  /** The signed-in user's own questions still waiting, oldest first ("Question Pending"). */
  readonly $myPendingQuestions: ReadableAtom<readonly StreamMessage[]>;
  /** The balance is below the room's threshold ("Low Balance"). */
  readonly $lowBalance: ReadableAtom<boolean>;
  /** Student-teachers online now, those "Available to Help" first. */
  readonly $helpers: ReadableAtom<readonly PresentUser[]>;
  /** Points this user awarded, by message id, as the backend confirmed them. */
  readonly $awarded: ReadableAtom<Readonly<Record<string, number>>>;
  readonly $notice: ReadableAtom<Notice | null>;
  /**
   * Until when (ms since the epoch) the room's anti-spam limit holds the next send back: set by
   * each send and by the backend's `retry_after_ms`. The composer shows it as a cooldown.
   */
  readonly $cooldownUntil: ReadableAtom<number>;
  /** The composer's unsent text, kept across reloads per course and user. */
  readonly $draft: ReadableAtom<string>;
  /**
   * The backend refused the sign-in (401) on some request and has let none in since: sends wait,
   * still pending, and `reconnectNow()` asks for a token again at once.
   */
  readonly $awaitingSignIn: ReadableAtom<boolean>;
  /** Everyone seen in the room (connected now, or authors of loaded messages), by id. */
  readonly $people: ReadableAtom<ReadonlyMap<string, User>>;
  /** Mute and notifications for this room, as the backend keeps them; null until loaded. */
  readonly $settings: ReadableAtom<RoomSettings | null>;
  /** Highest seq the user has read, as the backend keeps it. */
  readonly $readSeq: ReadableAtom<number>;
  /** What is unread after `$readSeq`; counted by the backend for messages not loaded. */
  readonly $unread: ReadableAtom<Unread>;
  /**
   * The first message that was unread when the room opened: the "New messages" divider goes
   * above it. Null when there was none, or once the user has written.
   */
  readonly $firstUnreadId: ReadableAtom<string | null>;
  /** The user's own message the composer is editing; null while it writes a new one. */
  readonly $editing: ReadableAtom<ChatMessage | null>;
  /** The user moderates this course: Hide, Restore, Mute and the Reported queue. */
  readonly $moderator: ReadableAtom<boolean>;
  /** Until when a moderator muted the user in this course (they read but cannot send); null if not. */
  readonly $mutedUntil: ReadableAtom<string | null>;
  /** Messages with reports not yet decided, for moderators (empty for everyone else). */
  readonly $reported: ReadableAtom<ReportedResponse['reported']>;

  start(): Promise<void>;
  /** Closes the socket and clears every timer; the store may not be started again. */
  stop(): void;
  send(content: string, options?: SendOptions): void;
  setDraft(text: string): void;
  /** "Mark as Question" on one of the user's own messages. */
  markQuestion(messageId: string): Promise<void>;
  /** The asker (or an ST) marks a reply as the answer that helped. */
  markHelpful(messageId: string): void;
  /**
   * "This Helped!": awards points to the message's author. The balance drops at once and comes
   * back if the award fails. Resolves whether the backend recorded it.
   */
  award(messageId: string, points: number): Promise<boolean>;
  /** A student-teacher's "Available to Help" switch. */
  setAvailable(available: boolean): void;
  /** Reports a message to the moderators and hides it for this user. */
  report(messageId: string, report: ReportBody): Promise<void>;
  /** The author's new text for their message, within the room's edit window; ends the editing. */
  edit(messageId: string, content: string): Promise<void>;
  /** The author deletes their message: it stays, as "Message deleted", for its thread. */
  deleteMessage(messageId: string): Promise<void>;
  /** A moderator's decision: hide, restore or dismiss a message's reports; mute or unmute someone. */
  moderate(decision: RoomDecisionBody): Promise<void>;
  /** The composer edits the user's own message `messageId` instead of writing a new one. */
  beginEdit(messageId: string): void;
  cancelEdit(): void;
  dismissNotice(): void;
  /** Sends a failed message again with the same `client_id`. */
  retry(clientId: string): void;
  loadOlder(): Promise<void>;
  /** Loads older pages until `messageId` is in the stream (a help-queue jump); whether it is. */
  loadUntil(messageId: string): Promise<boolean>;
  /** Loads older pages until the first unread message is in the stream; its id, if any. */
  loadFirstUnread(): Promise<string | null>;
  /** Call on every keystroke in the composer; throttled to one frame per 3 s. */
  typing(): void;
  /**
   * "Retry" while reconnecting, after a failed load or a refused sign-in (on any request): try now
   * instead of waiting for the backoff.
   */
  reconnectNow(): void;
  /** Changes room settings (optimistic; rolled back with a notice when the backend refuses). */
  updateSettings(change: Partial<RoomSettings>): Promise<void>;
  /** The user has seen every loaded message: moves the read marker to the newest one. */
  markAllRead(): void;
  /** Searches the room's whole history (the backend's search): one page, after `before` if given. */
  search(q: string, before?: string): Promise<SearchResponse>;
}

import type { ReportReason } from '../protocol/index.js';
import type { ChatNotification, FailureKind, NoticeKind } from '../state/index.js';
import type { AwardDialogStrings } from './award-dialog-strings.js';
import type { HelpQueueStrings } from './help-queue-strings.js';
import type { ComposerModerationStrings } from './composer-moderation-strings.js';
import type { SearchStrings } from './search-strings.js';
import type { ReportedStrings } from './reported-strings.js';
import type { SettingsStrings } from './settings-strings.js';
import type { SuggestionStrings } from './suggestion-strings.js';
import type { LowBalanceStrings } from './low-balance-strings.js';
import type { MessageMenuStrings } from './message-menu-strings.js';
import type { MessageActionsStrings } from './message-actions-strings.js';
import type { ComposerStrings } from './composer-strings.js';

const plural = new Intl.PluralRules('en');
export const number = new Intl.NumberFormat('en');

/** "1 point", "2 points", "1,200 points". */
export const count = (n: number, one: string, other = `${one}s`) =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;

/**
 * Every text the chat shows, or gives assistive technology, in English. A host translates or
 * rewords any of them through `<course-chat>`'s `strings`. Texts with values are functions, so a
 * translation decides word order and plural forms (`Intl.PluralRules` knows them per language).
 * Times and durations are formatted by `Intl` in the element's language and passed in as text.
 */
export interface CourseChatStrings
  extends
    Partial<ComposerStrings>,
    Partial<MessageMenuStrings>,
    Partial<MessageActionsStrings>,
    Partial<LowBalanceStrings>,
    Partial<AwardDialogStrings>,
    Partial<HelpQueueStrings>,
    Partial<SettingsStrings>,
    Partial<ReportedStrings>,
    Partial<ComposerModerationStrings>,
    Partial<SearchStrings>,
    Partial<SuggestionStrings> {
  // The header.
  /** "Linear Algebra Chat": `course` is the course's title, '' until the room has loaded. */
  title: (course: string) => string;
  /** "12 online" */
  online: (count: number) => string;
  /** "Helping": the signed-in student-teacher is available to help. */
  helping: string;
  /** "40 points to give": the signed-in user's goodwill balance. */
  balance: (count: number) => string;
  /** "Earn more" */
  earnMore: string;
  /** "Back to Course" */
  back: string;

  // The room's state.
  /** "Loading chat…" */
  loading: string;
  /** Why the room cannot be shown, by kind. */
  failures: Record<FailureKind, string>;
  /** "You are offline. Reconnecting..." and "Reconnecting..." */
  offline: string;
  reconnecting: string;
  /** "Retry": reconnect, or send a failed message again. */
  retry: string;
  /** What did not go through, by kind; a refusal's reason from the backend follows it. */
  notices: Record<NoticeKind, string>;
  /** "Dismiss" */
  dismiss: string;
  /** "Try again": does again what failed on the way (an award). */
  tryAgain: string;
  /** "Undo" */
  undo: string;
  /** "Your question is waiting for an answer.": the user's own questions still pending. */
  pending: (count: number) => string;
  /** "It has been a while." */
  longWait: string;
  /** "Need 1-on-1 Help?" */
  needHelp: string;

  // The stream.
  /** "Chat sections": the accessible name of a narrow layout's tabs. */
  tabs: string;
  /** "Chat" */
  chatTab: string;
  /** "Help queue (3)" */
  queueTab: (count: number) => string;
  /** "Start the conversation", and the hint below it. */
  empty: string;
  emptyHint: string;
  /** "Messages": the accessible name of the message log. */
  log: string;
  /** "Load older messages" and "Loading…" */
  older: string;
  loadingOlder: string;
  /** The older page failed: said in the stream, on the button that loads it again. */
  olderFailed: string;
  /** "3 new messages": arrived while the reader was scrolled up. */
  unseen: (count: number) => string;
  /** "New messages since your last visit" */
  sinceLastVisit: string;
  /** "New messages": the divider above the first unread one. */
  divider: string;
  /** "Answers": the accessible name of a question's answers. */
  answers: string;
  /** "Ana is typing…": one name or more. */
  typing: (names: readonly string[]) => string;
  /** "Ana mentioned you": a browser notification's title. */
  notification: (kind: ChatNotification['kind'], name: string) => string;

  // A message.
  /** The student-teacher badge: "ST", its tooltip, and "Student-teacher" for screen readers. */
  st: string;
  stTitle: string;
  stName: string;
  /** "+5 goodwill points" that a message earned. */
  earned: (points: number) => string;
  /** "Mentions you: ", read out before a message that does. */
  mentionsYou: string;
  /** "Question" and "Answered question" */
  question: string;
  answeredQuestion: string;
  /** The actions: "Reply", "Mark as Question", "Mark as answer", "This Helped!", "Report". */
  reply: string;
  markQuestion: string;
  markAnswer: string;
  thisHelped: string;
  report: string;
  /** "Reply: Ana": the accessible name of an action on Ana's message. */
  actionOn: (action: string, name: string) => string;
  /** "More": the button that opens a message's menu of every action. */
  more: string;
  /** "edited", beside the time of a message its author edited. */
  edited: string;
  /** "Message deleted" and "Removed by a moderator" (seen by its author): what stays of a message. */
  deleted: string;
  removed: string;
  /** "Hidden": a message hidden pending review, as moderators see it. */
  hidden: string;
  /** "You gave 5 points" */
  youGave: (points: number) => string;
  /** "Copy code", on a code block. */
  copyCode: string;
  /** "This formula could not be shown": the tooltip on the TeX source of an invalid formula. */
  mathError: string;
  /** "Sending…" and "Message not sent." */
  sending: string;
  notSent: string;
  /** Why a message was reported: "Spam", "Harassment", "Off-topic", "Other". */
  reportReasons: Record<ReportReason, string>;

  // Moderation: the decisions of moderators (in a message's menu and the Reported queue).
  /** A moderator's decisions: "Hide", "Restore", "Mute author" and its "Mute for" durations. */
  hide: string;
  restore: string;
  muteAuthor: string;
  muteFor: string;

  /** "Cancel": closes a dialog, a menu or an edit and does nothing. */
  cancel: string;
}

/** The page spec's texts. */
export const defaultStrings: CourseChatStrings = {
  title: (course) => (course ? `${course} Chat` : 'Course Chat'),
  online: (n) => `${number.format(n)} online`,
  helping: 'Helping',
  balance: (n) => `${count(n, 'point')} to give`,
  earnMore: 'Earn more',
  back: 'Back to Course',
  loading: 'Loading chat…',
  failures: {
    not_enrolled: 'You must be enrolled to access this chat.',
    unauthenticated: 'You are not signed in. Sign in to use the chat.',
    feature_disabled: 'Course chat is not available for your account.',
    course_not_found: 'This course has no chat.',
    unavailable: 'The chat could not be loaded.',
  },
  offline: 'You are offline. Reconnecting...',
  reconnecting: 'Reconnecting...',
  retry: 'Retry',
  notices: {
    award_failed: 'Unable to award points. Try again.',
    mark_question_failed: 'Could not mark the question.',
    mark_helpful_failed: 'Could not mark the answer.',
    availability_failed: 'Could not change your availability.',
    report_failed: 'Could not report the message.',
    edit_failed: 'Could not save your edit.',
    delete_failed: 'Could not delete the message.',
    moderation_failed: 'Could not apply the moderation decision.',
    settings_failed: 'Could not save the room settings. Try again.',
    not_connected: 'Not connected. Try again when the chat is back.',
  },
  dismiss: 'Dismiss',
  tryAgain: 'Try again',
  undo: 'Undo',
  pending: (n) =>
    n === 1 ? 'Your question is waiting for an answer.' : `${number.format(n)} of your questions are waiting.`,
  longWait: 'It has been a while.',
  needHelp: 'Need 1-on-1 Help?',
  tabs: 'Chat sections',
  chatTab: 'Chat',
  queueTab: (n) => `Help queue (${number.format(n)})`,
  empty: 'Start the conversation',
  emptyHint: 'No messages yet. Ask a question or say hello to your classmates.',
  log: 'Messages',
  older: 'Load older messages',
  loadingOlder: 'Loading…',
  olderFailed: 'Older messages could not be loaded.',
  unseen: (n) => count(n, 'new message'),
  sinceLastVisit: 'New messages since your last visit',
  divider: 'New messages',
  answers: 'Answers',
  typing: (names) =>
    names.length > 2
      ? 'Several people are typing…'
      : `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} typing…`,
  notification: (kind, name) =>
    `${name} ${{ mention: 'mentioned you', answer: 'answered your question', points: 'gave you points' }[kind]}`,
  st: 'ST',
  stTitle: 'Student-teacher for this course',
  stName: 'Student-teacher',
  earned: (points) => `+${count(points, 'goodwill point')}`,
  mentionsYou: 'Mentions you: ',
  question: 'Question',
  answeredQuestion: 'Answered question',
  reply: 'Reply',
  markQuestion: 'Mark as Question',
  markAnswer: 'Mark as answer',
  thisHelped: 'This Helped!',
  report: 'Report',
  actionOn: (action, name) => `${action}: ${name}`,
  more: 'More',
  edited: 'edited',
  deleted: 'Message deleted',
  removed: 'Removed by a moderator',
  hidden: 'Hidden',
  youGave: (points) => `You gave ${count(points, 'point')}`,
  copyCode: 'Copy code',
  mathError: 'This formula could not be shown',
  sending: 'Sending…',
  notSent: 'Message not sent.',
  reportReasons: { spam: 'Spam', harassment: 'Harassment', off_topic: 'Off-topic', other: 'Other' },
  hide: 'Hide',
  restore: 'Restore',
  muteAuthor: 'Mute author',
  muteFor: 'Mute for',
  cancel: 'Cancel',
};

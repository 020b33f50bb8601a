/**
 * What the room rules need from a backend, and how they run on it. The rules are written once
 * (room-rules.ts); the mock keeps a room in memory and answers at once, the Worker keeps it in D1
 * and its Durable Object and answers later. A rule is a generator that yields each store call's
 * answer, so one text serves both: `runNow` drives it over the mock's synchronous store (its
 * public methods stay synchronous for scenarios and tests), `runAwaiting` over the Worker's.
 */
import type {
  ChatMessage,
  GoodwillAward,
  MessageReport,
  ModerationAction,
  ModqReport,
  PresentUser,
  RoomLimits,
  RoomSettings,
  ServerFrame,
  UnreadCounts,
} from '../protocol/index.js';

export type Awaitable<T> = T | Promise<T>;

/** What a room keeps for good (D1 in the Worker): messages, reports, read markers, goodwill. */
export interface RoomRecords {
  readonly courseId: string;
  message(messageId: string): Awaitable<ChatMessage | null>;
  messageByClientId(authorId: string, clientId: string): Awaitable<ChatMessage | null>;
  /** The ids among `ids` who take part in the course (enrolled or ST), in their given order. */
  participantsAmong(ids: string[]): Awaitable<string[]>;
  /** A fresh id for a message, an award, a report or a decision from the room. */
  newId(kind: 'message' | 'award' | 'report' | 'decision'): string;
  /** Stores a new message; false when its author already stored one under its `client_id`. */
  insertMessage(message: ChatMessage): Awaitable<boolean>;
  /** Makes a message an open question; false when it already was one. */
  markQuestion(messageId: string): Awaitable<boolean>;
  /** Closes an open question; false when it was not open. */
  answerQuestion(messageId: string): Awaitable<boolean>;
  /**
   * Stores one person's report of a message, unless they already reported it (then null: one
   * report per person per message, whatever became of the first). In one step with the insert, so
   * two reporters at once each count the other if it came first: how many
   * distinct people now have an open (undecided) report on the message, this one included.
   */
  addReport(messageId: string, reportId: string, report: MessageReport): Awaitable<number | null>;
  /** Closes the message's open reports (a moderator decided on them); answers how many it closed. */
  closeReports(messageId: string, at: string): Awaitable<number>;
  /**
   * Messages of the course with open reports, each with those reports oldest first, the messages
   * ordered by their oldest open report. Hidden messages are included, with their content.
   */
  reportedMessages(): Awaitable<Array<{ message: ChatMessage; reports: MessageReport[] }>>;
  /**
   * Hands a new report to MODQ, after it is stored: at least once, whatever MODQ's state (the
   * Worker sends it to its Cloudflare Queue; the mock records it in a list it exposes).
   */
  queueForModq(report: ModqReport): Awaitable<void>;
  /** Hides or shows a message for everyone but its author and moderators; false when it already was so. */
  setHidden(messageId: string, hidden: boolean): Awaitable<boolean>;
  /**
   * The author's new text: in one step, the old content goes to the edit audit (D1
   * `chat_message_edits`) and the message gets `content` and `edited_at`. Mentions are kept.
   */
  editMessage(messageId: string, content: string, editedAt: string): Awaitable<void>;
  /**
   * The author deletes their message: `content` '' and `mentions` [], `deleted: true`, and an
   * open question stops being open (`question_status` null). Its points and the ledger stay.
   * False when it was already deleted (nothing changes then).
   */
  deleteMessage(messageId: string, at: string): Awaitable<boolean>;
  /** Whether the user holds the course's moderator role. */
  isModerator(userId: string): Awaitable<boolean>;
  /** The course's moderators, who hear `reported` and see hidden messages. */
  moderators(): Awaitable<string[]>;
  /** Stores (or clears, with null) the end of a user's mute in the course. */
  setMute(userId: string, until: string | null): Awaitable<void>;
  /**
   * Audits a decision before it is applied. The entry's id is unique: false when a decision with
   * this id is already recorded (a replayed MODQ decision), and then nothing of it is applied.
   */
  recordDecision(entry: DecisionAudit): Awaitable<boolean>;
  /** Raises the user's read marker to `seq` (never lowers it); answers the marker now. */
  raiseReadSeq(userId: string, seq: number): Awaitable<number>;
  lastSeq(): Awaitable<number>;
  unread(userId: string, readSeq: number): Awaitable<UnreadCounts>;
  updateSettings(userId: string, change: { muted?: boolean; notifications?: boolean }): Awaitable<RoomSettings>;
  balanceOf(userId: string): Awaitable<number>;
  /** The giver's award for this reason and reference: the ledger's unique key. */
  awardOf(giverId: string, reason: string, referenceId: string): Awaitable<GoodwillAward | null>;
  /**
   * The award all or nothing: the ledger row, the debit, the credit and the message's points. It,
   * not the rules' checks before it, decides when another request spent the points meanwhile.
   */
  commitAward(award: GoodwillAward): Awaitable<'committed' | 'duplicate' | 'insufficient'>;
}

/** What only the live room knows (the Durable Object in the Worker): seq, sockets, presence. */
export interface RoomLive {
  /** Highest seq stored in the room. */
  seq(): Awaitable<number>;
  /** When the user's last new message was accepted, for the rate limit. */
  lastAcceptedAt(userId: string): number | undefined;
  /** A new message took `seq` at `at`. */
  accepted(userId: string, seq: number, at: number): void;
  setAvailable(userId: string, available: boolean): void;
  present(): PresentUser[];
  broadcast(frame: ServerFrame, exceptUserId?: string): void;
  toUser(userId: string, frame: ServerFrame): void;
  /**
   * Until when the user is muted in the course (an ISO time, possibly past), or null. Asked on
   * every send, so the Worker answers from what the room holds (loaded with access, changed by
   * `setMutedUntil`), not from D1.
   */
  mutedUntil(userId: string): Awaitable<string | null>;
  /** A mute decision was stored (`RoomRecords.setMute`): the room answers it from now on. */
  setMutedUntil(userId: string, until: string | null): void;
}

/** One row of the moderation audit: who decided what, when and why. */
export interface DecisionAudit {
  /** The MODQ `decision_id`, or a fresh id for a decision from the room. */
  id: string;
  /** The moderator's user id, or `modq:` and the platform's `moderator_id` (`modq:` alone without one). */
  actor: string;
  action: ModerationAction;
  message_id: string | null;
  user_id: string | null;
  until: string | null;
  reason: string | null;
  at: string;
}

/** One call of the rules on one room. */
export interface RoomContext {
  records: RoomRecords;
  live: RoomLive;
  limits: RoomLimits;
  /** Milliseconds since the epoch, read once when the call began. */
  now: number;
}

/** A rule in progress: it yields what it waits for and ends with its answer. */
export type Rule<T> = Generator<Awaitable<unknown>, T, unknown>;

/** Waits for one store call's answer, whether it came at once or will come later. */
export function* wait<T>(answer: Awaitable<T>): Generator<Awaitable<unknown>, T, unknown> {
  // The driver hands back exactly the awaited answer it was given, so the type is preserved.
  return (yield answer) as T;
}

/** Runs a rule over a store that answers at once. */
export function runNow<T>(rule: Rule<T>): T {
  let step = rule.next();
  while (!step.done) {
    if (step.value instanceof Promise) throw new Error('runNow: the store answered with a promise');
    step = rule.next(step.value);
  }
  return step.value;
}

/** Runs a rule over a store that answers later. */
export async function runAwaiting<T>(rule: Rule<T>): Promise<T> {
  let step = rule.next();
  while (!step.done) step = rule.next(await step.value);
  return step.value;
}

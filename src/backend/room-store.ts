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
  /** A fresh id for a message or an award. */
  newId(kind: 'message' | 'award'): string;
  /** Stores a new message; false when its author already stored one under its `client_id`. */
  insertMessage(message: ChatMessage): Awaitable<boolean>;
  /** Makes a message an open question; false when it already was one. */
  markQuestion(messageId: string): Awaitable<boolean>;
  /** Closes an open question; false when it was not open. */
  answerQuestion(messageId: string): Awaitable<boolean>;
  /** Flags a message for the moderation queue, once per reporter. */
  report(messageId: string, reporterId: string, reason: string | null, at: string): Awaitable<void>;
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

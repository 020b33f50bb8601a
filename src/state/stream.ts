import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import type { ChatMessage, HistoryQuery, RoomResponse } from '../protocol/index.js';
import { groupThreads, mergeMessages } from './messages.js';
import type { StreamMessage } from './types.js';

export interface StreamOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  /** Ours still on their way, shown after the stored ones. */
  $outgoing: ReadableAtom<readonly StreamMessage[]>;
  /** Reported by this user: left out. */
  $hidden: ReadableAtom<ReadonlySet<string>>;
  /** Told of every message about to be merged, from any source, before the stream changes. */
  merging(messages: readonly ChatMessage[]): void;
  /** Told of every message merged, once the stream holds it. */
  merged(messages: readonly ChatMessage[]): void;
  ended(): boolean;
}

/**
 * Reads history forward from `query.after`, page by page, up to the newest message, handing each
 * page's messages to `take`: a catch-up after a reconnect, or the whole help queue.
 */
export async function readForward(
  api: ApiClient,
  courseId: string,
  query: HistoryQuery,
  take: (messages: readonly ChatMessage[]) => void,
  ended: () => boolean,
): Promise<void> {
  for (let after = query.after ?? 0, more = true; more && !ended();) {
    const page = await api.history(courseId, { ...query, after });
    take(page.messages);
    after = page.messages.at(-1)?.seq ?? after;
    more = page.has_more && page.messages.length > 0;
  }
}

/**
 * The stream of stored messages, kept in seq order without duplicates, and its paging: the newest
 * page, catching up after a reconnect, and older pages on demand, whose failure the stream shows.
 */
export function createStream(options: StreamOptions) {
  const { api, courseId, $room } = options;
  const $stored = atom<readonly ChatMessage[]>([]);
  const $hasOlder = atom(false);
  const $loadingOlder = atom(false);
  const $olderFailed = atom(false);

  /**
   * One stream copy per stored message object, so a new message leaves every other row's object
   * (and so its rendering) untouched.
   */
  const copies = new WeakMap<ChatMessage, StreamMessage>();
  function asSent(message: ChatMessage): StreamMessage {
    let copy = copies.get(message);
    if (!copy) {
      copy = { ...message, delivery: 'sent' };
      copies.set(message, copy);
    }
    return copy;
  }

  const $messages = computed(
    [$stored, options.$outgoing, options.$hidden],
    (stored, outgoing, hidden): StreamMessage[] => [
      ...stored.filter((message) => !hidden.has(message.id)).map(asSent),
      ...outgoing,
    ],
  );

  /** The room's page size; the backend's default before the room is known. */
  const pageSize = () => $room.get()?.limits.history_page_size;
  const oldestSeq = () => $stored.get()[0]?.seq;

  function merge(messages: readonly ChatMessage[]): void {
    options.merging(messages);
    $stored.set(mergeMessages($stored.get(), messages));
    options.merged(messages);
  }

  /** A page back from `before` (the newest without it): whether there are older ones is known then. */
  async function loadPage(before?: number): Promise<void> {
    const page = await api.history(courseId, { before, limit: pageSize() });
    if (options.ended()) return;
    merge(page.messages);
    $hasOlder.set(page.has_more);
  }

  /** The older page being fetched: every caller waits for the same one rather than none. */
  let olderPage: Promise<void> | null = null;

  function loadOlder(): Promise<void> {
    const first = oldestSeq();
    if (first === undefined || !$hasOlder.get()) return Promise.resolve();
    olderPage ??= (async () => {
      $loadingOlder.set(true);
      try {
        await loadPage(first);
        $olderFailed.set(false);
      } catch {
        $olderFailed.set(true);
      } finally {
        $loadingOlder.set(false);
        olderPage = null;
      }
    })();
    return olderPage;
  }

  /** Pages back until `reached`, the start of the room, or a page that brought nothing (a failure). */
  async function loadOlderUntil(reached: () => boolean): Promise<void> {
    while (!reached() && $hasOlder.get() && !options.ended()) {
      const oldest = oldestSeq();
      await loadOlder();
      if (oldestSeq() === oldest) return;
    }
  }

  const holds = (messageId: string) => $stored.get().some((m) => m.id === messageId);
  /** Whether `seq` falls within the loaded pages (from the oldest held on), where a message may go in. */
  const covers = (seq: number) => seq >= (oldestSeq() ?? 0) || !$hasOlder.get();

  return {
    $stored: $stored as ReadableAtom<readonly ChatMessage[]>,
    $messages,
    $threads: computed($messages, groupThreads),
    $hasOlder: $hasOlder as ReadableAtom<boolean>,
    $loadingOlder: $loadingOlder as ReadableAtom<boolean>,
    $olderFailed: $olderFailed as ReadableAtom<boolean>,
    asSent,
    merge,
    holds,
    covers,
    loadOlder,
    loadOlderUntil,

    /** The newest page, as the room opens. */
    loadNewest: (): Promise<void> => loadPage(),

    /** Fetches everything after the newest message held, page by page, so no gap survives a reconnect. */
    catchUp: (): Promise<void> =>
      readForward(api, courseId, { after: $stored.get().at(-1)?.seq ?? 0, limit: pageSize() }, merge, options.ended),

    /** Loads older pages until `messageId` is in the stream (a help-queue jump); whether it is. */
    async loadUntil(messageId: string): Promise<boolean> {
      await loadOlderUntil(() => holds(messageId));
      return holds(messageId);
    },
  };
}

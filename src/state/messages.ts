import type { ChatMessage } from '../protocol/index.js';
import type { StreamMessage, Thread } from './types.js';

/**
 * Merges messages into a list kept ascending by seq, replacing by id: history pages, live frames,
 * updates and retries can arrive in any order and any number of times and still give one copy each,
 * in order. The common cases, new messages after the last one and updates of held ones (a burst of
 * frames mixes both), need no sort.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const sortedIncoming = [...incoming].sort((a, b) => a.seq - b.seq);
  const next = [...current];
  let places: Map<string, number> | undefined;
  for (const message of sortedIncoming) {
    if (message.seq > (next.at(-1)?.seq ?? 0)) {
      places?.set(message.id, next.length);
      next.push(message);
      continue;
    }
    places ??= new Map(next.map((held, index) => [held.id, index]));
    const place = places.get(message.id);
    // An older page or a gap fill: only a full merge puts it in order.
    if (place === undefined || next[place]?.seq !== message.seq) return sortedMerge(current, sortedIncoming);
    next[place] = message;
  }
  return next;
}

function sortedMerge(current: readonly ChatMessage[], sortedIncoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of sortedIncoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Groups a stream into threads: each reply goes under the top-level message it ultimately answers
 * when that is loaded; a reply whose question is not loaded stands on its own. One pass, as a
 * stream is in seq order and a reply can only answer a message stored before it.
 */
export function groupThreads(messages: readonly StreamMessage[]): Thread[] {
  const threads = new Map<string, { message: StreamMessage; replies: StreamMessage[] }>();
  /** The id of the thread each message went into. */
  const threadOf = new Map<string, string>();
  for (const message of messages) {
    const thread = threads.get(threadOf.get(message.reply_to_id ?? '') ?? '');
    if (thread) thread.replies.push(message);
    else threads.set(message.id, { message, replies: [] });
    threadOf.set(message.id, thread?.message.id ?? message.id);
  }
  return [...threads.values()];
}

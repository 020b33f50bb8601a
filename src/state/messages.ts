import type { ChatMessage } from '../protocol/index.js';
import type { StreamMessage, Thread } from './types.js';

/**
 * Merges messages into a list kept ascending by seq, replacing by id: history pages, live frames,
 * updates and retries can arrive in any order and any number of times and still give one copy each,
 * in order. The common cases, new messages after the last one and updates of held ones, need no
 * sort.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const last = current.at(-1)?.seq ?? 0;
  const sortedIncoming = [...incoming].sort((a, b) => a.seq - b.seq);
  const appendOnly = sortedIncoming.every((message, index) => message.seq > (sortedIncoming[index - 1]?.seq ?? last));
  if (appendOnly && (sortedIncoming[0]?.seq ?? 0) > last) return [...current, ...sortedIncoming];

  // Updates to messages already held (an answer, points) keep their places: no sort needed.
  const position = new Map(current.map((message, index) => [message.id, index]));
  const places = sortedIncoming.map((message) => position.get(message.id) ?? -1);
  if (places.every((place, index) => current[place]?.seq === sortedIncoming[index]?.seq)) {
    const next = [...current];
    places.forEach((place, index) => (next[place] = sortedIncoming[index] as ChatMessage));
    return next;
  }

  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of sortedIncoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Groups a stream into threads: each reply goes under the top-level message it ultimately answers
 * when that is loaded; a reply whose question is not loaded stands on its own.
 */
export function groupThreads(messages: readonly StreamMessage[]): Thread[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const rootOf = (message: StreamMessage): StreamMessage => {
    let root = message;
    const seen = new Set<string>();
    for (let parent = byId.get(root.reply_to_id ?? ''); parent && !seen.has(parent.id);) {
      seen.add(root.id);
      root = parent;
      parent = byId.get(root.reply_to_id ?? '');
    }
    return root;
  };
  const threads = new Map<string, { message: StreamMessage; replies: StreamMessage[] }>();
  for (const message of messages) {
    const root = rootOf(message);
    if (root === message) threads.set(message.id, { message, replies: [] });
    else threads.get(root.id)?.replies.push(message);
  }
  return [...threads.values()];
}

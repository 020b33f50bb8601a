import type { PresentUser, User } from '../protocol/index.js';
import type { StreamMessage } from './types.js';

/** Everyone seen in the room, by id: connected now, or the author of a loaded message. */
export function participants(
  presence: readonly PresentUser[],
  messages: readonly StreamMessage[],
): ReadonlyMap<string, User> {
  const people = new Map<string, User>();
  for (const person of presence) people.set(person.id, person);
  for (const { author } of messages) if (!people.has(author.id)) people.set(author.id, author);
  return people;
}

/** `next`, or `previous` when it names the same people by the same names: its rows need not re-render. */
export function samePeople(
  previous: ReadonlyMap<string, User> | undefined,
  next: ReadonlyMap<string, User>,
): ReadonlyMap<string, User> {
  if (!previous || previous.size !== next.size) return next;
  for (const [id, person] of next) if (previous.get(id)?.name !== person.name) return next;
  return previous;
}

export interface TextSegment {
  text: string;
  /** The user this `@Name` mentions. */
  mention?: string;
}

/**
 * Splits message text into plain runs and `@Name` mentions of the users it names (by id, as the
 * backend stored them), so each mention can be shown apart.
 */
export function mentionSegments(
  content: string,
  mentions: readonly string[],
  people: ReadonlyMap<string, User>,
): TextSegment[] {
  const tags = mentions
    .map((id) => ({ id, tag: `@${people.get(id)?.name ?? ''}` }))
    .filter(({ tag }) => tag.length > 1)
    // The longest first, so "@Ana Lima" wins over "@Ana".
    .sort((a, b) => b.tag.length - a.tag.length);
  const segments: TextSegment[] = [];
  let plain = '';
  for (let i = 0; i < content.length;) {
    const found = content[i] === '@' ? tags.find(({ tag }) => content.startsWith(tag, i)) : undefined;
    if (found) {
      if (plain) segments.push({ text: plain });
      plain = '';
      segments.push({ text: found.tag, mention: found.id });
      i += found.tag.length;
    } else {
      plain += content[i];
      i += 1;
    }
  }
  if (plain) segments.push({ text: plain });
  return segments;
}

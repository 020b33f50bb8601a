import type { PresentUser, User } from '../protocol/index.js';
import type { StreamMessage } from './types.js';

/** How many people the @-suggestions offer at once. */
const maxSuggestions = 6;

/** Folds case and accents, so "@ze" finds "Zoë" and "@ANA" finds "Ana". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

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

/**
 * The people an `@query` may mean: everyone seen in the room but the writer, whose name or any word
 * of it starts with the query; those online first, then by name.
 */
export function mentionCandidates(
  query: string,
  people: ReadonlyMap<string, User>,
  presence: readonly PresentUser[],
  meId: string | undefined,
): User[] {
  const online = new Set(presence.map((person) => person.id));
  const wanted = fold(query);
  return [...people.values()]
    .filter((person) => person.id !== meId)
    .filter((person) =>
      fold(person.name)
        .split(/\s+/)
        .some((word) => word.startsWith(wanted)),
    )
    .sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)) || a.name.localeCompare(b.name))
    .slice(0, maxSuggestions);
}

/** The `@word` being typed just before the caret, or null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): { query: string; start: number } | null {
  const match = /(?:^|\s)@([^\s@]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { query: match[1] ?? '', start: caret - (match[1]?.length ?? 0) - 1 };
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

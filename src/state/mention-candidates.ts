import type { PresentUser, User } from '../protocol/index.js';

// The composer's @-suggestions: apart from the mentions every row shows (mentions.ts), since they
// load with the composer's suggestions, on first use.

/** How many people the @-suggestions offer at once. */
const maxSuggestions = 6;

/** Folds case and accents, so "@ze" finds "Zoë" and "@ANA" finds "Ana". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
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

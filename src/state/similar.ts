import type { ChatMessage } from '../protocol/index.js';

/** Words too common to say anything about what a question is about. */
const stopWords = new Set(
  'the and for are but not you your with this that have has had was were what when where which who why how can could would should does did its into from about there their them then than just also any all our out off one two very much more most some such only own same too will shall may might must'.split(
    ' ',
  ),
);

function terms(text: string): Set<string> {
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  // A light stemmer: plural and -ing forms of a word count as the word.
  return new Set(
    words.filter((word) => word.length > 2 && !stopWords.has(word)).map((word) => word.replace(/(ing|es|s)$/, '')),
  );
}

/** How many earlier questions the composer offers at most, and how alike they must be (0 to 1). */
const maxSimilar = 3;
const similarEnough = 0.3;

/**
 * What to ask the room's search for questions like `draft`: its two longest content words,
 * cut to their stems (a stem begins the word it came from, and the search matches word prefixes).
 * Empty while the draft says too little to compare.
 */
export function similarSearchQuery(draft: string): string {
  const wanted = [...terms(draft)];
  if (wanted.length < 2) return '';
  return (
    wanted
      .sort((a, b) => b.length - a.length)
      .slice(0, 2)
      // Cut further than the stemmer, so "diagonalized" also finds "diagonalize" and "diagonalization".
      .map((term) => term.replace(/(?:ations?|ing|ed|e)$/, ''))
      .join(' ')
  );
}

/**
 * Earlier questions of the room that look like `draft`, most alike first: the overlap of their
 * content words (Dice coefficient) over the loaded history. Runs in the client, so it costs the
 * backend nothing and works on what the student can already see.
 */
export function similarQuestions(draft: string, messages: readonly ChatMessage[]): ChatMessage[] {
  const wanted = terms(draft);
  if (wanted.size < 2) return [];
  return messages
    .filter((message) => message.is_question)
    .map((message) => {
      const have = terms(message.content);
      let shared = 0;
      for (const term of have) if (wanted.has(term)) shared += 1;
      return { message, score: (2 * shared) / (wanted.size + have.size) };
    })
    .filter(({ score }) => score >= similarEnough)
    .sort((a, b) => b.score - a.score)
    .slice(0, maxSimilar)
    .map(({ message }) => message);
}

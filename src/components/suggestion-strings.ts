/**
 * The composer's suggestions' texts (composer-suggestions.ts). They travel with the composer's
 * code, which comes after the first paint, rather than in the first download; a host words them
 * through `<course-chat>`'s `strings` like every other text.
 */
export interface SuggestionStrings {
  /** "People to mention": the accessible name of the `@` suggestions. */
  mentionList: string;
  /** "Similar questions already asked:" and "answered" beside one that is. */
  similar: string;
  answered: string;
}

export const suggestionStrings: SuggestionStrings = {
  mentionList: 'People to mention',
  similar: 'Similar questions already asked:',
  answered: 'answered',
};

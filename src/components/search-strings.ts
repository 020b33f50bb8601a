import { count, number } from './strings.js';

/**
 * Search's texts (course-chat-search.ts). They travel with its code, which comes after the first
 * paint, rather than in the first download; a host words them through `<course-chat>`'s `strings`
 * like every other text.
 */
export interface SearchStrings {
  /** "Search": the header's button and the field's submit; "Search messages": the field. */
  search: string;
  searchLabel: string;
  /** "Search results", the list's name; "Searching…"; "Search failed. Try again." */
  searchResults: string;
  searching: string;
  searchFailed: string;
  /** "3 results for "pivot"", "20+ results…" when more pages exist, "No results for …". */
  resultCount: (count: number, more: boolean, query: string) => string;
  /** "More results" */
  moreResults: string;
}

export const searchStrings: SearchStrings = {
  search: 'Search',
  searchLabel: 'Search messages',
  searchResults: 'Search results',
  searching: 'Searching…',
  searchFailed: 'Search failed. Try again.',
  resultCount: (n, more, query) =>
    n === 0
      ? `No results for “${query}”`
      : `${more ? `${number.format(n)}+ results` : count(n, 'result')} for “${query}”`,
  moreResults: 'More results',
};

import { chatMessage } from './entities.js';
import { array, nonNegativeInteger, nullable, object, string, type Infer } from './schema.js';

/**
 * Search in a room's history: `GET /courses/:id/chat/search?q=&before=&limit=`. Every word of `q`
 * must begin a word of the message (case aside). Results come answered questions first, then the
 * rest, each newest first; `next_before` continues after the last result (null: no more).
 */
export interface SearchQuery {
  q: string;
  /** `next_before` of the page before; the first page without it. */
  before?: string;
  limit?: number;
}

export const maxSearchLength = 200;
export const maxSearchLimit = 50;
export const defaultSearchLimit = 20;

/** A range of the excerpt's text (code units, end excluded) that matched a word of the query. */
export const searchHighlight = object({
  start: nonNegativeInteger,
  end: nonNegativeInteger,
});

export const searchResult = object({
  message: chatMessage,
  /** A part of the message around its first match, as text, and the ranges to highlight in it. */
  excerpt: object({ text: string(), highlights: array(searchHighlight) }),
});
export type SearchResult = Infer<typeof searchResult>;

export const searchResponse = object({
  results: array(searchResult),
  next_before: nullable(string()),
});
export type SearchResponse = Infer<typeof searchResponse>;

/**
 * Search in a room's history, the rules both backends share: what a query is, which messages
 * match, their order and paging, and the excerpt. The mock matches in memory with `matchesTerms`;
 * the Worker asks D1's full-text index for the same thing (every term a word prefix) and orders
 * and pages it the same way.
 */
import {
  defaultSearchLimit,
  maxSearchLength,
  maxSearchLimit,
  type ChatMessage,
  type SearchResponse,
  type SearchResult,
} from '../protocol/index.js';
import { done, fail, type Outcome } from './outcome.js';

/** Where a page starts: after the result with this rank and seq. */
export interface SearchCursor {
  /** 1 for an answered question, which comes first; 0 for the rest. */
  answered: 0 | 1;
  seq: number;
}

export interface SearchPage {
  /** The query's words, lowercase, each to begin a word of a message. */
  terms: string[];
  before?: SearchCursor;
  limit: number;
}

/** More words than this make no better search, only a slower one. */
const maxTerms = 8;
const excerptLength = 160;

/** The words of a text, lowercase, as the full-text index cuts them (letters and digits). */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function parseSearchQuery(query: URLSearchParams): Outcome<SearchPage> {
  const q = query.get('q') ?? '';
  if (q.length > maxSearchLength) return fail('invalid_request', `q must be at most ${maxSearchLength} characters.`);
  const terms = [...new Set(wordsOf(q))].slice(0, maxTerms);
  if (terms.length === 0) return fail('invalid_request', 'q must have a word to search for.');
  const page: SearchPage = { terms, limit: defaultSearchLimit };
  const limit = query.get('limit');
  if (limit !== null) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > maxSearchLimit)
      return fail('invalid_request', `limit must be an integer from 1 to ${maxSearchLimit}.`);
    page.limit = Number(limit);
  }
  const before = query.get('before');
  if (before !== null) {
    const cursor = /^([01])\.(\d{1,15})$/.exec(before);
    if (!cursor) return fail('invalid_request', 'before must be the next_before of a search page.');
    page.before = { answered: cursor[1] === '1' ? 1 : 0, seq: Number(cursor[2]) };
  }
  return done(page);
}

export const isAnsweredQuestion = (message: ChatMessage): boolean =>
  message.is_question && message.question_status === 'answered';

const cursorOf = (message: ChatMessage): SearchCursor => ({
  answered: isAnsweredQuestion(message) ? 1 : 0,
  seq: message.seq,
});

/** Whether every term begins a word of `content`. */
export function matchesTerms(content: string, terms: readonly string[]): boolean {
  const words = wordsOf(content);
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/** Answered questions first, then the rest; newest first in each. */
export function searchOrder(a: ChatMessage, b: ChatMessage): number {
  const ca = cursorOf(a);
  const cb = cursorOf(b);
  return cb.answered - ca.answered || cb.seq - ca.seq;
}

/** Whether `message` comes after `cursor` in the search order. */
export function isAfter(message: ChatMessage, cursor: SearchCursor | undefined): boolean {
  if (!cursor) return true;
  const { answered, seq } = cursorOf(message);
  return answered < cursor.answered || (answered === cursor.answered && seq < cursor.seq);
}

/**
 * The answer from the matches in search order, starting after the page's cursor: up to `limit`
 * of them (a backend may pass one more, which only says there is a next page).
 */
export function searchResponseOf(matches: readonly ChatMessage[], page: SearchPage): SearchResponse {
  const results = matches.slice(0, page.limit);
  const last = results.at(-1);
  const next = matches.length > page.limit && last ? cursorOf(last) : undefined;
  return {
    results: results.map((message) => resultOf(message, page.terms)),
    next_before: next ? `${next.answered}.${next.seq}` : null,
  };
}

function resultOf(message: ChatMessage, terms: readonly string[]): SearchResult {
  return { message, excerpt: excerptOf(message.content, terms) };
}

/** A part of `content` around its first match, with every word a term begins highlighted. */
export function excerptOf(content: string, terms: readonly string[]): SearchResult['excerpt'] {
  const words = [...content.matchAll(/[\p{L}\p{N}]+/gu)].filter((word) =>
    terms.some((term) => word[0].toLowerCase().startsWith(term)),
  );
  const first = words[0]?.index ?? 0;
  let start = Math.max(0, first - excerptLength / 4);
  // Not in the middle of a word, nor of a surrogate pair.
  while (start > 0 && /[\p{L}\p{N}\uDC00-\uDFFF]/u.test(content.charAt(start - 1))) start -= 1;
  const end = Math.min(content.length, start + excerptLength);
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${content.slice(start, end)}${end < content.length ? '…' : ''}`;
  const shift = prefix.length - start;
  const highlights = words
    .map((word) => ({ start: (word.index ?? 0) + shift, end: (word.index ?? 0) + word[0].length + shift }))
    .filter((range) => range.start >= prefix.length && range.end <= prefix.length + end - start);
  return { text, highlights };
}

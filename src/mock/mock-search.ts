import {
  done,
  isAfter,
  matchesTerms,
  searchOrder,
  searchResponseOf,
  type Outcome,
  type SearchPage,
} from '../backend/index.js';
import type { SearchResponse } from '../protocol/index.js';
import type { MockBackend } from './backend.js';

/**
 * The mock's search: the course's messages in memory as the reader sees them in history, matched and paged by the rules the Worker follows. The caller has checked access.
 */
export function searchCourse(
  backend: MockBackend,
  readerId: string,
  courseId: string,
  page: SearchPage,
): Outcome<SearchResponse> {
  const matches = backend
    .messagesSeenBy(readerId, courseId)
    .filter((message) => matchesTerms(message.content, page.terms))
    .sort(searchOrder)
    .filter((message) => isAfter(message, page.before));
  return done(searchResponseOf(matches.slice(0, page.limit + 1), page));
}

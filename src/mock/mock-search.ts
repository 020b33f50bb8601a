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
 * The mock's search: the course's messages in memory, those the reader reported left out as in
 * history, matched and paged by the rules the Worker follows. The caller has checked access.
 */
export function searchCourse(
  backend: MockBackend,
  readerId: string,
  courseId: string,
  page: SearchPage,
): Outcome<SearchResponse> {
  const reported = new Set(
    backend
      .reports()
      .filter((report) => report.reporter_id === readerId)
      .map((report) => report.message_id),
  );
  const matches = backend
    .messages(courseId)
    .filter((message) => !reported.has(message.id) && matchesTerms(message.content, page.terms))
    .sort(searchOrder)
    .filter((message) => isAfter(message, page.before));
  return done(searchResponseOf(matches.slice(0, page.limit + 1), page));
}

import { searchResponseOf, type Reader, type SearchPage } from '../../src/backend/index.js';
import type { SearchResponse } from '../../src/protocol/index.js';
import { messageView, readableBy, seenBy, type MessageRow } from './message-view.js';

/**
 * Search in a course's messages through D1's full-text index (migration 0003): every term a word
 * prefix, answered questions first, then newest first, after the page's cursor; the messages the
 * reader reported are left out, and hidden ones as in history. Paging and excerpts follow the shared rules.
 */
export async function searchMessages(
  db: D1Database,
  courseId: string,
  reader: Reader,
  page: SearchPage,
): Promise<SearchResponse> {
  // Terms are letters and digits only (src/backend/search.ts), so quoting each one is enough.
  const match = page.terms.map((term) => `"${term}"*`).join(' ');
  const answered = `(m.is_question = 1 AND m.question_status = 'answered')`;
  const { answered: cursorAnswered, seq } = page.before ?? { answered: 1, seq: Number.MAX_SAFE_INTEGER };
  const { results } = await db
    .prepare(
      `${messageView}
       WHERE m.course_id = ?1
         AND m.rowid IN (SELECT rowid FROM chat_messages_fts WHERE chat_messages_fts MATCH ?2)
         AND NOT EXISTS (SELECT 1 FROM chat_reports r WHERE r.message_id = m.id AND r.reporter_id = ?3)
         AND ${readableBy('?3')}
         AND (${answered} < ?4 OR (${answered} = ?4 AND m.seq < ?5))
       ORDER BY ${answered} DESC, m.seq DESC
       LIMIT ?6`,
    )
    .bind(courseId, match, reader.id, cursorAnswered, seq, page.limit + 1)
    .all<MessageRow>();
  return searchResponseOf(seenBy(results, reader), page);
}

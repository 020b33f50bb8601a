/**
 * A message as D1 keeps it (`chat_messages` with its author), and as the protocol carries it: the
 * one place rows become `ChatMessage`s, for db.ts, search.ts and moderation-db.ts alike.
 */
import { visibleTo, type Reader } from '../../src/backend/index.js';
import type { ChatMessage } from '../../src/protocol/index.js';

export interface MessageRow {
  id: string;
  seq: number;
  course_id: string;
  client_id: string;
  content: string;
  is_question: number;
  question_status: 'open' | 'answered' | null;
  reply_to_id: string | null;
  mentions: string;
  helpful_points: number;
  created_at: string;
  edited_at: string | null;
  deleted: number;
  hidden: number;
  author_id: string;
  author_name: string;
  author_avatar_url: string | null;
  author_is_st: number;
}

// The author's ST badge is read for the message's own course, so a badge never crosses courses.
export const messageView = `
  SELECT m.id, m.seq, m.course_id, m.client_id, m.content, m.is_question, m.question_status,
         m.reply_to_id, m.mentions, m.helpful_points, m.created_at, m.edited_at, m.deleted, m.hidden,
         u.id AS author_id, u.name AS author_name, u.avatar_url AS author_avatar_url,
         EXISTS (SELECT 1 FROM student_teachers st WHERE st.course_id = m.course_id AND st.user_id = m.author_id)
           AS author_is_st
  FROM chat_messages m JOIN users u ON u.id = m.author_id`;

/**
 * The SQL condition (on `m`) under which a reader receives a message: not hidden, or theirs, or
 * they moderate its course (src/backend/visibility.ts). `readerParam` is the query's `?N` holding
 * the reader's id.
 */
export const readableBy = (readerParam: string) =>
  `(m.hidden = 0 OR m.author_id = ${readerParam}
    OR EXISTS (SELECT 1 FROM course_moderators o WHERE o.course_id = m.course_id AND o.user_id = ${readerParam}))`;

/** The rows a query for `reader` found (under `readableBy`), as the reader sees them. */
export const seenBy = (rows: MessageRow[], reader: Reader): ChatMessage[] =>
  rows.flatMap((row) => visibleTo(toMessage(row), reader) ?? []);

export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    course_id: row.course_id,
    client_id: row.client_id,
    author: {
      id: row.author_id,
      name: row.author_name,
      avatar_url: row.author_avatar_url,
      is_student_teacher: row.author_is_st === 1,
    },
    content: row.content,
    is_question: row.is_question === 1,
    question_status: row.question_status,
    reply_to_id: row.reply_to_id,
    mentions: JSON.parse(row.mentions) as string[],
    helpful_points: row.helpful_points,
    created_at: row.created_at,
    ...(row.edited_at === null ? {} : { edited_at: row.edited_at }),
    ...(row.deleted === 1 ? { deleted: true as const } : {}),
    ...(row.hidden === 1 ? { hidden: true as const } : {}),
  };
}

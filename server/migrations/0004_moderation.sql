-- Moderation (issue #17): course moderators, reports with a reason and a state, the audit trail of
-- every decision, mutes, and the old text of edited messages.

-- Course staff who moderate the room: beside enrolments and ST certifications, and like them per
-- course and owned by the host platform. A moderator may read and write the room.
CREATE TABLE course_moderators (
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (course_id, user_id)
);

-- What moderation changed on a message. Hidden and deleted messages keep their row (and their
-- seq, thread and goodwill points); a deleted one loses its text and mentions.
ALTER TABLE chat_messages ADD COLUMN edited_at TEXT;
ALTER TABLE chat_messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
ALTER TABLE chat_messages ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));

-- Reports get an id (MODQ keeps each once by it), a reason from the protocol's list, a note, and a
-- state: open until a moderator decides on their message (restore or dismiss; the audit says
-- which). SQLite cannot add a CHECK to an existing column, so the table is rebuilt; a report from
-- before reasons were asked keeps its free text as the note of `other`.
CREATE TABLE chat_reports_v2 (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  reporter_id TEXT NOT NULL REFERENCES users (id),
  course_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'off_topic', 'other')),
  note TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'decided')),
  created_at TEXT NOT NULL,
  UNIQUE (message_id, reporter_id)
);

INSERT INTO chat_reports_v2 (id, message_id, reporter_id, course_id, reason, note, created_at)
SELECT lower(hex(randomblob(16))), message_id, reporter_id, course_id,
       CASE WHEN reason IN ('spam', 'harassment', 'off_topic') THEN reason ELSE 'other' END,
       CASE WHEN reason IN ('spam', 'harassment', 'off_topic') THEN NULL
            ELSE COALESCE(NULLIF(trim(reason), ''), 'Reported before reasons were asked for.') END,
       created_at
FROM chat_reports;

DROP TABLE chat_reports;
ALTER TABLE chat_reports_v2 RENAME TO chat_reports;

CREATE INDEX chat_reports_open ON chat_reports (course_id, state, created_at);

-- Every moderation decision, from a moderator in the room (`actor` is their user id) or from the
-- platform's MODQ (`modq:` and its moderator's id), recorded before it is applied. `decision_id`
-- is MODQ's for a signed decision (a replay finds it here and changes nothing), a fresh one for a
-- decision from the room.
CREATE TABLE chat_moderation_audit (
  decision_id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('hide', 'restore', 'dismiss', 'mute', 'unmute')),
  message_id TEXT,
  user_id TEXT,
  until TEXT,
  reason TEXT,
  created_at TEXT NOT NULL
);

CREATE INDEX chat_moderation_audit_course ON chat_moderation_audit (course_id, created_at);

-- Who may not write in a course until when. A row whose `until` has passed is no mute.
CREATE TABLE chat_mutes (
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  until TEXT NOT NULL,
  PRIMARY KEY (course_id, user_id)
);

-- The text an edit replaced, oldest first: the message keeps only its newest text.
CREATE TABLE chat_message_edits (
  message_id TEXT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  content TEXT NOT NULL,
  mentions TEXT NOT NULL,
  edited_at TEXT NOT NULL
);

CREATE INDEX chat_message_edits_message ON chat_message_edits (message_id, edited_at);

-- Reports MODQ did not take after every retry: the dead-letter queue's consumer keeps each here
-- (by its report id, once), for an operator to hand over again once MODQ is back.
CREATE TABLE chat_modq_dead_letters (
  report_id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  failed_at TEXT NOT NULL
);

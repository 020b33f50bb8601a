-- The page spec's tables, plus enrolments, feature flags and the moderation queue.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  avatar_url TEXT
);

CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL
);

CREATE TABLE enrollments (
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (course_id, user_id)
);

-- Certified student-teachers: the ST badge is per course, and so is the right to endorse answers.
CREATE TABLE student_teachers (
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (course_id, user_id)
);

-- canAccess(flag) per user; a user without a row gets the deployment's default.
CREATE TABLE feature_flags (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  flag TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (user_id, flag)
);

-- The CHECK is what keeps an award from overdrawing: a debit below zero aborts its whole batch.
CREATE TABLE user_goodwill (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  balance INTEGER NOT NULL CHECK (balance >= 0)
);

CREATE TABLE chat_messages (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users (id),
  content TEXT NOT NULL,
  is_question INTEGER NOT NULL DEFAULT 0,
  question_status TEXT CHECK (question_status IN ('open', 'answered')),
  reply_to_id TEXT,
  mentions TEXT NOT NULL DEFAULT '[]',
  helpful_points INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (course_id, seq),
  UNIQUE (course_id, author_id, client_id)
);

CREATE INDEX chat_messages_open_questions ON chat_messages (course_id, question_status, seq);

-- One award per giver, reason and reference: a retried or concurrent request cannot pay twice.
CREATE TABLE goodwill_transactions (
  id TEXT PRIMARY KEY,
  from_user_id TEXT NOT NULL REFERENCES users (id),
  to_user_id TEXT NOT NULL REFERENCES users (id),
  points INTEGER NOT NULL CHECK (points > 0),
  reason TEXT NOT NULL,
  reference_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (from_user_id, reason, reference_id)
);

-- The moderation queue (MODQ): one flag per reporter and message.
CREATE TABLE chat_reports (
  message_id TEXT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  reporter_id TEXT NOT NULL REFERENCES users (id),
  course_id TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (message_id, reporter_id)
);

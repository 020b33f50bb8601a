-- Per user and course: the read marker (unread counts follow the user across devices) and the
-- room settings (mute, browser notifications).
CREATE TABLE chat_room_members (
  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  read_seq INTEGER NOT NULL DEFAULT 0,
  muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
  notifications INTEGER NOT NULL DEFAULT 0 CHECK (notifications IN (0, 1)),
  PRIMARY KEY (course_id, user_id)
);

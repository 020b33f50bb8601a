-- Search in a room's history (GET /courses/:id/chat/search): a full-text index of the messages'
-- text, kept in step with chat_messages by triggers whichever way messages are stored. Words are
-- letters and digits, case folded, diacritics kept (as the mock matches them).
CREATE VIRTUAL TABLE chat_messages_fts USING fts5 (
  content,
  content = 'chat_messages',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO chat_messages_fts (rowid, content) SELECT rowid, content FROM chat_messages;

CREATE TRIGGER chat_messages_fts_insert AFTER INSERT ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (rowid, content) VALUES (new.rowid, new.content);
END;

CREATE TRIGGER chat_messages_fts_delete AFTER DELETE ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (chat_messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
END;

CREATE TRIGGER chat_messages_fts_update AFTER UPDATE OF content ON chat_messages BEGIN
  INSERT INTO chat_messages_fts (chat_messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
  INSERT INTO chat_messages_fts (rowid, content) VALUES (new.rowid, new.content);
END;

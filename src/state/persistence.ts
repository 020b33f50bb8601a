import { array, object, safeParse, string, type Infer } from '../protocol/schema.js';
import { sendMessageBody } from '../protocol/rest.js';
import { timestamp } from '../protocol/entities.js';

/**
 * What must survive a page reload: messages not yet stored by the backend and the composer draft,
 * per course and user. Kept in localStorage; where that is unavailable (private modes, quotas)
 * everything still works for the life of the page.
 */
const savedOutbox = array(object({ body: sendMessageBody, created_at: timestamp }));
export type SavedOutbox = Infer<typeof savedOutbox>;
const savedDraft = object({ text: string({ maxLength: 100_000 }) });

export interface SessionStorageKeys {
  apiBase: string;
  courseId: string;
  userId: string;
}

function keyFor(kind: 'outbox' | 'draft', keys: SessionStorageKeys): string {
  return `course-chat:${kind}:${keys.apiBase}:${keys.courseId}:${keys.userId}`;
}

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the message is still in memory and still being delivered.
  }
}

export function loadOutbox(keys: SessionStorageKeys): SavedOutbox {
  const parsed = safeParse(savedOutbox, read(keyFor('outbox', keys)));
  return parsed.ok ? parsed.value : [];
}

export function saveOutbox(keys: SessionStorageKeys, entries: SavedOutbox): void {
  write(keyFor('outbox', keys), entries.length > 0 ? entries : undefined);
}

export function loadDraft(keys: SessionStorageKeys): string {
  const parsed = safeParse(savedDraft, read(keyFor('draft', keys)));
  return parsed.ok ? parsed.value.text : '';
}

export function saveDraft(keys: SessionStorageKeys, text: string): void {
  write(keyFor('draft', keys), text.length > 0 ? { text } : undefined);
}

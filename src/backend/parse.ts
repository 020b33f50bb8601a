/**
 * What arrives at a backend, checked the same way by both: a REST body, the history query, a
 * socket frame. Each answers an `Outcome`, refusing with `invalid_request` and a reason.
 */
import { done, fail, type Outcome } from './outcome.js';
import { refusals } from './refusals.js';
import { maxBodyLength, maxHistoryLimit, type HistoryQuery } from '../protocol/rest.js';
import { safeParse, type Schema } from '../protocol/schema.js';
import { clientFrame, maxFrameLength, type ClientFrame } from '../protocol/socket.js';

function json(text: string): Outcome<unknown> {
  try {
    return done(JSON.parse(text));
  } catch {
    return fail('invalid_request', 'Not JSON.');
  }
}

const tooLarge = (): Outcome<never> =>
  fail('content_too_long', `Bodies and frames are at most ${maxBodyLength} characters.`);

function valid<T>(schema: Schema<T>, value: unknown): Outcome<T> {
  const result = safeParse(schema, value);
  return result.ok ? done(result.value) : fail('invalid_request', result.error.message);
}

/**
 * Whether a POST says it carries JSON. Browsers send a cross-site form or `no-cors` request with
 * cookies but no preflight only with a "simple" content type, so requiring this one is what makes
 * the CORS check apply to every write (CSRF).
 */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}

export const notJson = (): Outcome<never> =>
  fail('invalid_request', 'POST bodies are JSON: send content-type: application/json.');

/** A URL path (or one segment of it) decoded; null when its percent-encoding is malformed (`%E0%A4%A`). */
export function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

export const malformedPath = (): Outcome<never> => fail('invalid_request', 'The path is not valid percent-encoding.');

/**
 * A request body; an absent or empty one is `{}`, for endpoints whose fields are all optional. A
 * body over `maxBodyLength` is `content_too_long` (413), like a message over its limit.
 */
export function parseBody<T>(schema: Schema<T>, text: string | null | undefined): Outcome<T> {
  if (text && text.length > maxBodyLength) return tooLarge();
  const value = text ? json(text) : done({});
  return value.ok ? valid(schema, value.value) : value;
}

/**
 * The history query string: `before`, `after` and `limit` are non-negative integers (at most one
 * cursor, `limit` from 1 to `maxHistoryLimit`, `pageSize` when absent), `questions` only `open`.
 */
export function parseHistoryQuery(query: URLSearchParams, pageSize: number): Outcome<HistoryQuery & { limit: number }> {
  const parsed: HistoryQuery = {};
  for (const key of ['before', 'after', 'limit'] as const) {
    const raw = query.get(key);
    if (raw === null) continue;
    if (!/^\d+$/.test(raw)) return fail('invalid_request', `${key} must be a non-negative integer.`);
    parsed[key] = Number(raw);
  }
  const questions = query.get('questions');
  if (questions !== null) {
    if (questions !== 'open') return fail('invalid_request', 'questions must be "open".');
    parsed.questions = questions;
  }
  const limit = parsed.limit ?? pageSize;
  if (limit < 1 || limit > maxHistoryLimit) return refusals.historyLimit(maxHistoryLimit);
  if (parsed.before !== undefined && parsed.after !== undefined) return refusals.twoCursors();
  return done({ ...parsed, limit });
}

/** A frame from a client socket, as received: anything may arrive there. */
export function parseClientFrame(data: unknown): Outcome<ClientFrame> {
  if (typeof data !== 'string') return fail('invalid_request', 'Frames are JSON text.');
  if (data.length > maxFrameLength) return tooLarge();
  const value = json(data);
  return value.ok ? valid(clientFrame, value.value) : value;
}

import {
  awardResponse,
  historyResponse,
  messageResponse,
  myAwardsResponse,
  paths,
  readResponse,
  roomResponse,
  settingsResponse,
  type AwardBody,
  type AwardResponse,
  type HistoryQuery,
  type HistoryResponse,
  type MessageResponse,
  type MyAwardsResponse,
  type ReadResponse,
  type RoomResponse,
  type RestMethod,
  type SendMessageBody,
  type SettingsBody,
  type SettingsResponse,
} from '../protocol/rest.js';
import {
  decisionResponse,
  reportResponse,
  reportedResponse,
  type DecisionResponse,
  type ReportBody,
  type ReportResponse,
  type ReportedResponse,
  type RoomDecisionBody,
} from '../protocol/moderation.js';
import { errorBody, type ErrorCode } from '../protocol/errors.js';
import { searchResponse, type SearchQuery, type SearchResponse } from '../protocol/search.js';
import { safeParse, type Schema } from '../protocol/schema.js';

/** What went wrong with a request: the server's error code, or why there was no usable answer. */
export type ApiErrorCode = ErrorCode | 'network' | 'invalid_response';

/** The one error every client call rejects with. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth retrying unchanged: the request may not have reached the server, or it failed there. */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'rate_limited' || this.status >= 500;
  }
}

export interface ApiClientOptions {
  /** Where the REST endpoints live, absolute or relative to the page (default `/api`). */
  apiBase: string;
  /**
   * Bearer token source, called before each request. Without it, or when it gives no token, the
   * browser's cookies authenticate the request.
   */
  getAuthToken?: (() => Promise<string | undefined>) | undefined;
}

export interface ApiClient {
  readonly apiBase: string;
  room(courseId: string): Promise<RoomResponse>;
  history(courseId: string, query?: HistoryQuery): Promise<HistoryResponse>;
  send(courseId: string, body: SendMessageBody): Promise<MessageResponse>;
  markQuestion(courseId: string, messageId: string): Promise<MessageResponse>;
  report(courseId: string, messageId: string, body: ReportBody): Promise<ReportResponse>;
  /** The author's new text for their message, within the room's edit window. */
  edit(courseId: string, messageId: string, content: string): Promise<MessageResponse>;
  /** The author deletes their message; answers it deleted. */
  deleteMessage(courseId: string, messageId: string): Promise<MessageResponse>;
  /** A moderator's decision from the room. */
  moderate(courseId: string, decision: RoomDecisionBody): Promise<DecisionResponse>;
  /** Messages with reports not yet decided (moderators only). */
  reported(courseId: string): Promise<ReportedResponse>;
  /** Moves the read marker forward; answers the marker and the unread counts after it. */
  markRead(courseId: string, seq: number): Promise<ReadResponse>;
  updateSettings(courseId: string, change: SettingsBody): Promise<SettingsResponse>;
  /** The user's own awards in the course: what "This Helped!" already gave, after a reload. */
  myAwards(courseId: string): Promise<MyAwardsResponse>;
  award(body: AwardBody): Promise<AwardResponse>;
  /** One page of search results in the room's history. */
  search(courseId: string, query: SearchQuery): Promise<SearchResponse>;
}

/** `?a=1&b=2` of the parameters given (undefined ones left out); '' when none is. */
function query(params: HistoryQuery | SearchQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const apiBase = options.apiBase.replace(/\/+$/, '');

  async function request<T>(method: RestMethod, path: string, schema: Schema<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = await options.getAuthToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await fetch(`${apiBase}${path}`, {
        method,
        headers,
        credentials: 'include',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : 'Network request failed');
    }

    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = safeParse(errorBody, payload);
      if (parsed.ok) {
        const { code, message, retry_after_ms } = parsed.value.error;
        throw new ApiError(response.status, code, message, retry_after_ms);
      }
      throw new ApiError(
        response.status,
        response.status >= 500 ? 'internal' : 'invalid_response',
        response.statusText,
      );
    }
    const parsed = safeParse(schema, payload);
    if (!parsed.ok) throw new ApiError(response.status, 'invalid_response', parsed.error.message);
    return parsed.value;
  }

  return {
    apiBase,
    room: (courseId) => request('GET', paths.room(courseId), roomResponse),
    history: (courseId, params = {}) => request('GET', `${paths.messages(courseId)}${query(params)}`, historyResponse),
    send: (courseId, body) => request('POST', paths.messages(courseId), messageResponse, body),
    markQuestion: (courseId, messageId) =>
      request('POST', paths.markQuestion(courseId, messageId), messageResponse, {}),
    report: (courseId, messageId, body) => request('POST', paths.report(courseId, messageId), reportResponse, body),
    edit: (courseId, messageId, content) =>
      request('PATCH', paths.message(courseId, messageId), messageResponse, { content }),
    deleteMessage: (courseId, messageId) => request('DELETE', paths.message(courseId, messageId), messageResponse),
    moderate: (courseId, decision) => request('POST', paths.moderation(courseId), decisionResponse, decision),
    reported: (courseId) => request('GET', paths.reported(courseId), reportedResponse),
    markRead: (courseId, seq) => request('POST', paths.read(courseId), readResponse, { seq }),
    updateSettings: (courseId, change) => request('POST', paths.settings(courseId), settingsResponse, change),
    myAwards: (courseId) => request('GET', paths.myAwards(courseId), myAwardsResponse),
    award: (body) => request('POST', paths.award(), awardResponse, body),
    search: (courseId, params) => request('GET', `${paths.search(courseId)}${query(params)}`, searchResponse),
  };
}

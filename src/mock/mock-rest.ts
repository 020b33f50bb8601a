/**
 * The mock's REST surface: one request, as any transport hands it over, checked and answered by
 * the backend. The transport (msw in handlers.ts) only moves bytes.
 */
import {
  andThen,
  asMessageBody,
  done,
  isJsonContentType,
  notJson,
  parseBody,
  parseHistoryQuery,
  parseSearchQuery,
  refusals,
  type Outcome,
} from '../backend/index.js';
import {
  awardBody,
  devAccessBody,
  devTokenBody,
  editBody,
  errorHeaders,
  fixturesBody,
  readBody,
  reportBody,
  roomDecisionBody,
  type RestMethod,
  sendMessageBody,
  settingsBody,
} from '../protocol/index.js';
import type { MockBackend } from './backend.js';
import type { RouteName } from './faults.js';
import { searchCourse } from './mock-search.js';
import type { ModqSignature } from './moderation.js';

/** One REST request as the transport hands it over: the backend parses and checks everything. */
export interface ApiRequest {
  method?: RestMethod;
  params?: Record<string, string>;
  query?: URLSearchParams;
  /** The raw body text, or null when there is none. */
  body?: string | null;
  /** The bearer token or session cookie value, whichever the request carried. */
  token?: string | null;
  /** The `content-type` header: POST and PATCH bodies must say they are JSON. */
  contentType?: string | null;
  /** The MODQ signature headers, for `moderationDecisions`. */
  modq?: ModqSignature;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** `Retry-After` on a 429, as the Worker sends it. */
  headers?: Record<string, string>;
}

export async function answerRequest(backend: MockBackend, route: RouteName, request: ApiRequest): Promise<ApiResponse> {
  const outcome = await dispatch(backend, route, request);
  if (outcome.ok) return { status: outcome.status, body: outcome.value };
  const headers = errorHeaders(outcome.error);
  const answer = { status: outcome.status, body: { error: outcome.error } };
  return Object.keys(headers).length > 0 ? { ...answer, headers } : answer;
}

async function dispatch(backend: MockBackend, route: RouteName, request: ApiRequest): Promise<Outcome<unknown>> {
  const params = request.params ?? {};
  const courseId = params['courseId'] ?? '';
  const messageId = params['messageId'] ?? '';
  const body = request.body;
  const dev = route === 'devToken' || route === 'devFixtures' || route === 'devAccess';
  if (dev && !backend.dev) return refusals.notFound();
  const hasBody = request.method === 'POST' || request.method === 'PATCH';
  if (hasBody && !isJsonContentType(request.contentType)) return notJson();
  if (dev) return devRequest(backend, route, body);
  if (route === 'connect') return refusals.connectWithWebSocket();
  // MODQ signs its decisions; it has no user and no token.
  if (route === 'moderationDecisions')
    return backend.moderation.signedDecision(request.modq ?? { timestamp: null, signature: null }, body ?? '');
  const auth = await backend.authenticate(request.token);
  if (!auth.ok) return auth;
  const { userId } = auth.value;
  // A course's access is checked before its body, as the Worker does; an award's course is the
  // one of the message its body names.
  const refused = route === 'award' ? null : backend.accessRefusal(userId, courseId);
  if (refused) return refused;
  switch (route) {
    case 'room':
      return backend.room(userId, courseId, auth.value.exp);
    case 'messages':
      return request.method !== 'POST'
        ? andThen(
            parseHistoryQuery(request.query ?? new URLSearchParams(), backend.limits.history_page_size),
            (query) => backend.history(userId, courseId, query),
          )
        : andThen(parseBody(sendMessageBody, body), (valid) => asMessageBody(backend.send(userId, courseId, valid)));
    case 'markQuestion':
      return asMessageBody(backend.markQuestion(userId, courseId, messageId));
    case 'report':
      return andThen(parseBody(reportBody, body), (valid) =>
        backend.moderation.report(userId, courseId, messageId, valid),
      );
    case 'message':
      return request.method === 'DELETE'
        ? asMessageBody(backend.moderation.deleteMessage(userId, courseId, messageId))
        : andThen(parseBody(editBody, body), (valid) =>
            asMessageBody(backend.moderation.edit(userId, courseId, messageId, valid)),
          );
    case 'moderation':
      return andThen(parseBody(roomDecisionBody, body), (valid) =>
        backend.moderation.moderate(userId, courseId, valid),
      );
    case 'reported':
      return backend.moderation.reported(userId, courseId);
    case 'helpers':
      return backend.helpers(userId, courseId);
    case 'read':
      return andThen(parseBody(readBody, body), (valid) => backend.markRead(userId, courseId, valid.seq));
    case 'settings':
      return andThen(parseBody(settingsBody, body), (valid) => backend.updateSettings(userId, courseId, valid));
    case 'myAwards':
      return backend.myAwards(userId, courseId);
    case 'search':
      return andThen(parseSearchQuery(request.query ?? new URLSearchParams()), (page) =>
        searchCourse(backend, userId, courseId, page),
      );
    case 'award':
      return andThen(parseBody(awardBody, body), (valid) => backend.award(userId, valid));
  }
}

async function devRequest(
  backend: MockBackend,
  route: 'devToken' | 'devFixtures' | 'devAccess',
  body: string | null | undefined,
): Promise<Outcome<unknown>> {
  switch (route) {
    case 'devAccess':
      return andThen(parseBody(devAccessBody, body), (change) => backend.changeAccess(change));
    case 'devFixtures':
      return andThen(parseBody(fixturesBody, body), (fixtures) => {
        backend.applyFixtures(fixtures);
        return done({}, 201);
      });
    case 'devToken': {
      const parsed = parseBody(devTokenBody, body);
      if (!parsed.ok) return parsed;
      return done({ token: await backend.issueHostToken(parsed.value.user_id, parsed.value.ttl_seconds) });
    }
  }
}

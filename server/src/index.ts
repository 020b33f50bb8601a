/**
 * The reference backend's Worker: authenticates each request, checks access in D1, and answers
 * reads itself; every write to a room goes to that course's Durable Object (`idFromName(course)`).
 */
import {
  asMessageBody,
  decodePath,
  fail,
  isJsonContentType,
  malformedPath,
  markRead,
  moderationFields,
  notJson,
  parseBody,
  parseHistoryQuery,
  parseSearchQuery,
  refusals,
  roomLimitsFromVariables,
  runAwaiting,
  signToken,
  updateSettings,
  userTokenExpiry,
  type Outcome,
} from '../../src/backend/index.js';
import {
  accessCloseCode,
  awardBody,
  editBody,
  errorBodyOf,
  errorHeaders,
  readBody,
  reportBody,
  restEndpoints,
  type RestMethod,
  roomDecisionBody,
  routes,
  sendMessageBody,
  settingsBody,
  type RoomResponse,
  type RouteName,
} from '../../src/protocol/index.js';
import { refuseSocket } from './access.js';
import { adminCall, isAdminPath } from './admin.js';
import { authenticate, credential } from './auth.js';
import { originPolicy, preflight, withCors } from './cors.js';
import { Database } from './db.js';
import { signedDecision } from './decisions.js';
import { devEndpoint } from './dev.js';
import type { Env } from './env.js';
import { consumeModq } from './modq.js';
import { handoverHeaders } from './room.js';
import { D1RoomRecords } from './room-records.js';
import { searchMessages } from './search.js';

export { ChatRoom } from './room.js';

/** Where the API lives on the Worker's host, as the element's default `api-base` expects. */
const apiPrefix = '/api';

interface Route {
  name: RouteName | 'connect';
  method: RestMethod;
  pattern: RegExp;
  keys: string[];
}

const table: Route[] = [...restEndpoints, ['connect', 'GET'] as const].map(([name, method]) => {
  const keys: string[] = [];
  const source = routes[name].replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { name, method, pattern: new RegExp(`^${source}$`), keys };
});

type Match = { route: Route; params: Record<string, string> } | 'wrong-method' | 'malformed' | null;

function match(method: string, path: string): Match {
  let pathMatched = false;
  for (const route of table) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const values = route.keys.map((_, i) => decodePath(found[i + 1] ?? ''));
    if (values.some((value) => value === null)) return 'malformed';
    return { route, params: Object.fromEntries(route.keys.map((key, i) => [key, values[i] ?? ''])) };
  }
  return pathMatched ? 'wrong-method' : null;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const answer = (outcome: Outcome<unknown>) =>
  outcome.ok
    ? json(outcome.value, outcome.status)
    : json({ error: outcome.error }, outcome.status, errorHeaders(outcome.error));

const notFound = () => answer(refusals.notFound());

const readsMessages = new Set<string>(['room', 'messages', 'read', 'myAwards', 'search']);

/** Methods whose request has a JSON body. */
const withBody = new Set(['POST', 'PATCH']);

async function connect(request: Request, env: Env, db: Database): Promise<Response> {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return answer(refusals.connectWithWebSocket());
  const url = new URL(request.url);
  const roomId = url.searchParams.get('room') ?? '';
  const auth = await authenticate(url.searchParams.get('token'), env, roomId);
  if (!auth.ok) return refuseSocket(accessCloseCode(auth.error.code), auth.error.message);
  const access = await db.access(auth.value.userId, roomId);
  if (!access.ok) return refuseSocket(accessCloseCode(access.error.code), access.error.message);
  const headers = new Headers(request.headers);
  headers.set(handoverHeaders.user, JSON.stringify(access.value.me));
  headers.set(handoverHeaders.course, roomId);
  headers.set(handoverHeaders.expires, String(auth.value.exp * 1000));
  headers.set(handoverHeaders.mutedUntil, access.value.mutedUntil ?? '');
  return env.ROOMS.getByName(roomId).fetch(new Request(request, { headers }));
}

async function handle(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${apiPrefix}/`)) return notFound();
  const path = url.pathname.slice(apiPrefix.length);
  const secret = env.JWT_SECRET;
  if (!secret) return answer(fail('internal', 'JWT_SECRET is not configured.'));
  const saysJson = !withBody.has(request.method) || isJsonContentType(request.headers.get('content-type'));
  const body = withBody.has(request.method) ? await request.text() : null;

  if (isAdminPath(path) && request.method === 'POST') {
    const called = await adminCall(path, request, env, body);
    return called === null ? notFound() : answer(saysJson ? called : notJson());
  }
  const found = match(request.method, path);
  if (found === null) return notFound();
  if (found === 'wrong-method') return json(errorBodyOf('invalid_request', 'Method not allowed.'), 405);
  if (found === 'malformed') return answer(malformedPath());
  const { route, params } = found;
  const db = new Database(env.DB, env.COURSE_CHAT_DEFAULT !== 'off');

  if (route.name === 'devToken' || route.name === 'devFixtures' || route.name === 'devAccess') {
    if (env.DEV_ENDPOINTS !== 'on') return notFound();
    return answer(saysJson ? await devEndpoint(route.name, env, body) : notJson());
  }
  if (route.name === 'connect') return connect(request, env, db);
  if (!saysJson) return answer(notJson());
  if (route.name === 'moderationDecisions') {
    const decided = await signedDecision(request, env, body);
    return decided === null ? notFound() : answer(decided);
  }

  const token = credential(request, env, originPolicy(env));
  if (!token.ok) return answer(token);
  const auth = await authenticate(token.value, env);
  if (!auth.ok) return answer(auth);
  const userId = auth.value.userId;

  if (route.name === 'award') {
    const valid = parseBody(awardBody, body);
    if (!valid.ok) return answer(valid);
    const courseId = await db.courseOfMessage(valid.value.reference_id);
    if (courseId === null) return answer(refusals.messageNotFound());
    const access = await db.access(userId, courseId);
    if (!access.ok) return answer(access);
    return answer(await env.ROOMS.getByName(courseId).award(courseId, userId, valid.value));
  }

  const courseId = params['courseId'] ?? '';
  const access = await db.access(userId, courseId);
  if (!access.ok) return answer(access);
  const { course, me } = access.value;
  const room = () => env.ROOMS.getByName(courseId);
  const records = new D1RoomRecords(db, courseId);
  const reader = { id: userId, moderator: access.value.moderator };
  const messageId = params['messageId'] ?? '';
  const limits = roomLimitsFromVariables(env);
  // These read the room's messages in D1, which its own log fills in batches (room-log.ts).
  if (readsMessages.has(route.name) && !(route.name === 'messages' && request.method === 'POST')) await room().flush();

  switch (route.name) {
    case 'room': {
      const exp = userTokenExpiry(Date.now(), auth.value.exp);
      const [balance, lastSeq, membership, userToken] = await Promise.all([
        db.balanceOf(userId),
        db.lastSeq(courseId),
        db.membership(courseId, userId),
        signToken({ sub: userId, exp, room: courseId }, secret),
      ]);
      const response: RoomResponse = {
        room_id: courseId,
        user_token: userToken,
        token_expires_at: new Date(exp * 1000).toISOString(),
        course,
        me,
        balance,
        limits,
        last_seq: lastSeq,
        read_seq: membership.readSeq,
        unread: await db.unread(courseId, userId, membership.readSeq),
        settings: membership.settings,
        ...moderationFields(access.value.moderator, access.value.mutedUntil, Date.now()),
      };
      return json(response);
    }
    case 'messages': {
      if (request.method === 'GET') {
        const query = parseHistoryQuery(url.searchParams, limits.history_page_size);
        return query.ok ? json(await db.history(courseId, reader, query.value)) : answer(query);
      }
      const valid = parseBody(sendMessageBody, body);
      if (!valid.ok) return answer(valid);
      const sent = await room().send(courseId, access.value, valid.value);
      return answer(asMessageBody(sent));
    }
    case 'markQuestion':
      return answer(asMessageBody(await room().markQuestion(courseId, userId, messageId)));
    case 'report': {
      const valid = parseBody(reportBody, body);
      if (!valid.ok) return answer(valid);
      return answer(await room().report(courseId, userId, messageId, valid.value));
    }
    case 'message': {
      if (request.method === 'DELETE')
        return answer(asMessageBody(await room().deleteMessage(courseId, userId, messageId)));
      const valid = parseBody(editBody, body);
      if (!valid.ok) return answer(valid);
      return answer(asMessageBody(await room().edit(courseId, access.value, messageId, valid.value)));
    }
    case 'moderation': {
      const valid = parseBody(roomDecisionBody, body);
      if (!valid.ok) return answer(valid);
      return answer(await room().moderate(courseId, userId, valid.value));
    }
    case 'reported':
      return answer(await room().reported(courseId, userId));
    case 'helpers':
      return json({ helpers: await room().helpers() });
    case 'read': {
      const valid = parseBody(readBody, body);
      if (!valid.ok) return answer(valid);
      return answer(await runAwaiting(markRead(records, userId, valid.value.seq)));
    }
    case 'myAwards':
      return json({ awards: await db.awardsBy(userId, courseId) });
    case 'search': {
      const page = parseSearchQuery(url.searchParams);
      return page.ok ? json(await searchMessages(env.DB, courseId, reader, page.value)) : answer(page);
    }
    case 'settings': {
      const valid = parseBody(settingsBody, body);
      if (!valid.ok) return answer(valid);
      return answer(await runAwaiting(updateSettings(records, userId, valid.value)));
    }
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const policy = originPolicy(env);
    if (request.method === 'OPTIONS') return preflight(request, policy);
    try {
      return withCors(request, policy, await handle(request, env));
    } catch (error) {
      console.error('course-chat: unhandled error', error);
      return withCors(request, policy, answer(fail('internal', 'Something went wrong.')));
    }
  },
  queue: consumeModq,
} satisfies ExportedHandler<Env>;

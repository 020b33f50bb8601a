/**
 * The reference backend's Worker: authenticates each request, checks access in D1, and answers
 * reads itself; every write to a room goes to that course's Durable Object (`idFromName(course)`).
 */
import {
  asMessageBody,
  awardBody,
  closeCodes,
  defaultLimits,
  devTokenBody,
  done,
  errorBodyOf,
  fail,
  fixturesBody,
  readBody,
  reportBody,
  isJsonContentType,
  notJson,
  parseBody,
  parseHistoryQuery,
  restEndpoints,
  routes,
  sendMessageBody,
  settingsBody,
  signToken,
  userTokenTtlSeconds,
  verifyToken,
  type Outcome,
  type RoomResponse,
  type RouteName,
} from '../../src/protocol/index.js';
import { Database } from './db.js';
import type { Env } from './env.js';
import { handoverHeaders } from './room.js';

export { ChatRoom } from './room.js';

/** Where the API lives on the Worker's host, as the element's default `api-base` expects. */
const apiPrefix = '/api';

interface Route {
  name: RouteName | 'connect';
  method: 'GET' | 'POST';
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

function match(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | null {
  let pathMatched = false;
  for (const route of table) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1] ?? '')]));
    return { route, params };
  }
  return pathMatched ? 'wrong-method' : null;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const answer = (outcome: Outcome<unknown>) =>
  outcome.ok ? json(outcome.value, outcome.status) : json({ error: outcome.error }, outcome.status);

const notFound = () => json(errorBodyOf('invalid_request', 'Not found.'), 404);

/** CORS for browser hosts on other origins; credentials allowed, so origins are listed, not `*`. */
function withCors(request: Request, env: Env, response: Response): Response {
  const origin = request.headers.get('origin');
  if (!origin || !originAllowed(origin, env) || response.status === 101) return response;
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  headers.append('vary', 'Origin');
  return new Response(response.body, { status: response.status, headers });
}

function originAllowed(origin: string, env: Env): boolean {
  const allowed = (env.ALLOWED_ORIGINS ?? '').split(',').map((entry) => entry.trim());
  return allowed.includes('*') || allowed.includes(origin);
}

function preflight(request: Request, env: Env): Response {
  const origin = request.headers.get('origin');
  if (!origin || !originAllowed(origin, env)) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  });
}

/** The bearer token, else the session cookie: the same HS256 JWT either way. */
function credential(request: Request, env: Env): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (bearer?.[1]) return bearer[1];
  const name = env.SESSION_COOKIE || 'course_chat_session';
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * The signed-in user. A `user_token` (bound to a room) is no host credential and a host token
 * opens no room, so `room` must match the token's own claim exactly.
 */
async function authenticate(token: string | null, secret: string, room?: string): Promise<Outcome<string>> {
  if (!token) return fail('unauthenticated', 'Sign in first.');
  const check = await verifyToken(token, secret);
  if (!check.ok)
    return check.reason === 'expired'
      ? fail('token_expired', 'The token has expired.')
      : fail('unauthenticated', 'Invalid credentials.');
  if (check.claims.room !== room) return fail('unauthenticated', 'Invalid credentials.');
  return done(check.claims.sub);
}

/** Accepts the upgrade only to close it at once with `code`, as docs/protocol.md requires. */
function refuseSocket(code: number, reason: string): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  server.close(code, reason);
  return new Response(null, { status: 101, webSocket: client });
}

async function connect(request: Request, env: Env, db: Database, secret: string): Promise<Response> {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
    return answer(fail('invalid_request', 'Connect with a WebSocket.'));
  const url = new URL(request.url);
  const roomId = url.searchParams.get('room') ?? '';
  const auth = await authenticate(url.searchParams.get('token'), secret, roomId);
  if (!auth.ok) return refuseSocket(closeCodes.unauthorized, auth.error.message);
  const access = await db.access(auth.value, roomId);
  if (!access.ok)
    return access.error.code === 'course_not_found'
      ? refuseSocket(closeCodes.notFound, 'unknown room')
      : refuseSocket(closeCodes.forbidden, 'not allowed in this room');
  const headers = new Headers(request.headers);
  headers.set(handoverHeaders.user, JSON.stringify(access.value.me));
  headers.set(handoverHeaders.course, roomId);
  return env.ROOMS.getByName(roomId).fetch(new Request(request, { headers }));
}

async function handle(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${apiPrefix}/`)) return notFound();
  const found = match(request.method, url.pathname.slice(apiPrefix.length));
  if (found === null) return notFound();
  if (found === 'wrong-method') return json(errorBodyOf('invalid_request', 'Method not allowed.'), 405);
  const { route, params } = found;
  const secret = env.JWT_SECRET;
  if (!secret) return answer(fail('internal', 'JWT_SECRET is not configured.'));
  const db = new Database(env.DB, env.COURSE_CHAT_DEFAULT !== 'off');
  const body = request.method === 'POST' ? await request.text() : null;

  const saysJson = request.method !== 'POST' || isJsonContentType(request.headers.get('content-type'));

  if (route.name === 'devToken' || route.name === 'devFixtures') {
    if (env.DEV_ENDPOINTS !== 'on') return notFound();
    if (!saysJson) return answer(notJson());
    if (route.name === 'devToken') {
      const valid = parseBody(devTokenBody, body);
      if (!valid.ok) return answer(valid);
      const exp = Math.floor(Date.now() / 1000) + (valid.value.ttl_seconds ?? 3600);
      return json({ token: await signToken({ sub: valid.value.user_id, exp }, secret) });
    }
    const valid = parseBody(fixturesBody, body);
    if (!valid.ok) return answer(valid);
    await db.applyFixtures(valid.value);
    await env.ROOMS.getByName(valid.value.course.id).reset();
    return json({}, 201);
  }
  if (route.name === 'connect') return connect(request, env, db, secret);
  if (!saysJson) return answer(notJson());

  const auth = await authenticate(credential(request, env), secret);
  if (!auth.ok) return answer(auth);
  const userId = auth.value;

  if (route.name === 'award') {
    const valid = parseBody(awardBody, body);
    if (!valid.ok) return answer(valid);
    const courseId = await db.courseOfMessage(valid.value.reference_id);
    if (courseId === null) return answer(fail('message_not_found', 'No such message.'));
    const access = await db.access(userId, courseId);
    if (!access.ok) return answer(access);
    return answer(await env.ROOMS.getByName(courseId).award(courseId, userId, valid.value));
  }

  const courseId = params['courseId'] ?? '';
  const access = await db.access(userId, courseId);
  if (!access.ok) return answer(access);
  const { course, me } = access.value;
  const room = () => env.ROOMS.getByName(courseId);

  switch (route.name) {
    case 'room': {
      const exp = Math.floor(Date.now() / 1000) + userTokenTtlSeconds;
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
        limits: { ...defaultLimits },
        last_seq: lastSeq,
        read_seq: membership.readSeq,
        unread: await db.unread(courseId, userId, membership.readSeq),
        settings: membership.settings,
      };
      return json(response);
    }
    case 'messages': {
      if (request.method === 'GET') {
        const query = parseHistoryQuery(url.searchParams, defaultLimits.history_page_size);
        return query.ok ? json(await db.history(courseId, userId, query.value)) : answer(query);
      }
      const valid = parseBody(sendMessageBody, body);
      if (!valid.ok) return answer(valid);
      const sent = await room().send(courseId, me, valid.value);
      return answer(asMessageBody(sent));
    }
    case 'markQuestion': {
      const marked = await room().markQuestion(courseId, userId, params['messageId'] ?? '');
      return answer(asMessageBody(marked));
    }
    case 'report': {
      const valid = parseBody(reportBody, body);
      if (!valid.ok) return answer(valid);
      const messageId = params['messageId'] ?? '';
      if (!(await db.message(courseId, messageId))) return answer(fail('message_not_found', 'No such message.'));
      await db.report(courseId, messageId, userId, valid.value.reason ?? null);
      return json({ reported: true }, 201);
    }
    case 'helpers':
      return json({ helpers: await room().helpers() });
    case 'read': {
      const valid = parseBody(readBody, body);
      if (!valid.ok) return answer(valid);
      const readSeq = await db.markRead(courseId, userId, valid.value.seq);
      return json({ read_seq: readSeq, unread: await db.unread(courseId, userId, readSeq) });
    }
    case 'myAwards':
      return json({ awards: await db.awardsBy(userId, courseId) });
    case 'settings': {
      const valid = parseBody(settingsBody, body);
      if (!valid.ok) return answer(valid);
      return json({ settings: await db.updateSettings(courseId, userId, valid.value) });
    }
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method === 'OPTIONS') return preflight(request, env);
    try {
      return withCors(request, env, await handle(request, env));
    } catch (error) {
      console.error('course-chat: unhandled error', error);
      return withCors(request, env, answer(fail('internal', 'Something went wrong.')));
    }
  },
} satisfies ExportedHandler<Env>;

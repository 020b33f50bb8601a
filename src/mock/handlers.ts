import { delay, http, HttpResponse, ws, type AnyHandler } from 'msw';
import { decodePath, malformedPath } from '../backend/index.js';
import {
  errorBodyOf,
  modqSignatureHeader,
  modqTimestampHeader,
  paths,
  restEndpoints,
  routes,
} from '../protocol/index.js';
import type { MockBackend } from './backend.js';

export interface MockHandlerOptions {
  /** Relative to the page (`/api`) or absolute (`http://localhost:8787/api`). */
  apiBase?: string;
  /** The session cookie the backend reads when a request carries no bearer token. */
  cookieName?: string;
}

/** The page URL relative bases resolve against; absent outside a browser. */
function pageHref(): string {
  return globalThis.location?.href ?? 'http://localhost/';
}

/** The absolute HTTP base for `apiBase`, without a trailing slash. */
export function resolveApiBase(apiBase: string): string {
  return new URL(apiBase, pageHref()).href.replace(/\/+$/, '');
}

/** `ws(s)://…/chat/connect` for `apiBase`: same host and path, WebSocket scheme. */
export function webSocketUrl(apiBase: string): string {
  return resolveApiBase(apiBase).replace(/^http/, 'ws') + paths.connect();
}

/**
 * Whether the browser says it has no network. The in-page mock is no network at all, so it plays
 * one: while offline, nothing reaches it, as nothing would reach a real backend. Node has no such
 * state.
 */
const offline = () => globalThis.navigator?.onLine === false;

/** The code a browser reports for a connection lost without a close frame. */
const abnormalClosure = 1006;

/** The credential of a request: the bearer token first, else the session cookie. */
function credential(request: Request, cookies: Record<string, string>, cookieName: string): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return bearer?.[1] ?? cookies[cookieName] ?? null;
}

/**
 * msw handlers putting `backend` behind `apiBase`: one per REST route and one WebSocket link.
 * They only move bytes and apply injected faults; every rule lives in the backend.
 */
export function mockHandlers(backend: MockBackend, options: MockHandlerOptions = {}): AnyHandler[] {
  const apiBase = resolveApiBase(options.apiBase ?? '/api');
  const cookieName = options.cookieName ?? 'course_chat_session';

  const rest = restEndpoints.map(([name, method]) =>
    ({ GET: http.get, POST: http.post, PATCH: http.patch, DELETE: http.delete })[method](
      `${apiBase}${routes[name]}`,
      async ({ request, params, cookies }) => {
        // What fetch gets from a network that is not there: no answer, a TypeError.
        if (offline()) return HttpResponse.error();
        const failure = backend.faults.takeFailure(name, method);
        const wait = backend.faults.delayFor(name);
        if (wait > 0) await delay(wait);
        if (failure)
          return HttpResponse.json(errorBodyOf(failure.code, 'Injected failure.'), { status: failure.status });
        // msw hands a malformed percent-encoding over undecoded; the Worker refuses it, and so does the mock.
        const malformed = decodePath(new URL(request.url).pathname) === null ? malformedPath() : null;
        if (malformed && !malformed.ok)
          return HttpResponse.json({ error: malformed.error }, { status: malformed.status });
        const answer = await backend.handle(name, {
          method,
          params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
          query: new URL(request.url).searchParams,
          body: method === 'GET' ? null : await request.text(),
          token: credential(request, cookies, cookieName),
          contentType: request.headers.get('content-type'),
          modq: {
            timestamp: request.headers.get(modqTimestampHeader),
            signature: request.headers.get(modqSignatureHeader),
          },
        });
        return HttpResponse.json(answer.body as Record<string, unknown>, {
          status: answer.status,
          headers: answer.headers,
        });
      },
    ),
  );

  const socket = ws.link(webSocketUrl(options.apiBase ?? '/api')).addEventListener('connection', ({ client }) => {
    const lost = () => client.close(abnormalClosure, 'offline');
    if (offline()) return lost();
    // A socket does not outlive the network it went over.
    globalThis.addEventListener?.('offline', lost, { once: true });
    client.addEventListener('close', () => globalThis.removeEventListener?.('offline', lost));
    const query = client.url.searchParams;
    const connection = backend.connect(query.get('room') ?? '', query.get('token') ?? '', {
      send: (data) => client.send(data),
      close: (code, reason) => client.close(code, reason),
    });
    client.addEventListener('message', (event) => connection.receive(event.data));
    client.addEventListener('close', () => connection.closed());
  });

  return [...rest, socket];
}

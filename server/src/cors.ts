/**
 * Which browser pages may call the API, and with which credentials. `ALLOWED_ORIGINS` lists
 * origins; `*` among them means "any other origin, with bearer tokens only":
 *
 * - a listed origin is answered with itself and `Access-Control-Allow-Credentials: true`, so the
 *   element's `credentials: 'include'` requests carry the session cookie;
 * - any other origin, when `*` is listed, gets `Access-Control-Allow-Origin: *` and no
 *   credentials: its page can send a bearer token, and its browser drops every credentialed answer;
 * - the session cookie itself is accepted only from a listed origin, the Worker's own origin, or a
 *   caller that is no cross-site browser request (`cookieAccepted`), checked here rather than left
 *   to the browser's preflight, which a simple request or a misconfiguration would skip.
 */
import type { Env } from './env.js';

export interface OriginPolicy {
  listed: ReadonlySet<string>;
  anyWithoutCredentials: boolean;
}

export function originPolicy(env: Env): OriginPolicy {
  const entries = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return { listed: new Set(entries.filter((entry) => entry !== '*')), anyWithoutCredentials: entries.includes('*') };
}

/** The CORS headers for a request from `origin`, or null when that origin may not call at all. */
function corsHeaders(origin: string, policy: OriginPolicy): Record<string, string> | null {
  // The 429's Retry-After is no CORS-safelisted header: pages see it only when it is exposed.
  const common = { vary: 'Origin', 'access-control-expose-headers': 'retry-after' };
  if (policy.listed.has(origin))
    return { ...common, 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
  if (policy.anyWithoutCredentials) return { ...common, 'access-control-allow-origin': '*' };
  return null;
}

export function withCors(request: Request, policy: OriginPolicy, response: Response): Response {
  const origin = request.headers.get('origin');
  const cors = origin === null || response.status === 101 ? null : corsHeaders(origin, policy);
  if (!cors) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(cors)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

export function preflight(request: Request, policy: OriginPolicy): Response {
  const origin = request.headers.get('origin');
  const cors = origin === null ? null : corsHeaders(origin, policy);
  if (!cors) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
    },
  });
}

/**
 * Whether a request may authenticate with the session cookie. Browsers send `Origin` on every
 * cross-origin request and `Sec-Fetch-Site` on every request, so a cross-site page is recognised
 * even when it avoids a preflight; a caller that sends neither is no browser, and no CSRF victim.
 */
export function cookieAccepted(request: Request, policy: OriginPolicy): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return policy.listed.has(origin) || origin === new URL(request.url).origin;
  const site = request.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin' || site === 'none';
}

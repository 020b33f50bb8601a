/**
 * Who is calling: the host's HS256 JWT as a bearer token, else in the session cookie (from an
 * accepted origin only, cors.ts). During a secret rotation `JWT_SECRET_PREVIOUS` still verifies
 * tokens signed before it, while everything new is signed with `JWT_SECRET` alone.
 */
import { done, fail, refusals, verifyToken, type Outcome, type TokenCheck } from '../../src/backend/index.js';
import { cookieAccepted, type OriginPolicy } from './cors.js';
import type { Env } from './env.js';

export interface Caller {
  userId: string;
  /** When the credential expires, in seconds since the epoch: nothing issued for it outlives it. */
  exp: number;
}

/** The bearer token, else the session cookie's value; an error when the cookie may not be used. */
export function credential(request: Request, env: Env, policy: OriginPolicy): Outcome<string | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (bearer?.[1]) return done(bearer[1]);
  const name = env.SESSION_COOKIE || 'course_chat_session';
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    if (!cookieAccepted(request, policy))
      return fail('unauthenticated', 'The session cookie is not accepted from this origin.');
    try {
      return done(decodeURIComponent(value.join('=')));
    } catch {
      return refusals.invalidCredentials();
    }
  }
  return done(null);
}

/** Verifies with the current secret, then with the previous one while a rotation lasts. */
async function verify(token: string, env: Env): Promise<TokenCheck> {
  let check: TokenCheck = { ok: false, reason: 'invalid' };
  for (const secret of [env.JWT_SECRET, env.JWT_SECRET_PREVIOUS]) {
    if (!secret) continue;
    check = await verifyToken(token, secret);
    // "expired" means the signature matched: another secret cannot make it valid.
    if (check.ok || check.reason === 'expired') return check;
  }
  return check;
}

/**
 * The signed-in caller. A `user_token` (bound to a room) is no host credential and a host token
 * opens no room, so `room` must match the token's own claim exactly.
 */
export async function authenticate(token: string | null, env: Env, room?: string): Promise<Outcome<Caller>> {
  if (!token) return refusals.signIn();
  const check = await verify(token, env);
  if (!check.ok) return check.reason === 'expired' ? refusals.tokenExpired() : refusals.invalidCredentials();
  if (check.claims.room !== room) return refusals.invalidCredentials();
  return done({ userId: check.claims.sub, exp: check.claims.exp });
}

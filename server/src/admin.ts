/**
 * The host's admin calls, each `POST` with `Authorization: Bearer <ADMIN_SECRET>`:
 *
 *   POST /api/admin/revoke   { "course_id", "user_id" }
 *
 * revokes access at once rather than at the next re-check: closes that user's sockets in that
 * course's room with 4003 and answers `200 { closed }`. The host calls it after changing its
 * tables (enrolment, ST certification, feature flag), so a reconnect is refused too.
 *
 *   POST /api/admin/modq/resend
 *
 * hands the reports MODQ never took (the dead letters, modq.ts) to the MODQ queue again, once MODQ
 * is back, and answers `200 { resent }`.
 *
 * `ADMIN_SECRET` is a separate secret the browser never sees; unset, the calls answer 404 as if
 * they did not exist.
 */
import { done, fail, parseBody, type Outcome } from '../../src/backend/index.js';
import { id, object } from '../../src/protocol/index.js';
import type { Env } from './env.js';
import { resendDeadLetters } from './modq.js';

const adminPaths = ['/admin/revoke', '/admin/modq/resend'] as const;
type AdminPath = (typeof adminPaths)[number];

export const isAdminPath = (path: string): path is AdminPath => (adminPaths as readonly string[]).includes(path);

const revokeBody = object({ course_id: id, user_id: id });

const encoder = new TextEncoder();

/** Compares digests, so the time taken says nothing about how much of the secret matched. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text));
  return crypto.subtle.timingSafeEqual(await digest(given), await digest(expected));
}

/** The admin call's answer; null when admin calls are not configured (the Worker then says 404). */
export async function adminCall(
  path: AdminPath,
  request: Request,
  env: Env,
  body: string | null,
): Promise<Outcome<unknown> | null> {
  if (!env.ADMIN_SECRET) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!bearer || !(await sameSecret(bearer, env.ADMIN_SECRET)))
    return fail('unauthenticated', 'Invalid admin credentials.');
  if (path === '/admin/modq/resend') return done({ resent: await resendDeadLetters(env) });
  const valid = parseBody(revokeBody, body);
  if (!valid.ok) return valid;
  const closed = await env.ROOMS.getByName(valid.value.course_id).revoke(valid.value.user_id);
  return done({ closed });
}

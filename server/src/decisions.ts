/**
 * `POST /api/moderation/decisions`: a decision from the platform's MODQ (hide, restore, dismiss,
 * mute, unmute). Not a user's request: it is signed with `MODQ_SECRET` (src/backend/hmac.ts),
 * checked over the raw body before anything in it is read, then applied by the course's room,
 * which audits its `decision_id` first, so a replay is refused and changes nothing. Without
 * `MODQ_SECRET` the endpoint does not exist (404), as the admin call without `ADMIN_SECRET`.
 */
import { parseBody, refusals, verifyModqRequest, type Outcome } from '../../src/backend/index.js';
import {
  modqSignatureHeader,
  modqTimestampHeader,
  signedDecisionBody,
  type DecisionResponse,
} from '../../src/protocol/index.js';
import type { Env } from './env.js';

/** The decision's outcome; null when this deployment takes no decisions from MODQ. */
export async function signedDecision(
  request: Request,
  env: Env,
  body: string | null,
): Promise<Outcome<DecisionResponse> | null> {
  const secret = env.MODQ_SECRET;
  if (!secret) return null;
  const signature = {
    timestamp: request.headers.get(modqTimestampHeader),
    signature: request.headers.get(modqSignatureHeader),
  };
  const verified = await verifyModqRequest(secret, signature, body ?? '', Date.now());
  if (!verified.ok) return verified;
  const valid = parseBody(signedDecisionBody, body);
  if (!valid.ok) return valid;
  const course = await env.DB.prepare('SELECT 1 AS yes FROM courses WHERE id = ?')
    .bind(valid.value.course_id)
    .first<{ yes: number }>();
  if (!course) return refusals.courseNotFound();
  return env.ROOMS.getByName(valid.value.course_id).decide(valid.value);
}

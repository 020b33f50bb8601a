import type { LimitVariables } from '../../src/backend/index.js';
import type { ModqReport } from '../../src/protocol/index.js';
import type { ChatRoom } from './room.js';

/**
 * The Worker's bindings and settings (wrangler.jsonc `vars`, secrets, or `--var` locally), room
 * limits included: `MAX_MESSAGE_LENGTH`, `MIN_SEND_INTERVAL_MS` and the others of `LimitVariables`.
 */
export interface Env extends LimitVariables {
  DB: D1Database;
  ROOMS: DurableObjectNamespace<ChatRoom>;
  /** HS256 secret shared with the host platform; it also signs `user_token`s. */
  JWT_SECRET?: string;
  /** The secret before a rotation: still verifies tokens for a grace period, signs nothing. */
  JWT_SECRET_PREVIOUS?: string;
  /** Bearer secret of the host's admin calls (`POST /api/admin/revoke`); unset, they answer 404. */
  ADMIN_SECRET?: string;
  /** The host's session cookie holding the same JWT, for hosts that do not pass bearer tokens. */
  SESSION_COOKIE?: string;
  /** Comma-separated origins allowed to call with credentials; `*` adds any origin, bearer tokens only. */
  ALLOWED_ORIGINS?: string;
  /** Seconds between re-checks of connected users' access (default 30): how long a revoked user may still read. */
  ACCESS_RECHECK_SECONDS?: string;
  /**
   * Milliseconds a room's new messages may wait in its own log before the alarm writes them to
   * D1 in one batch; unset or 0, each batch leaves as soon as the one before it is in (room-log.ts).
   */
  LOG_FLUSH_MS?: string;
  /**
   * How long a busy room holds frames after a send, in milliseconds for each socket it sent to (up
   * to 250 ms), to send each socket all of them at once (fan-out.ts); 0.5 in wrangler.jsonc; unset,
   * 0: the frames of one turn go together.
   */
  FANOUT_MS_PER_SOCKET?: string;
  /** `on` enables `/dev/token`, `/dev/fixtures` and `/dev/access`; never in production. */
  DEV_ENDPOINTS?: string;
  /** With DEV_ENDPOINTS on, the faults a test starts the Worker with (dev-faults.ts). */
  DEV_FAULTS?: string;
  /** `canAccess('course_chat')` for users without a feature_flags row: `on` or `off`. */
  COURSE_CHAT_DEFAULT?: string;
  /** The queue each new report leaves the room on, for the consumer to hand it to MODQ (modq.ts). */
  MODQ_OUTBOX: Queue<ModqReport>;
  /** Where the consumer POSTs each report; unset, reports are kept in D1 only and acknowledged. */
  MODQ_URL?: string;
  /** HMAC secret shared with MODQ: signs the reports sent to it and verifies its decisions. */
  MODQ_SECRET?: string;
  /** Seconds before the first retry of a report MODQ did not take (default 30); each retry doubles it. */
  MODQ_RETRY_SECONDS?: string;
}

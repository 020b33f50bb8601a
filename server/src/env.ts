import type { ChatRoom } from './room.js';

/** The Worker's bindings and settings (wrangler.jsonc `vars`, secrets, or `--var` locally). */
export interface Env {
  DB: D1Database;
  ROOMS: DurableObjectNamespace<ChatRoom>;
  /** HS256 secret shared with the host platform; it also signs `user_token`s. */
  JWT_SECRET?: string;
  /** The host's session cookie holding the same JWT, for hosts that do not pass bearer tokens. */
  SESSION_COOKIE?: string;
  /** Comma-separated origins allowed to call the API from a browser; `*` allows any. */
  ALLOWED_ORIGINS?: string;
  /** `on` enables `/dev/token` and `/dev/fixtures`; never in production. */
  DEV_ENDPOINTS?: string;
  /** `canAccess('course_chat')` for users without a feature_flags row: `on` or `off`. */
  COURSE_CHAT_DEFAULT?: string;
}

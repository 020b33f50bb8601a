/**
 * Rules both backends and the client share, kept here so none of them can drift.
 */

/**
 * Room limits both backends apply unless a deployment configures others: the Worker's wrangler
 * vars, the mock's `limits` option (src/backend/limits.ts reads both).
 */
export const defaultLimits = {
  max_message_length: 2000,
  min_send_interval_ms: 1000,
  default_award_points: 5,
  max_award_points: 20,
  low_balance_threshold: 10,
  history_page_size: 50,
  heartbeat_interval_ms: 25_000,
  edit_window_ms: 15 * 60 * 1000,
  report_hide_threshold: 3,
} as const;

/** How long a `user_token` lives; the client renews it by fetching the room again. */
export const userTokenTtlSeconds = 15 * 60;

/** The most sockets one user may hold in one room; one more is closed with `closeCodes.tooManySockets`. */
export const maxSocketsPerUser = 5;

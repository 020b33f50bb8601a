/**
 * The room limits a deployment runs with: the protocol's `defaultLimits` with whatever it
 * configures instead (the Worker from its wrangler vars, the mock from its `limits` option),
 * checked against the protocol's `roomLimits` so a room never announces limits a client refuses.
 */
import { maxHistoryLimit, roomLimits, safeParse, userTokenTtlSeconds, type RoomLimits } from '../protocol/index.js';
import { defaultLimits } from '../protocol/rules.js';

/** Each limit's Worker variable: `max_message_length` is `MAX_MESSAGE_LENGTH`, and so on. */
export const limitVariables = Object.fromEntries(
  Object.keys(defaultLimits).map((name) => [name, name.toUpperCase()]),
) as { readonly [Name in keyof RoomLimits]: Uppercase<Name> };

/** The variables a deployment sets limits with, as text (wrangler `vars` or `--var`). */
export type LimitVariables = { readonly [Name in keyof RoomLimits as Uppercase<Name>]?: string };

/** `defaultLimits` with `overrides`; throws, naming the problem, when the result is not valid. */
export function roomLimitsWith(overrides: Partial<RoomLimits> = {}): RoomLimits {
  const parsed = safeParse(roomLimits, { ...defaultLimits, ...overrides });
  if (!parsed.ok) throw new Error(`course-chat: invalid room limits: ${parsed.error.message}`);
  const limits = parsed.value;
  if (limits.default_award_points > limits.max_award_points)
    throw new Error('course-chat: invalid room limits: default_award_points is above max_award_points');
  if (limits.history_page_size > maxHistoryLimit)
    throw new Error(`course-chat: invalid room limits: history_page_size is above ${maxHistoryLimit}`);
  return limits;
}

/**
 * The limits set by a deployment's variables: an unset or empty one keeps its default, anything
 * else must be a whole number within the protocol's bounds.
 */
export function roomLimitsFromVariables(variables: LimitVariables): RoomLimits {
  const overrides: Partial<Record<keyof RoomLimits, number>> = {};
  for (const [name, variable] of Object.entries(limitVariables) as Array<[keyof RoomLimits, keyof LimitVariables]>) {
    const raw = variables[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw)) throw new Error(`course-chat: ${variable} must be a whole number, not "${raw}"`);
    overrides[name] = Number(raw);
  }
  return roomLimitsWith(overrides);
}

/**
 * Whether an award's points are allowed: a whole number from 1 to `max`. Checked by the rules, not
 * the body's schema, so 0, -5 or 1.5 are `points_out_of_range` (422) as the protocol's table says.
 */
export function pointsInRange(points: number, max: number): boolean {
  return Number.isInteger(points) && points >= 1 && points <= max;
}

/**
 * When a new `user_token` expires, in seconds since the epoch: its lifetime from `nowMs`, but
 * never after the credential it was asked with (`credentialExp`), so signing out ends both.
 */
export function userTokenExpiry(nowMs: number, credentialExp: number): number {
  return Math.min(Math.floor(nowMs / 1000) + userTokenTtlSeconds, credentialExp);
}

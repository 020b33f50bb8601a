import { cached } from './format.js';

// Apart from format.ts: only the help queue (a part loaded after the first paint) tells waits.

/** The units a wait is told in, longest first, each from the length where it reads better. */
const waitUnits = [
  { unit: 'week', minutes: 7 * 24 * 60, from: 14 * 24 * 60 },
  { unit: 'day', minutes: 24 * 60, from: 24 * 60 },
  { unit: 'hour', minutes: 60, from: 60 },
  { unit: 'minute', minutes: 1, from: 1 },
] as const;

/**
 * How long since `iso`, in whole minutes, hours, days or weeks ("12 minutes", "2 hours",
 * "8 days", "3 weeks"); '' under a minute.
 */
export function formatWait(iso: string, now: number, locale?: string): string {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  const longest = waitUnits.find(({ from }) => minutes >= from);
  if (!longest) return '';
  return cached(Intl.NumberFormat, locale, { style: 'unit', unit: longest.unit, unitDisplay: 'long' }).format(
    Math.round(minutes / longest.minutes),
  );
}

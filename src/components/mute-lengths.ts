/** How long a moderator may mute someone for, in hours: an hour, a day, a week. */
export const muteHours = [1, 24, 7 * 24] as const;

/** "1 hour", "1 day", "1 week" in `locale` (the browser's when undefined). */
export function muteLength(hours: number, locale: string | undefined): string {
  const [unit, n] =
    hours % (7 * 24) === 0 ? ['week', hours / 168] : hours % 24 === 0 ? ['day', hours / 24] : ['hour', hours];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
}

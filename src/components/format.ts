/** Times as people read them in a chat: "just now", "5 min ago", "14:05", "Mon 14:05", "3 Nov". */
export function formatMessageTime(iso: string, now = Date.now(), locale?: string): string {
  const at = Date.parse(iso);
  const ageMs = now - at;
  if (ageMs < 45_000) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  if (ageMs < 60 * 60_000)
    return new Intl.RelativeTimeFormat(locale, { style: 'short' }).format(-Math.round(ageMs / 60_000), 'minute');
  const date = new Date(at);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString())
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
  if (ageMs < 6 * 24 * 60 * 60_000)
    return new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(date);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date);
}

/** The full timestamp, for the tooltip and assistive technology. */
export function formatFullTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

/** A stable hue per person, so an avatar without a picture is still recognisable. */
export function hueOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

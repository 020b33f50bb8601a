const formatters = new Map<string, unknown>();

/**
 * One Intl formatter per kind, locale and options: making one costs far more than using it, and
 * every row formats its time on each render.
 */
export function cached<O, F>(
  Format: new (locale: string | undefined, options: O) => F,
  locale: string | undefined,
  options: O,
) {
  const key = `${Format.name}${locale}${JSON.stringify(options)}`;
  let format = formatters.get(key) as F | undefined;
  if (!format) formatters.set(key, (format = new Format(locale, options)));
  return format;
}

/**
 * The language of `element`'s text: its own `lang` or its nearest ancestor's, across shadow roots;
 * undefined, meaning the browser's, without one or with one Intl cannot use.
 */
export function localeOf(element: Element): string | undefined {
  let node: Element | undefined = element;
  // Rendered on a server, an element has neither a parent nor a root node to ask.
  while (node && !node.getAttribute('lang'))
    node = node.parentElement ?? (node.getRootNode?.() as ShadowRoot | undefined)?.host;
  try {
    return Intl.getCanonicalLocales(node?.getAttribute('lang') ?? [])[0];
  } catch {
    return undefined;
  }
}

/** Times as people read them in a chat: "just now", "5 min ago", "14:05", "Mon 14:05", "3 Nov". */
export function formatMessageTime(iso: string, now = Date.now(), locale?: string): string {
  const at = Date.parse(iso);
  const ageMs = now - at;
  if (ageMs < 45_000) return cached(Intl.RelativeTimeFormat, locale, { numeric: 'auto' }).format(0, 'second');
  if (ageMs < 60 * 60_000)
    return cached(Intl.RelativeTimeFormat, locale, { style: 'short' }).format(-Math.round(ageMs / 60_000), 'minute');
  const date = new Date(at);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString())
    return cached(Intl.DateTimeFormat, locale, { hour: 'numeric', minute: '2-digit' }).format(date);
  if (ageMs < 6 * 24 * 60 * 60_000)
    return cached(Intl.DateTimeFormat, locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(date);
  return cached(Intl.DateTimeFormat, locale, { day: 'numeric', month: 'short' }).format(date);
}

/** The full timestamp, for the tooltip and assistive technology. */
export function formatFullTime(iso: string, locale?: string): string {
  return cached(Intl.DateTimeFormat, locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
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

/** A message's start, for a line that quotes it: the reply being written, a similar question. */
export function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

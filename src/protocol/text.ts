/**
 * The one text contract of the protocol, applied by the composer, the client's optimistic copy, the
 * mock and the Worker alike: text is normalised once where it enters (`normaliseContent`) and its
 * length is counted in Unicode code points (`textLength`).
 *
 * Code points rather than grapheme clusters: the count must be the same in every browser and in the
 * Worker, and grapheme boundaries change with each runtime's Unicode tables. UTF-16 units would
 * make an emoji count twice.
 */

/** A UTF-16 surrogate without its partner: not Unicode text, and D1 stores it as U+FFFD anyway. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Message text as every side stores and shows it: well-formed (a lone surrogate becomes U+FFFD),
 * composed (NFC, so "é" typed two ways is one text), line breaks unified and trimmed.
 */
export function normaliseContent(content: string): string {
  return content.replace(loneSurrogate, '\uFFFD').normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** Length in code points: what `limits.max_message_length` counts. */
export function textLength(text: string): number {
  // A string iterates by code point: a surrogate pair is one step, a lone surrogate one too.
  return [...text].length;
}

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
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

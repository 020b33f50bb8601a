/**
 * The Markdown subset a message may use, parsed to a small tree with no DOM: emphasis, inline
 * code, fenced code blocks, http(s) links, lists, block quotes and `$…$` / `$$…$$` math. Nothing
 * in the source is ever HTML: whatever is not this subset stays text, so the renderer never has
 * markup to trust.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'em' | 'strong'; children: Inline[] }
  | { type: 'link'; href: string; host: string; children: Inline[] }
  | { type: 'math'; tex: string; display: boolean };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'quote'; children: Block[] };

/** Past this depth of quotes in quotes, or emphasis in emphasis, the rest stays text. */
const maxDepth = 8;

const fence = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)[ \t]*$/;
const quoteLine = /^ {0,3}> ?(.*)$/;
const bullet = /^ {0,3}([-+*])[ \t]+(.*)$/;
const numbered = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const blank = /^[ \t]*$/;

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length;) {
    const line = lines[i] ?? '';
    const opening = fence.exec(line);
    if (opening) {
      endParagraph();
      const marker = opening[1] ?? '```';
      const body: string[] = [];
      i += 1;
      // An unclosed fence runs to the end of the message, as people paste code and forget it.
      while (i < lines.length && !isClosingFence(lines[i] ?? '', marker)) body.push(lines[i++] ?? '');
      i += 1;
      blocks.push({ type: 'code', lang: opening[2] ?? '', text: body.join('\n') });
      continue;
    }
    if (depth < maxDepth && quoteLine.test(line)) {
      endParagraph();
      const body: string[] = [];
      for (let match; i < lines.length && (match = quoteLine.exec(lines[i] ?? '')); i += 1) body.push(match[1] ?? '');
      blocks.push({ type: 'quote', children: parseMarkdown(body.join('\n'), depth + 1) });
      continue;
    }
    const item = bullet.exec(line) ?? numbered.exec(line);
    if (item) {
      endParagraph();
      const ordered = /^\d/.test(item[1] ?? '');
      const pattern = ordered ? numbered : bullet;
      const items: string[] = [];
      for (; i < lines.length && !blank.test(lines[i] ?? ''); i += 1) {
        const next = pattern.exec(lines[i] ?? '');
        if (next) items.push(next[2] ?? '');
        else if (/^[ \t]/.test(lines[i] ?? '')) items[items.length - 1] += `\n${(lines[i] ?? '').trim()}`;
        else break;
      }
      blocks.push({
        type: 'list',
        ordered,
        start: ordered ? Number(item[1]) : 1,
        items: items.map((text) => parseInline(text)),
      });
      continue;
    }
    if (blank.test(line)) endParagraph();
    else paragraph.push(line);
    i += 1;
  }
  endParagraph();
  return blocks;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === marker.charAt(0).repeat(trimmed.length);
}

/** The link targets a message may have: http and https only, whatever the case or spacing. */
export function safeUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

const punctuation = /[!-/:-@[-`{-~]/;
const wordChar = /[\p{L}\p{N}]/u;

export function parseInline(source: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (node: Inline) => {
    if (text) out.push({ type: 'text', text });
    text = '';
    out.push(node);
  };
  for (let i = 0; i < source.length;) {
    const c = source.charAt(i);
    if (c === '\\' && punctuation.test(source[i + 1] ?? '')) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    const found =
      c === '`'
        ? codeSpan(source, i)
        : c === '$'
          ? mathSpan(source, i)
          : c === '*' || c === '_'
            ? emphasis(source, i, depth)
            : c === '['
              ? link(source, i, depth)
              : c === 'h'
                ? bareUrl(source, i, text)
                : undefined;
    if (found) {
      push(found.node);
      i = found.end;
    } else {
      // A run of backticks or dollars that opened nothing stays text whole, so it cannot close later.
      const run = c === '`' || c === '$' ? (/^(`+|\$+)/.exec(source.slice(i))?.[0] ?? c) : c;
      text += run;
      i += run.length;
    }
  }
  if (text) out.push({ type: 'text', text });
  return out;
}

interface Found {
  node: Inline;
  end: number;
}

function codeSpan(source: string, start: number): Found | undefined {
  const ticks = /^`+/.exec(source.slice(start))?.[0] ?? '`';
  for (let at = source.indexOf(ticks, start + ticks.length); at !== -1; at = source.indexOf(ticks, at + 1)) {
    const after = at + ticks.length;
    if (source[at - 1] === '`' || source[after] === '`') continue;
    let text = source.slice(start + ticks.length, at);
    if (/^ .*[^ ].* $/s.test(text)) text = text.slice(1, -1);
    return { node: { type: 'code', text }, end: after };
  }
  return undefined;
}

function mathSpan(source: string, start: number): Found | undefined {
  if (source.startsWith('$$', start)) {
    const close = source.indexOf('$$', start + 2);
    const tex = source.slice(start + 2, close).trim();
    return close === -1 || !tex ? undefined : { node: { type: 'math', tex, display: true }, end: close + 2 };
  }
  // "$5 and $10" is money: inline math hugs its dollars and is not followed by a digit.
  if (/\s/.test(source[start + 1] ?? ' ')) return undefined;
  for (let at = start + 1; at < source.length; at += 1) {
    if (source[at] === '\\') at += 1;
    else if (source[at] === '$') {
      if (/\s/.test(source.charAt(at - 1)) || /\d/.test(source[at + 1] ?? '')) return undefined;
      return { node: { type: 'math', tex: source.slice(start + 1, at), display: false }, end: at + 1 };
    }
  }
  return undefined;
}

function emphasis(source: string, start: number, depth: number): Found | undefined {
  if (depth >= maxDepth) return undefined;
  const c = source.charAt(start);
  const strong = source[start + 1] === c;
  const marker = strong ? c + c : c;
  const inner = start + marker.length;
  if (/\s/.test(source[inner] ?? ' ')) return undefined;
  // snake_case_names are words, not emphasis.
  if (c === '_' && wordChar.test(source[start - 1] ?? '')) return undefined;
  for (let at = source.indexOf(marker, inner + 1); at !== -1; at = source.indexOf(marker, at + 1)) {
    if (/\s/.test(source.charAt(at - 1)) || source[at - 1] === '\\') continue;
    if (!strong && source[at + 1] === c) {
      at += 1;
      continue;
    }
    if (c === '_' && wordChar.test(source[at + marker.length] ?? '')) continue;
    const children = parseInline(source.slice(inner, at), depth + 1);
    return { node: { type: strong ? 'strong' : 'em', children }, end: at + marker.length };
  }
  return undefined;
}

/** `[text](url)`, brackets and parentheses balanced inside; any other target leaves it all text. */
function link(source: string, start: number, depth: number): Found | undefined {
  if (depth >= maxDepth) return undefined;
  const textEnd = balanced(source, start, '[', ']');
  if (textEnd === undefined || source[textEnd + 1] !== '(') return undefined;
  const targetEnd = balanced(source, textEnd + 1, '(', ')');
  if (targetEnd === undefined) return undefined;
  const target = source.slice(textEnd + 2, targetEnd).replace(/^\s*<(.*)>\s*$/s, '$1');
  const url = safeUrl(target);
  const end = targetEnd + 1;
  if (!url) return { node: { type: 'text', text: source.slice(start, end) }, end };
  const label = source.slice(start + 1, textEnd);
  const children = label.trim() ? parseInline(label, depth + 1) : [{ type: 'text' as const, text: url.href }];
  return { node: { type: 'link', href: url.href, host: url.host, children: withoutLinks(children) }, end };
}

/** A link's text holds no link: an inner one is shown as its text. */
function withoutLinks(nodes: Inline[]): Inline[] {
  return nodes.flatMap((node) =>
    node.type === 'link'
      ? withoutLinks(node.children)
      : node.type === 'em' || node.type === 'strong'
        ? [{ ...node, children: withoutLinks(node.children) }]
        : [node],
  );
}

function balanced(source: string, start: number, open: string, close: string): number | undefined {
  let level = 0;
  for (let i = start; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === open) level += 1;
    else if (source[i] === close && --level === 0) return i;
  }
  return undefined;
}

/** A bare http(s) address in the text is a link, without the punctuation that ends its sentence. */
function bareUrl(source: string, start: number, before: string): Found | undefined {
  if (wordChar.test(before.at(-1) ?? '')) return undefined;
  const match = /^https?:\/\/[^\s<>"]+/.exec(source.slice(start));
  if (!match) return undefined;
  const raw = match[0].replace(/[.,;:!?)\]'*_]+$/, '');
  const url = safeUrl(raw);
  if (!url) return undefined;
  return {
    node: { type: 'link', href: url.href, host: url.host, children: [{ type: 'text', text: raw }] },
    end: start + raw.length,
  };
}

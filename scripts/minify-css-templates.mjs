// Rollup plugins that minify Lit's templates, whose text terser leaves untouched as string content.
// In css`…`, only what cannot change meaning: comments, runs of whitespace, and whitespace around
// braces, semicolons, commas and child combinators, and after colons; a number's leading zero. Interpolations (`${…}`) pass through as they
// are. In html`…`, the indentation (see minifyHtml).
const cssTemplate = /\bcss ?`([^`]*)`/g;

export function minifyCss(text) {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // After a colon, a space is never meaning: a selector's pseudo-class has none there.
      .replace(/:\s+/g, ':')
      // A number's leading zero: `0.5rem` is `.5rem`. Only after what ends a value's start, so a
      // digit run such as `10.5` keeps its own.
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
      .replace(/;}/g, '}')
      .trim()
  );
}

export function minifyCssTemplates() {
  return {
    name: 'minify-css-templates',
    transform(code) {
      if (!/\bcss ?`/.test(code)) return null;
      return { code: code.replace(cssTemplate, (_, body) => `css\`${minifyCss(body)}\``), map: null };
    },
  };
}

/**
 * Templates whose whitespace may show: preformatted or editable text, scripts, and the message's
 * text (`.content`, styled `white-space: pre-wrap`). These are left exactly as written.
 */
const whitespaceShows = /<(?:pre|textarea|script)\b|class="content\b/;

/**
 * The static parts of Lit's html`…` templates without their indentation: a run of whitespace with
 * a line break in it renders as one space wherever whitespace collapses, so it becomes one space.
 */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Each html`…` template in `ast` (rollup's estree), with the start and end of each static part. */
function htmlTemplates(node, found = []) {
  if (!node || typeof node.type !== 'string') return found;
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html')
    found.push(node.quasi.quasis);
  for (const value of Object.values(node))
    for (const child of Array.isArray(value) ? value : [value])
      if (child && typeof child === 'object') htmlTemplates(child, found);
  return found;
}

/** Rollup plugin: html`…` templates minified with `minifyHtml`, unless their whitespace may show. */
export function minifyHtmlTemplates() {
  return {
    name: 'minify-html-templates',
    transform(code) {
      if (!/\bhtml ?`/.test(code)) return null;
      const edits = htmlTemplates(this.parse(code))
        .filter((quasis) => !whitespaceShows.test(quasis.map((quasi) => quasi.value.raw).join('')))
        .flat()
        .sort((a, b) => b.start - a.start);
      let out = code;
      for (const quasi of edits)
        out = out.slice(0, quasi.start) + minifyHtml(code.slice(quasi.start, quasi.end)) + out.slice(quasi.end);
      return { code: out, map: null };
    },
  };
}

// A rollup plugin that minifies the CSS in Lit's css`…` templates, which terser leaves untouched
// because it is string content. Only what cannot change meaning: comments, runs of whitespace,
// and whitespace around braces, semicolons, commas and child combinators. Interpolations
// (`${…}`) pass through as they are.
const cssTemplate = /\bcss ?`([^`]*)`/g;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
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

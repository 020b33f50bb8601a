// The build's minification of Lit templates: html`…` loses its indentation and nothing else, and a
// template whose whitespace may show is left exactly as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { minifyHtmlTemplates } from '../../scripts/minify-css-templates.mjs';

const transform = (code) => minifyHtmlTemplates().transform.call({ parse: parseAst }, code)?.code ?? code;

describe('html templates minified at build time', () => {
  it('turns each run of whitespace with a line break into one space, interpolations untouched', () => {
    const code =
      'const t = html`<div class="a">\n    <span>${x ? html`<b>\n      bold</b>` : "  keep  \\n  "}</span>\n  </div>`;';
    assert.equal(
      transform(code),
      'const t = html`<div class="a"> <span>${x ? html`<b> bold</b>` : "  keep  \\n  "}</span> </div>`;',
    );
  });

  it('keeps runs of spaces within a line, which may be text', () => {
    assert.equal(transform('html`<p>a  b</p>`;'), 'html`<p>a  b</p>`;');
  });

  it('leaves alone templates with a textarea, pre or the message text, whose whitespace shows', () => {
    for (const code of [
      'html`<textarea>\n  draft\n</textarea>`;',
      'html`<pre>\n  code\n</pre>`;',
      'html`<p class="content" dir="auto">\n  ${text}\n</p>`;',
    ])
      assert.equal(transform(code), code);
  });

  it('leaves other tagged templates and plain strings alone', () => {
    const code = 'const a = svg`<g>\n  </g>`; const b = `<p>\n  </p>`;';
    assert.equal(transform(code), code);
  });
});

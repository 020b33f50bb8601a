// The build's minification of Lit templates: html`…` loses its indentation and nothing else, and a
// template whose whitespace may show is left exactly as written; css`…` loses what cannot change meaning.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyHtmlTemplates } from '../../scripts/minify-css-templates.mjs';

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

describe('css templates minified at build time', () => {
  it('drops comments, whitespace that means nothing, the last semicolon and a number’s leading zero', () => {
    assert.equal(
      minifyCss(
        '\n  /* why */\n  .a > b,\n  .c:hover {\n    padding: 0.5rem 0.75rem;\n    flex: 10.5 0 calc(100% - 0.25rem);\n  }\n',
      ),
      '.a>b,.c:hover{padding:.5rem .75rem;flex:10.5 0 calc(100% - .25rem)}',
    );
  });
});

import { expect } from '@open-wc/testing';
import { parseInline, parseMarkdown, safeUrl } from '../../../src/components/rich-text/markdown.js';

const text = (t: string) => ({ type: 'text', text: t });

describe('the Markdown subset, parsed', () => {
  it('keeps plain text as one paragraph, its line breaks in the text', () => {
    expect(parseMarkdown('A = [[1,2],[3,4]]\nnext line')).to.deep.equal([
      { type: 'paragraph', children: [text('A = [[1,2],[3,4]]\nnext line')] },
    ]);
  });

  it('splits paragraphs at blank lines', () => {
    expect(parseMarkdown('one\n\ntwo').map((block) => block.type)).to.deep.equal(['paragraph', 'paragraph']);
  });

  it('reads emphasis, strong emphasis and inline code', () => {
    expect(parseInline('a *b* __c__ `d*e*`')).to.deep.equal([
      text('a '),
      { type: 'em', children: [text('b')] },
      text(' '),
      { type: 'strong', children: [text('c')] },
      text(' '),
      { type: 'code', text: 'd*e*' },
    ]);
  });

  it('leaves snake_case names, lone stars and spaced stars as text', () => {
    expect(parseInline('snake_case_name')).to.deep.equal([text('snake_case_name')]);
    expect(parseInline('2 * 3 * 4')).to.deep.equal([text('2 * 3 * 4')]);
    expect(parseInline('a*')).to.deep.equal([text('a*')]);
  });

  it('keeps a fenced code block exactly, indentation and blank lines included', () => {
    const code = 'def f(x):\n    if x:\n\n        return [x]';
    expect(parseMarkdown(`Try:\n\`\`\`python\n${code}\n\`\`\`\nok`)).to.deep.equal([
      { type: 'paragraph', children: [text('Try:')] },
      { type: 'code', lang: 'python', text: code },
      { type: 'paragraph', children: [text('ok')] },
    ]);
  });

  it('runs an unclosed fence to the end of the message', () => {
    expect(parseMarkdown('~~~\nx = 1\n  y')).to.deep.equal([{ type: 'code', lang: '', text: 'x = 1\n  y' }]);
  });

  it('makes links of http and https targets only, with their host', () => {
    expect(parseInline('[the notes](https://uni.example/la?x=1)')).to.deep.equal([
      { type: 'link', href: 'https://uni.example/la?x=1', host: 'uni.example', children: [text('the notes')] },
    ]);
    for (const target of ['javascript:alert(1)', 'data:text/html,x', '//x.example', 'mailto:a@b.c', 'x onerror=y'])
      expect(parseInline(`[x](${target})`), target).to.deep.equal([text(`[x](${target})`)]);
    expect(safeUrl(' HTTPS://A.example ')?.host).to.equal('a.example');
  });

  it('balances brackets and parentheses in a link, and puts no link inside another', () => {
    expect(parseInline('[f(x) [1]](https://w.example/a_(b))')).to.deep.equal([
      { type: 'link', href: 'https://w.example/a_(b)', host: 'w.example', children: [text('f(x) [1]')] },
    ]);
    const [outer] = parseInline('[[in](https://a.example)](https://b.example)');
    expect(outer).to.deep.equal({
      type: 'link',
      href: 'https://b.example/',
      host: 'b.example',
      children: [text('in')],
    });
  });

  it('links a bare address without the punctuation after it', () => {
    expect(parseInline('see https://uni.example/q.')).to.deep.equal([
      text('see '),
      { type: 'link', href: 'https://uni.example/q', host: 'uni.example', children: [text('https://uni.example/q')] },
      text('.'),
    ]);
  });

  it('reads lists and block quotes', () => {
    expect(parseMarkdown('- a\n- *b*\n  more\n\n3. c\n4. d\n\n> q\n> - r')).to.deep.equal([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[text('a')], [{ type: 'em', children: [text('b')] }, text('\nmore')]],
      },
      { type: 'list', ordered: true, start: 3, items: [[text('c')], [text('d')]] },
      {
        type: 'quote',
        children: [
          { type: 'paragraph', children: [text('q')] },
          { type: 'list', ordered: false, start: 1, items: [[text('r')]] },
        ],
      },
    ]);
  });

  it('reads inline and display math, and leaves money alone', () => {
    expect(parseInline('$\\det(A - \\lambda I) = 0$ and $$x^2$$')).to.deep.equal([
      { type: 'math', tex: '\\det(A - \\lambda I) = 0', display: false },
      text(' and '),
      { type: 'math', tex: 'x^2', display: true },
    ]);
    expect(parseInline('$5 and $10')).to.deep.equal([text('$5 and $10')]);
    expect(parseInline('costs $5$6')).to.deep.equal([text('costs $5$6')]);
  });

  it('takes a backslash before punctuation as that character', () => {
    expect(parseInline('\\*not\\* \\$x\\$')).to.deep.equal([text('*not* $x$')]);
  });

  it('keeps anything that looks like HTML as text', () => {
    expect(parseMarkdown('<b>hi</b> &amp;')).to.deep.equal([
      { type: 'paragraph', children: [text('<b>hi</b> &amp;')] },
    ]);
  });

  it('stops nesting at a depth, so no message can exhaust the stack', () => {
    const deep = `${'>'.repeat(5000)} x`;
    expect(() => parseMarkdown(deep)).not.to.throw();
    expect(() => parseInline(`${'*a '.repeat(3000)}`)).not.to.throw();
    expect(() => parseInline(`${'['.repeat(3000)}x${'](https://a.example)'.repeat(3000)}`)).not.to.throw();
  });
});

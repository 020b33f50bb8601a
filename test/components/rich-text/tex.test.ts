import { expect } from '@open-wc/testing';
import { TexError, texToMathML } from '../../../src/components/rich-text/tex.js';

const mi = (text: string) => ({ tag: 'mi', text });
const mn = (text: string) => ({ tag: 'mn', text });
const mo = (text: string) => ({ tag: 'mo', text });

describe('TeX to MathML', () => {
  it('reads identifiers, numbers and operators', () => {
    expect(texToMathML('x + 12.5')).to.deep.equal({ tag: 'mrow', children: [mi('x'), mo('+'), mn('12.5')] });
  });

  it('reads scripts, fractions and roots', () => {
    expect(texToMathML('x_i^2')).to.deep.equal({ tag: 'msubsup', children: [mi('x'), mi('i'), mn('2')] });
    expect(texToMathML('\\frac{a}{b+1}')).to.deep.equal({
      tag: 'mfrac',
      children: [mi('a'), { tag: 'mrow', children: [mi('b'), mo('+'), mn('1')] }],
    });
    expect(texToMathML('\\sqrt[3]{x}')).to.deep.equal({
      tag: 'mroot',
      children: [mi('x'), { tag: 'mrow', children: [mn('3')] }],
    });
  });

  it('reads the characteristic equation', () => {
    expect(texToMathML('\\det(A - \\lambda I) = 0')).to.deep.equal({
      tag: 'mrow',
      children: [
        { tag: 'mi', text: 'det', variant: 'normal' },
        mo('('),
        mi('A'),
        mo('−'),
        mi('λ'),
        mi('I'),
        mo(')'),
        mo('='),
        mn('0'),
      ],
    });
  });

  it('reads a matrix in parentheses', () => {
    expect(texToMathML('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}')).to.deep.equal({
      tag: 'mrow',
      children: [
        mo('('),
        {
          tag: 'mtable',
          children: [
            {
              tag: 'mtr',
              children: [
                { tag: 'mtd', children: [mn('1')] },
                { tag: 'mtd', children: [mn('2')] },
              ],
            },
            {
              tag: 'mtr',
              children: [
                { tag: 'mtd', children: [mn('3')] },
                { tag: 'mtd', children: [mn('4')] },
              ],
            },
          ],
        },
        mo(')'),
      ],
    });
  });

  it('keeps \\text and \\mathbf as written', () => {
    expect(texToMathML('\\mathbf{v} \\text{ if } x')).to.deep.equal({
      tag: 'mrow',
      children: [{ tag: 'mi', text: 'v', variant: 'bold' }, { tag: 'mtext', text: 'if' }, mi('x')],
    });
  });

  it('refuses what it does not know, unbalanced groups and double scripts', () => {
    for (const tex of [
      '\\href{javascript:x}{y}',
      '\\frac{a}',
      '{x',
      'x}',
      'x^2^3',
      '\\begin{align}x\\end{align}',
      '\\left( x',
    ])
      expect(() => texToMathML(tex), tex).to.throw(TexError);
  });

  it('refuses nesting deeper than it allows, rather than exhausting the stack', () => {
    expect(() => texToMathML(`${'{'.repeat(5000)}x${'}'.repeat(5000)}`)).to.throw(TexError);
  });
});

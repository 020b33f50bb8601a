import { expect } from '@open-wc/testing';
import { excerptOf, matchesTerms, parseSearchQuery } from '../../src/backend/index.js';

describe('search rules (both backends)', () => {
  const parse = (query: string) => parseSearchQuery(new URLSearchParams(query));

  it('takes the distinct words of q, lowercase, and reads the page', () => {
    expect(parse('q=Eigen+values%2C+EIGEN!&limit=5&before=1.42')).to.deep.equal({
      ok: true,
      status: 200,
      value: { terms: ['eigen', 'values'], limit: 5, before: { answered: 1, seq: 42 } },
    });
  });

  it('matches when every term begins a word, in any script', () => {
    expect(matchesTerms('Die Eigenwerte von A', ['eigenw', 'a'])).to.be.true;
    expect(matchesTerms('Die Eigenwerte von A', ['werte'])).to.be.false;
    expect(matchesTerms('Матрица обратима', ['матр'])).to.be.true;
  });

  it('cuts an excerpt around the first match and highlights the words found', () => {
    const content = `${'word '.repeat(60)}the determinant of A ${'tail '.repeat(60)}`;
    const { text, highlights } = excerptOf(content, ['determ']);
    expect(text.startsWith('…')).to.be.true;
    expect(text.endsWith('…')).to.be.true;
    expect(highlights.map(({ start, end }) => text.slice(start, end))).to.deep.equal(['determinant']);
  });
});

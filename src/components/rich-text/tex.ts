/**
 * A small TeX-to-MathML converter, to a tree with no DOM: what a course's questions use
 * (scripts, fractions, roots, Greek letters, operators and relations, matrices, `\text`, `\left(`).
 * Anything else is an error, so the message shows the source instead of a wrong formula.
 */

export type MathNode =
  | { tag: 'mi' | 'mn' | 'mo' | 'mtext'; text: string; variant?: 'normal' | 'bold' }
  | {
      tag: 'mrow' | 'msup' | 'msub' | 'msubsup' | 'mfrac' | 'msqrt' | 'mroot' | 'mtable' | 'mtr' | 'mtd';
      children: MathNode[];
    };

/**
 * What the subset does not cover, or a formula that is not well formed. It carries no message: the
 * renderer shows the formula's source in its place, and nothing reads one.
 */
export class TexError extends Error {}

const letters = new Map<string, string>(
  Object.entries({
    alpha: 'α',
    beta: 'β',
    gamma: 'γ',
    delta: 'δ',
    epsilon: 'ϵ',
    eta: 'η',
    theta: 'θ',
    lambda: 'λ',
    mu: 'μ',
    nu: 'ν',
    pi: 'π',
    rho: 'ρ',
    sigma: 'σ',
    tau: 'τ',
    phi: 'ϕ',
    chi: 'χ',
    psi: 'ψ',
    omega: 'ω',
    Gamma: 'Γ',
    Delta: 'Δ',
    Theta: 'Θ',
    Lambda: 'Λ',
    Pi: 'Π',
    Sigma: 'Σ',
    Phi: 'Φ',
    Psi: 'Ψ',
    Omega: 'Ω',
    infty: '∞',
    partial: '∂',
    nabla: '∇',
  }),
);

const operators = new Map<string, string>(
  Object.entries({
    cdot: '⋅',
    times: '×',
    div: '÷',
    pm: '±',
    leq: '≤',
    le: '≤',
    geq: '≥',
    ge: '≥',
    neq: '≠',
    ne: '≠',
    approx: '≈',
    equiv: '≡',
    in: '∈',
    subseteq: '⊆',
    cup: '∪',
    cap: '∩',
    to: '→',
    rightarrow: '→',
    Rightarrow: '⇒',
    iff: '⇔',
    forall: '∀',
    exists: '∃',
    sum: '∑',
    prod: '∏',
    int: '∫',
    ldots: '…',
    cdots: '⋯',
    langle: '⟨',
    rangle: '⟩',
    '{': '{',
    '}': '}',
    '|': '‖',
    ',': '\u2009',
    ';': '\u2005',
    quad: '\u2003',
    ' ': ' ',
  }),
);

/** Words set upright as names, not as operators. */
const names = new Set(['det', 'dim', 'ker', 'log', 'ln', 'sin', 'cos', 'tan', 'exp', 'max', 'min', 'lim']);

const matrices = new Map<string, [string, string]>([
  ['matrix', ['', '']],
  ['pmatrix', ['(', ')']],
  ['bmatrix', ['[', ']']],
  ['vmatrix', ['|', '|']],
]);

/** Past this depth of groups in groups the formula is refused, so no input can exhaust the stack. */
const maxDepth = 40;

export function texToMathML(tex: string): MathNode {
  // Spaces separate tokens and are otherwise ignored, as in TeX's math mode (`\ ` is a space kept).
  const parser = new Parser(tex.match(/\\[a-zA-Z]+|\\[^a-zA-Z]|\d+(?:\.\d+)?|\S/g) ?? []);
  const row = parser.row(0);
  if (!parser.done()) throw new TexError();
  return row;
}

class Parser {
  #at = 0;
  readonly #tokens: readonly string[];
  constructor(tokens: readonly string[]) {
    this.#tokens = tokens;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#at];
  }
  done(): boolean {
    return this.#at >= this.#tokens.length;
  }
  #next(): string {
    const token = this.#tokens[this.#at++];
    if (token === undefined) throw new TexError();
    return token;
  }
  #expect(token: string): void {
    if (this.#next() !== token) throw new TexError();
  }

  /** Atoms with their scripts, up to a closing brace, `&`, `\\`, `\right` or `\end`. */
  row(depth: number): MathNode {
    if (depth > maxDepth) throw new TexError();
    const children: MathNode[] = [];
    for (let token = this.#peek(); token !== undefined; token = this.#peek()) {
      if (token === '}' || token === '&' || token === '\\\\' || token === '\\right' || token === '\\end') break;
      children.push(this.#scripted(depth));
    }
    const [only] = children;
    return only && children.length === 1 ? only : { tag: 'mrow', children };
  }

  #scripted(depth: number): MathNode {
    const base = this.#atom(depth);
    let sub: MathNode | undefined;
    let sup: MathNode | undefined;
    for (let token = this.#peek(); token === '^' || token === '_'; token = this.#peek()) {
      this.#next();
      const script = this.#atom(depth);
      if (token === '^') {
        if (sup) throw new TexError();
        sup = script;
      } else {
        if (sub) throw new TexError();
        sub = script;
      }
    }
    if (sub && sup) return { tag: 'msubsup', children: [base, sub, sup] };
    if (sub) return { tag: 'msub', children: [base, sub] };
    if (sup) return { tag: 'msup', children: [base, sup] };
    return base;
  }

  #group(depth: number): MathNode {
    this.#expect('{');
    const row = this.row(depth + 1);
    this.#expect('}');
    return row;
  }

  #atom(depth: number): MathNode {
    const token = this.#next();
    if (token === '{') {
      const row = this.row(depth + 1);
      this.#expect('}');
      return row;
    }
    if (/^\d/.test(token)) return { tag: 'mn', text: token };
    if (/^[a-zA-Z]$/.test(token)) return { tag: 'mi', text: token };
    if (!token.startsWith('\\')) {
      if ('}&^_'.includes(token)) throw new TexError();
      return { tag: 'mo', text: token === "'" ? '′' : token === '-' ? '−' : token };
    }
    const name = token.slice(1);
    const letter = letters.get(name);
    if (letter) return { tag: 'mi', text: letter };
    if (names.has(name)) return { tag: 'mi', text: name, variant: 'normal' };
    const operator = operators.get(name);
    if (operator) return { tag: 'mo', text: operator };
    switch (name) {
      case 'frac':
        return { tag: 'mfrac', children: [this.#group(depth), this.#group(depth)] };
      case 'sqrt':
        if (this.#peek() === '[') {
          this.#next();
          const index: MathNode[] = [];
          while (this.#peek() !== ']') index.push(this.#scripted(depth + 1));
          this.#next();
          const radicand = this.#group(depth);
          return { tag: 'mroot', children: [radicand, { tag: 'mrow', children: index }] };
        }
        return { tag: 'msqrt', children: [this.#group(depth)] };
      case 'text':
      case 'mathrm':
        return { tag: 'mtext', text: this.#literal() };
      case 'mathbf':
        return { tag: 'mi', text: this.#literal(), variant: 'bold' };
      case 'left': {
        const open = this.#delimiter();
        const inner = this.row(depth + 1);
        this.#expect('\\right');
        const close = this.#delimiter();
        return { tag: 'mrow', children: [...open, inner, ...close] };
      }
      case 'begin':
        return this.#matrix(depth);
      default:
        throw new TexError();
    }
  }

  /** The text of a `{…}` group, as written (`\text{ if } x > 0`). */
  #literal(): string {
    this.#expect('{');
    let text = '';
    for (let token = this.#next(); token !== '}'; token = this.#next()) {
      if (token === '{') throw new TexError();
      text += token.startsWith('\\') ? token.slice(1) : token;
    }
    return text;
  }

  #delimiter(): MathNode[] {
    const token = this.#next();
    if (token === '.') return [];
    const text = token.startsWith('\\') ? operators.get(token.slice(1)) : token;
    if (!text || !'()[]|{}⟨⟩‖'.includes(text)) throw new TexError();
    return [{ tag: 'mo', text }];
  }

  #matrix(depth: number): MathNode {
    const kind = this.#literal();
    const fences = matrices.get(kind);
    if (!fences) throw new TexError();
    const rows: MathNode[] = [];
    let cells: MathNode[] = [];
    for (;;) {
      cells.push({ tag: 'mtd', children: [this.row(depth + 1)] });
      const token = this.#next();
      if (token === '&') continue;
      rows.push({ tag: 'mtr', children: cells });
      cells = [];
      if (token === '\\end') break;
      if (token !== '\\\\') throw new TexError();
      // A trailing \\ before \end ends no row.
      if (this.#peek() === '\\end') {
        this.#next();
        break;
      }
    }
    if (this.#literal() !== kind) throw new TexError();
    const table: MathNode = { tag: 'mtable', children: rows };
    const [open, close] = fences;
    return open ? { tag: 'mrow', children: [{ tag: 'mo', text: open }, table, { tag: 'mo', text: close }] } : table;
  }
}

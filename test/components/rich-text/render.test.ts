import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../../src/components/course-chat.js';
import type { CourseChatMessage } from '../../../src/components/course-chat-message.js';
import { openRoom, postAs, rowWith, useMockBackend } from '../helpers.js';

/** Rich text as a person sees it in the room: Markdown, code and math in someone's message. */
describe('<course-chat-message> renders Markdown and math', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  async function rendered(content: string): Promise<{ el: CourseChat; row: CourseChatMessage; root: ShadowRoot }> {
    const { me, other } = mock().scenario!;
    const el = await openRoom(mock(), me.id);
    postAs(mock(), other.id, content);
    await waitUntil(() => rowWith(el, content)?.shadowRoot?.querySelector('.rich'), 'never rendered rich');
    const row = rowWith(el, content)!;
    return { el, row, root: row.shadowRoot! };
  }

  it('keeps a code block exactly, indentation and long lines included, and copies it', async () => {
    const long = `    # ${'det2 '.repeat(40)}`;
    const code = `def det2(m):\n    a, b = m[0]\n    c, d = m[1]\n${long}\n    return a * d - b * c`;
    const { el, root } = await rendered(`Like this:\n\`\`\`python\n${code}\n\`\`\``);
    await expect(el).to.be.accessible();
    const pre = root.querySelector('.code-block pre')!;
    expect(pre.textContent).to.equal(code);
    expect(getComputedStyle(pre).whiteSpace).to.equal('pre');
    expect(getComputedStyle(pre).overflowX).to.equal('auto');
    // A long line scrolls sideways rather than wrapping (the message around it wraps anywhere).
    expect(pre.scrollWidth).to.be.greaterThan(pre.clientWidth);
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    root.querySelector<HTMLButtonElement>('.code-block .copy')!.click();
    expect(written).to.deep.equal([code]);
    expect(root.querySelector('.code-block .copy')!.textContent!.trim()).to.equal('Copy code');
  });

  it('shows emphasis, inline code, lists and quotes', async () => {
    const { root } = await rendered('*Why* is `rank(A)` **n**?\n\n- one\n- two\n\n> quoted');
    expect(root.querySelector('em')!.textContent).to.equal('Why');
    expect(root.querySelector('p code')!.textContent).to.equal('rank(A)');
    expect(root.querySelector('strong')!.textContent).to.equal('n');
    expect([...root.querySelectorAll('ul li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    expect(root.querySelector('blockquote')!.textContent!.trim()).to.equal('quoted');
  });

  it('links http(s) with its host, in a new context that cannot reach back', async () => {
    const { root } = await rendered('See [the notes](https://notes.example/la/ch5)');
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://notes.example/la/ch5');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.textContent).to.equal('the notes (notes.example)');
  });

  it('renders a formula as MathML, its TeX source for screen readers and copies', async () => {
    const { el, root } = await rendered('Why is $\\det(A - \\lambda I) = 0$ for an eigenvalue?');
    await expect(el).to.be.accessible();
    const math = root.querySelector('math')!;
    expect(math.namespaceURI).to.equal('http://www.w3.org/1998/Math/MathML');
    expect(math.querySelector('mi')!.namespaceURI).to.equal('http://www.w3.org/1998/Math/MathML');
    expect(math.textContent).to.include('λ');
    expect(math.getAttribute('aria-hidden')).to.equal('true');
    expect(root.querySelector('.math .tex-source')!.textContent).to.equal('$\\det(A - \\lambda I) = 0$');
    // The rendering is laid out as math: taller than a line of text when it has a fraction.
    expect(math.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('shows invalid TeX as its source with a mark, and the rest of the message', async () => {
    const { root } = await rendered('Is $\\frac{1}{$ right? **yes**');
    const error = root.querySelector('.math-error')!;
    expect(error.textContent).to.equal('$\\frac{1}{$');
    expect(error.getAttribute('title')).to.equal('This formula could not be shown');
    expect(root.querySelector('math')).to.equal(null);
    expect(root.querySelector('strong')!.textContent).to.equal('yes');
  });

  it('still marks the names a rich message mentions', async () => {
    const { me, other } = mock().scenario!;
    const el = await openRoom(mock(), me.id);
    const content = `@${me.name} try **this**`;
    postAs(mock(), other.id, content, { mentions: [me.id] });
    await waitUntil(() => rowWith(el, content)?.shadowRoot?.querySelector('.rich'), 'never rendered rich');
    const root = rowWith(el, content)!.shadowRoot!;
    expect(root.querySelector('mark.mention')!.textContent).to.equal(`@${me.name}`);
    expect(root.querySelector('strong')!.textContent).to.equal('this');
  });
});

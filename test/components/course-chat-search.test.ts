import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import { startMockBackend } from '../../src/mock/index.js';
import { highlightedRow, openRoom, postAs, rows, rowWith, shadow, useMockBackend } from './helpers.js';

const searchOf = (el: CourseChat) => shadow(el).querySelector('course-chat-search')!;

async function search(el: CourseChat, text: string) {
  const search = searchOf(el);
  await waitUntil(() => search.shadowRoot?.querySelector('.toggle'), 'no search in the header');
  search.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!.click();
  await waitUntil(() => search.shadowRoot!.activeElement?.localName === 'input', 'the field did not take focus');
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  const status = () => search.shadowRoot!.querySelector('[role="status"]')!.textContent!;
  await waitUntil(() => status().includes('for “'), 'the search never answered');
  return search.shadowRoot!;
}

/** Search in the room's whole history from the header, and a jump to what it finds. */
describe('<course-chat-search>', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  /** An answered question far older than the first page, and newer talk that mentions the term. */
  function history() {
    const { me, other, courseId } = mock().scenario!;
    const question = postAs(mock(), other.id, 'How do I compute an eigendecomposition by hand?', { is_question: true });
    const answer = postAs(mock(), me.id, 'Find the eigenvalues first, then each eigenvector.', {
      reply_to_id: question.id,
    });
    const marked = mock().backend.markHelpful(other.id, courseId, answer.id);
    if (!marked.ok) throw new Error(marked.error.message);
    for (let i = 0; i < 80; i += 1) postAs(mock(), i % 2 ? me.id : other.id, `Filler message ${i}`);
    postAs(mock(), other.id, 'Is eigendecomposition on the exam?');
    return question;
  }

  it('finds an old answered question first, and Enter on it jumps there through older pages', async () => {
    const question = history();
    const el = await openRoom(mock(), mock().scenario!.me.id);
    await expect(el).to.be.accessible();
    expect(rowWith(el, question.content)).to.equal(undefined);
    const root = await search(el, 'eigendecomp');
    await expect(el).to.be.accessible();
    const results = [...root.querySelectorAll<HTMLButtonElement>('.result')];
    expect(results).to.have.length(2);
    expect(results[0]!.querySelector('.answered')!.textContent).to.equal('Answered question');
    expect(results[0]!.querySelector('mark')!.textContent).to.equal('eigendecomposition');
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('2 results for “eigendecomp”');
    results[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => highlightedRow(el)?.message?.id === question.id, 'never jumped to the question');
  });

  it('says when nothing matches, and closes with Escape back on its button', async () => {
    history();
    const el = await openRoom(mock(), mock().scenario!.me.id);
    const root = await search(el, 'xylophone');
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('No results for “xylophone”');
    expect(root.querySelector('.results')).to.equal(null);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root.activeElement?.classList.contains('toggle'), 'focus did not return');
    expect(root.querySelector('#search-panel')).to.equal(null);
  });

  it('pages on with More results, says when a page failed to come, and tries it again', async () => {
    history();
    const el = await openRoom(mock(), mock().scenario!.me.id);
    const root = await search(el, 'filler');
    const status = () => root.querySelector('[role="status"]')!.textContent;
    const results = () => root.querySelectorAll('.result').length;
    expect(status()).to.equal('20+ results for “filler”');

    mock().backend.faults.failNext('search', 500);
    root.querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => status() === 'Search failed. Try again.', 'the failure was not said');
    expect(results(), 'the results found so far stay').to.equal(20);

    root.querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => results() === 40, 'the next page never came');
    expect(status()).to.equal('40+ results for “filler”');
  });
});

describe('the demo', () => {
  afterEach(() => localStorage.clear());

  /** Rich text and search in the busy room the demo opens. */
  it('finds the math question of a busy room, with its formula and its code answer indented', async () => {
    const busy = await startMockBackend({ scenario: 'busy-room' });
    try {
      const el = await openRoom(busy, busy.scenario!.me.id);
      const answer = () => rows(el).find((row) => row.message?.content.includes('eigvals'));
      expect(answer(), 'the answer is older than the first page').to.equal(undefined);
      const root = await search(el, 'eigvals');
      root.querySelector<HTMLButtonElement>('.result')!.click();
      const code = () => answer()?.shadowRoot?.querySelector('pre');
      await waitUntil(code, 'never jumped to the code answer');
      expect(code()!.textContent).to.include('A = np.array([[2, 1],\n              [1, 2]])\n');
      expect(code()!.textContent).to.include('\n    print(lam');
      const question = rows(el).find((row) => row.message?.content.startsWith('How do I check $'));
      await waitUntil(() => question?.shadowRoot?.querySelector('math mtable'), 'the formula was not rendered');
      await expect(el).to.be.accessible();
    } finally {
      await busy.stop();
    }
  });
});

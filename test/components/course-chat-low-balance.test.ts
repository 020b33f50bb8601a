import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { highlightedRow, openRoom, postAs, say, shadow, useMockBackend } from './helpers.js';

/** The Low Balance prompt, once its chunk has arrived. */
async function tipOf(el: CourseChat): Promise<ShadowRoot> {
  await customElements.whenDefined('course-chat-low-balance');
  const tip = shadow(el).querySelector('course-chat-low-balance')!;
  await waitUntil(() => tip.shadowRoot?.querySelector('p'), 'no low-balance prompt');
  return tip.shadowRoot!;
}

const text = (root: ShadowRoot) => root.textContent!.replace(/\s+/g, ' ').trim();

/** "Low Balance: user has few points to award, subtle prompt to help others" (the page spec). */
describe('<course-chat> low on points', () => {
  // Every balance counts as low here, so any room shows the prompt.
  const running = useMockBackend({
    scenario: 'quiet-room',
    limits: { min_send_interval_ms: 0, low_balance_threshold: 1_000_000 },
  });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  it('never offers my own question: with only mine waiting, it says to answer the next one a classmate asks', async () => {
    const el = await openRoom(mock, mock.scenario!.me.id);
    await expect(el).to.be.accessible();
    await say(el, 'Is the final open book?', { question: true });
    await waitUntil(() => shadow(el).querySelector('.question-pending'));
    const tip = await tipOf(el);
    expect(text(tip)).to.equal('Running low on points? Answer the next question a classmate asks to earn more.');
    expect(tip.querySelector('button')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('offers the oldest question a classmate is waiting on, and shows it in the stream', async () => {
    const { me, people } = mock.scenario!;
    const [first, second] = people.filter((person) => person.id !== me.id && person.role === 'student');
    postAs(mock, first!.id, 'How do I find the eigenvalues of a 3x3 matrix?', { is_question: true });
    postAs(mock, second!.id, 'What is a basis, in plain words?', { is_question: true });
    const el = await openRoom(mock, me.id);
    await say(el, 'Is the final open book?', { question: true });
    const tip = await tipOf(el);
    await expect(el).to.be.accessible();
    const offer = tip.querySelector('button')!;
    expect(offer.textContent!.trim()).to.equal(`Help ${first!.name}`);
    expect(text(tip)).to.include('Answer a pending question');
    offer.click();
    await waitUntil(
      () => highlightedRow(el)?.message?.content === 'How do I find the eigenvalues of a 3x3 matrix?',
      'the question was not shown',
    );
  });
});

describe('<course-chat> with points to give', () => {
  const running = useMockBackend({ scenario: 'quiet-room' });

  it('shows no low-balance prompt, even with a classmate waiting', async () => {
    const { me, other } = running().scenario!;
    postAs(running(), other.id, 'Anyone up for a study group?', { is_question: true });
    const el = await openRoom(running(), me.id);
    await expect(el).to.be.accessible();
    await customElements.whenDefined('course-chat-low-balance');
    await shadow(el).querySelector('course-chat-low-balance')!.updateComplete;
    expect(shadow(el).querySelector('course-chat-low-balance')!.shadowRoot!.querySelector('p')).to.be.null;
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  composerOf,
  highlightedRow,
  openRoom,
  postAs,
  rowWith,
  shadow,
  textareaOf,
  useMockBackend,
} from './helpers.js';

/**
 * The composer's @-suggestions and similar questions come with the composer, after the room's
 * first paint: what is typed the moment the room opens is suggested for at once, styles and all.
 */
describe('the composer’s suggestions', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  it('suggests people for an @ typed the moment the room opened, in the render that follows', async () => {
    const { me, other } = mock().scenario!;
    postAs(mock(), other.id, 'Hello from the other side');
    const el = await openRoom(mock(), me.id);
    const composer = composerOf(el);
    await expect(composer).to.be.accessible();

    // Typed without focusing first.
    const textarea = textareaOf(el);
    textarea.value = '@';
    textarea.setSelectionRange(1, 1);
    textarea.dispatchEvent(new InputEvent('input'));
    await composer.updateComplete;
    const options = [...shadow(composer).querySelectorAll('[role="option"]')];
    expect(options, 'no one was suggested after @').not.to.be.empty;
    expect(options[0]!.textContent).to.include(other.name);
    expect(textarea.getAttribute('aria-activedescendant')).to.equal('mention-0');
    const list = shadow(composer).querySelector<HTMLElement>('.mentions')!;
    expect(getComputedStyle(list).position, 'the list came with its styles').to.equal('absolute');
    await expect(composer).to.be.accessible();
  });
});

/** Similar questions while asking come from the room's search: the whole history, not only what is loaded. */
describe('similar questions from search', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  it('offers an answered question older than every loaded page, and shows it when chosen', async () => {
    const { me, other, courseId } = mock().scenario!;
    const question = postAs(mock(), other.id, 'How do I diagonalize a symmetric matrix?', { is_question: true });
    const answer = postAs(mock(), me.id, 'Orthogonal eigenvectors.', { reply_to_id: question.id });
    expect(mock().backend.markHelpful(other.id, courseId, answer.id).ok).to.be.true;
    for (let i = 0; i < 80; i += 1) postAs(mock(), i % 2 ? me.id : other.id, `Filler message ${i}`);
    const el = await openRoom(mock(), me.id);
    expect(rowWith(el, question.content)).to.equal(undefined);

    const composer = composerOf(el);
    shadow(composer).querySelector<HTMLButtonElement>('.ask')!.click();
    textareaOf(el).focus();
    await sendKeys({ type: 'Can every symmetric matrix be diagonalized?' });
    const offered = () => shadow(composer).querySelector<HTMLButtonElement>('.similar button');
    await waitUntil(
      () => offered()?.textContent?.includes('diagonalize a symmetric'),
      'the old question was not offered',
    );
    await expect(el).to.be.accessible();
    offered()!.click();
    await waitUntil(() => highlightedRow(el)?.message?.id === question.id, 'never jumped to it');
  });
});

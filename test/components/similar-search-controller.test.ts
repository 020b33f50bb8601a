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

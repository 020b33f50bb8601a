import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { action, awardDialogOf, openRoom, postAs, rowWith, shadow, useMockBackend } from './helpers.js';

/** "This Helped!": the award dialog, the balance indicator and the Low Balance state. */
describe('<course-chat-award-dialog>', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  /** The other person's answer to the signed-in user's question, where This Helped! shows. */
  async function answerFromOther() {
    const { me, other } = mock.scenario!;
    const question = postAs(mock, me.id, 'How do I invert a 3x3 matrix?', { is_question: true });
    const giver = await openRoom(mock, me.id);
    const helper = await openRoom(mock, other.id);
    postAs(mock, other.id, 'Use row reduction.', { reply_to_id: question.id });
    await waitUntil(
      () => rowWith(giver, 'Use row reduction.') && action(rowWith(giver, 'Use row reduction.')!, 'award'),
    );
    await waitUntil(
      () => rowWith(helper, 'Use row reduction.') && action(rowWith(helper, 'Use row reduction.')!, 'reply'),
    );
    return { giver, helper, row: rowWith(giver, 'Use row reduction.')! };
  }

  const points = (el: Element) => shadow(el).querySelector('.points-to-give')!.textContent;

  it('offers This Helped! on other people’s answers only', async () => {
    const { helper, row } = await answerFromOther();
    expect(action(row, 'award')).to.exist;
    expect(action(rowWith(helper, 'Use row reduction.')!, 'award')).to.be.null;
  });

  it('is accessible when open and awards the chosen points from the keyboard', async () => {
    const { giver, row } = await answerFromOther();
    const before = mock.backend.balanceOf(mock.scenario!.me.id);
    expect(points(giver)).to.equal(`${before} points to give`);
    action(row, 'award')!.click();
    const dialog = await awardDialogOf(giver);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    await expect(dialog).to.be.accessible();
    const slider = shadow(dialog).querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(slider.value).to.equal('5');
    expect(shadow(dialog).textContent).to.include('Award points for helpful answer');
    slider.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(slider.value).to.equal('6');
    shadow(dialog).querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => mock.backend.ledger().length === 1);
    expect(mock.backend.ledger()[0]).to.include({ points: 6, to_user_id: mock.scenario!.other.id });
    await waitUntil(() => points(giver) === `${before - 6} points to give`);
    await waitUntil(() => shadow(row).textContent?.includes('You gave 6 points'));
    expect(shadow(row).textContent).to.include('+6 goodwill points');
  });

  it('remembers after a reload what This Helped! gave, instead of offering it again', async () => {
    const { row } = await answerFromOther();
    const given = mock.backend.award(mock.scenario!.me.id, {
      recipient_id: mock.scenario!.other.id,
      points: 4,
      reason: 'chat_help',
      reference_id: row.message!.id,
    });
    expect(given.ok).to.be.true;
    const reloaded = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(reloaded, 'Use row reduction.'));
    const again = rowWith(reloaded, 'Use row reduction.')!;
    await waitUntil(() => shadow(again).textContent?.includes('You gave 4 points'), 'the award was forgotten');
    expect(action(again, 'award')).to.be.null;
  });

  it('closes on Escape and gives focus back to This Helped!', async () => {
    const { giver, row } = await answerFromOther();
    const button = action(row, 'award')!;
    button.focus();
    button.click();
    const dialog = await awardDialogOf(giver);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !shadow(dialog).querySelector('dialog')!.open);
    expect(shadow(row).activeElement).to.equal(button);
    expect(mock.backend.ledger()).to.have.length(0);
  });

  it('gives the points back and says so when the award fails', async () => {
    const { giver, row } = await answerFromOther();
    const before = points(giver);
    mock.backend.faults.failNext('award', 500);
    action(row, 'award')!.click();
    const dialog = await awardDialogOf(giver);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    shadow(dialog).querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => shadow(giver).querySelector('.notice'));
    expect(shadow(giver).querySelector('.notice')!.textContent).to.include('Unable to award points. Try again.');
    expect(points(giver)).to.equal(before);
    await expect(giver).to.be.accessible();

    const tryAgain = [...shadow(giver).querySelectorAll<HTMLButtonElement>('.notice button')].find(
      (button) => button.textContent?.trim() === 'Try again',
    );
    expect(tryAgain, 'no Try again beside Dismiss').to.exist;
    tryAgain!.click();
    await waitUntil(() => mock.backend.ledger().length === 1, 'Try again did not award');
    expect(mock.backend.ledger()[0]).to.include({ points: 5, to_user_id: mock.scenario!.other.id });
    await waitUntil(() => !shadow(giver).querySelector('.notice'), 'the failure stayed up');
  });
});

describe('Low Balance', () => {
  it('prompts a student with few points to help others', async () => {
    const mock = await startMockBackend({ scenario: 'low-balance' });
    try {
      const el = await openRoom(mock, mock.scenario!.me.id);
      await expect(el).to.be.accessible();
      await customElements.whenDefined('course-chat-low-balance');
      const prompt = shadow(el).querySelector('course-chat-low-balance')!;
      await waitUntil(() => prompt.shadowRoot?.textContent?.includes('Running low on points?'), 'no prompt');
    } finally {
      await mock.stop();
    }
  });
});

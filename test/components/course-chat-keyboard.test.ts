import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import {
  awardDialogOf,
  composerOf,
  helpQueueOf,
  highlightedRow,
  openRoom,
  postAs,
  rows,
  rowWith,
  shadow,
  textareaOf,
  useMockBackend,
} from './helpers.js';

/** Everything from the keyboard alone: the stream, a message's actions, the help queue, awards. */
describe('<course-chat> from the keyboard', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  /** The focused element, through every shadow root. */
  function focused(): Element | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  /** The row the focus is on or in. */
  const focusedRow = (el: CourseChat) => rows(el).find((row) => row === shadow(el).activeElement);

  const post = (userId: string, content: string, extra: { is_question?: boolean } = {}) =>
    postAs(mock, userId, content, extra);

  async function roomWith(count: number): Promise<CourseChat> {
    for (let i = 1; i <= count; i++) post(mock.scenario!.other.id, `Message ${i}`);
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, `Message ${count}`), 'history never arrived');
    return el;
  }

  it('makes the stream one tab stop, the newest message, with its actions after it', async () => {
    const el = await roomWith(5);
    await expect(el).to.be.accessible();
    const tabbable = rows(el).filter((row) => row.tabIndex === 0);
    expect(tabbable.map((row) => row.message?.content)).to.deep.equal(['Message 5']);
    const newest = rowWith(el, 'Message 5')!;
    newest.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Reply');
    // Past the newest row's actions the next stop is the composer, not another message.
    for (let i = 0; i < 8 && focused()?.localName !== 'textarea'; i++) {
      expect(focused()?.closest?.('course-chat-message') ?? (focused()?.getRootNode() as ShadowRoot).host).to.equal(
        newest,
      );
      await sendKeys({ press: 'Tab' });
    }
    expect(focused()).to.equal(textareaOf(el));
  });

  it('moves between messages with the arrows, Home and End, and acts on the one reached', async () => {
    const el = await roomWith(5);
    rowWith(el, 'Message 5')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedRow(el)?.message?.content).to.equal('Message 3');
    expect(focusedRow(el)?.tabIndex).to.equal(0);
    expect(rowWith(el, 'Message 5')!.tabIndex).to.equal(-1);
    await sendKeys({ press: 'Home' });
    expect(focusedRow(el)?.message?.content).to.equal('Message 1');
    await sendKeys({ press: 'End' });
    expect(focusedRow(el)?.message?.content).to.equal('Message 5');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Reply');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(composerOf(el)).querySelector('.replying'), 'no reply started');
    expect(shadow(composerOf(el)).querySelector('.replying')!.textContent).to.include('Message 4');
  });

  it('reads back into older pages from the keyboard', async () => {
    const pageSize = mock.backend.limits.history_page_size;
    for (let i = 1; i <= pageSize + 5; i++)
      mock.backend.at(Date.now() - (pageSize + 5 - i) * 60_000, () => post(mock.scenario!.other.id, `Old ${i}`));
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, `Old ${pageSize + 5}`));
    rowWith(el, `Old ${pageSize + 5}`)!.focus();
    await sendKeys({ press: 'Home' });
    expect(focusedRow(el)?.message?.content).to.equal('Old 6');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedRow(el)?.message?.content === 'Old 5', 'the older page was not reached');
  });

  it('jumps to a pending question from the help queue', async () => {
    const question = post(mock.scenario!.other.id, 'Is the kernel a subspace?', { is_question: true });
    for (let i = 1; i <= 3; i++) post(mock.scenario!.other.id, `Later ${i}`);
    const el = await openRoom(mock, mock.scenario!.me.id);
    const queue = helpQueueOf(el);
    await waitUntil(() => shadow(queue).querySelector('.question button'));
    shadow(queue).querySelector<HTMLButtonElement>('.question button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => highlightedRow(el), 'no jump');
    expect(highlightedRow(el)!.message!.id).to.equal(question.id);
  });

  it('sets the award with arrows, Home, End and Page keys', async () => {
    // This Helped! shows on an answer: a reply to a question.
    const question = post(mock.scenario!.me.id, 'How do I invert a 3x3 matrix?', { is_question: true });
    postAs(mock, mock.scenario!.other.id, 'Use row reduction.', { reply_to_id: question.id });
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, 'Use row reduction.'), 'history never arrived');
    const row = rowWith(el, 'Use row reduction.')!;
    row.focus();
    await sendKeys({ press: 'Tab' });
    while (focused()?.textContent?.trim() !== 'This Helped!') await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const dialog = await awardDialogOf(el);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    const slider = shadow(dialog).querySelector<HTMLInputElement>('input[type="range"]')!;
    await waitUntil(() => focused() === slider || focused()?.closest?.('dialog'), 'focus did not move in');
    slider.focus();
    const max = Number(slider.max);
    await sendKeys({ press: 'End' });
    expect(Number(slider.value)).to.equal(max);
    await sendKeys({ press: 'Home' });
    expect(slider.value).to.equal('1');
    await sendKeys({ press: 'PageUp' });
    expect(Number(slider.value)).to.be.greaterThan(1);
    await sendKeys({ press: 'ArrowRight' });
    const chosen = Number(slider.value);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !shadow(dialog).querySelector('dialog')!.open);
    expect(chosen).to.be.at.most(max);
  });
});

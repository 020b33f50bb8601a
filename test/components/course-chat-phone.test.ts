import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import {
  action,
  awardDialogOf,
  helpQueueOf,
  postAs,
  rowWith,
  say,
  shadow,
  openRoomIn,
  useMockBackend,
} from './helpers.js';

type Point = [number, number];

/** A 375 by 740 phone with a touch screen, and a finger on it (CDP touch events, not PointerEvents). */
const phone = (width = 375, height = 740) => executeServerCommand('touch-phone', { width, height });
const swipe = (from: Point, to: Point) => executeServerCommand('touch-swipe', { from, to });

/** `<course-chat>` on a phone, as students use it: the whole screen, with real touch. */
/** The element filling the phone's screen, signed in as the scenario's student. */
function fullScreen(mock: MockSession, userId = mock.scenario!.me.id): Promise<CourseChat> {
  return openRoomIn(mock, 'position: fixed; inset: 0; display: grid', userId);
}

/** Reports the message saying `content` as spam through its menu, opened with a real tap. */
async function reportSpam(el: CourseChat, content: string): Promise<void> {
  const row = rowWith(el, content)!;
  const box = row.shadowRoot!.querySelector('.content')!.getBoundingClientRect();
  await executeServerCommand('touch-press', { at: [box.x + box.width / 2, box.y + box.height / 2], ms: 40 });
  await waitUntil(() =>
    row.shadowRoot!.querySelector('course-chat-message-menu')?.shadowRoot?.querySelector('.report'),
  );
  const menu = shadow(row.shadowRoot!.querySelector('course-chat-message-menu')!);
  menu.querySelector<HTMLButtonElement>('.item.report')!.click();
  await waitUntil(() => menu.querySelector('input[value="spam"]'));
  menu.querySelector<HTMLInputElement>('input[value="spam"]')!.click();
  menu.querySelector<HTMLButtonElement>('.send-report')!.click();
}

/** Taps This Helped! on the message saying `content`; gives the award dialog's shadow root once open. */
async function openAward(el: CourseChat, content: string): Promise<ShadowRoot> {
  action(rowWith(el, content)!, 'award')!.click();
  const dialog = shadow(await awardDialogOf(el));
  await waitUntil(() => dialog.querySelector('dialog')?.open, 'the award dialog did not open');
  return dialog;
}

describe('<course-chat> on a phone', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(async () => {
    mock = running();
    await phone();
  });
  afterEach(() => executeServerCommand('touch-reset'));

  it("gives the conversation at least 60% of the element's height in every state", async () => {
    const el = await fullScreen(mock);
    const states: string[] = [];
    const measure = async (state: string) => {
      await el.updateComplete;
      await waitUntil(() => shadow(el).querySelector('course-chat-stream [part="log"]'), 'no stream');
      const log = shadow(el).querySelector('course-chat-stream [part="log"]')!;
      const share = log.getBoundingClientRect().height / el.getBoundingClientRect().height;
      if (share < 0.6) states.push(`${state}: ${Math.round(share * 100)}%`);
    };
    await measure('a quiet room');
    await say(el, 'How do I integrate x e^x?', { question: true });
    await waitUntil(() => shadow(el).querySelector('.question-pending'));
    await measure('a question pending');
    postAs(mock, mock.scenario!.other.id, 'By parts, with u = x.');
    await waitUntil(() => rowWith(el, 'By parts, with u = x.'));
    mock.backend.faults.failNext('report', 500);
    await reportSpam(el, 'By parts, with u = x.');
    await waitUntil(() => shadow(el).querySelector('.notice'), 'the failed report said nothing', { timeout: 8000 });
    await measure('a report failed, with a question pending');
    mock.backend.faults.refuseSockets(1013);
    mock.backend.faults.dropSockets();
    await waitUntil(() => shadow(el).querySelector('.banner'));
    await measure('reconnecting, with a question pending');
    expect(states, 'the stream got less than 60%').to.deep.equal([]);
  });

  it('awards with a long press only after a few seconds in which Undo takes it back', async () => {
    const { me, other } = mock.scenario!;
    const question = postAs(mock, me.id, 'How do I integrate x e^(x^2)?', { is_question: true });
    const el = await fullScreen(mock);
    postAs(mock, other.id, 'Substitute u = x^2.', { reply_to_id: question.id });
    await waitUntil(() => rowWith(el, 'Substitute u = x^2.') && action(rowWith(el, 'Substitute u = x^2.')!, 'award'));
    const press = async () => {
      const box = action(rowWith(el, 'Substitute u = x^2.')!, 'award')!.getBoundingClientRect();
      await executeServerCommand('touch-press', { at: [box.x + box.width / 2, box.y + box.height / 2], ms: 800 });
      await waitUntil(() => shadow(el).querySelector('.confirmation .undo'), 'no Undo after the long press');
    };
    await press();
    expect(shadow(el).querySelector('.confirmation')!.textContent).to.include(`5 points to ${other.name}`);
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('.confirmation .undo')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.confirmation')).to.be.null;

    await press();
    await waitUntil(() => mock.backend.ledger().length > 0, 'the award was never sent', { timeout: 8000 });
    expect(mock.backend.ledger().map((award) => award.points)).to.deep.equal([5]);
  });

  const visible = (node: Element | null) => !!node && getComputedStyle(node).display !== 'none';
  const selected = (el: CourseChat) => shadow(el).querySelector('[role="tab"][aria-selected="true"]')!.id;

  it('switches between Chat and Help queue with a real horizontal swipe, and scrolls with a vertical one', async () => {
    for (let i = 1; i <= 30; i++) postAs(mock, mock.scenario!.other.id, `Line ${i}`);
    const el = await fullScreen(mock);
    await waitUntil(() => rowWith(el, 'Line 30'));
    await expect(el).to.be.accessible();
    const box = shadow(el).querySelector('.body')!.getBoundingClientRect();
    const middle = box.top + box.height / 2;

    await swipe([300, middle], [80, middle + 10]);
    await waitUntil(() => selected(el) === 'queue-tab', 'the swipe towards the start did not open the help queue');
    expect(visible(helpQueueOf(el))).to.be.true;
    await expect(el).to.be.accessible();

    await swipe([80, middle], [300, middle]);
    await waitUntil(() => selected(el) === 'chat-tab', 'the swipe back did not open the chat');

    const log = shadow(el).querySelector<HTMLElement>('course-chat-stream .log')!;
    const scrolled = log.scrollTop;
    await swipe([180, middle - 100], [185, middle + 100]);
    await waitUntil(() => log.scrollTop < scrolled, 'a vertical swipe no longer scrolls the log');
    expect(selected(el)).to.equal('chat-tab');
  });
});

describe('<course-chat> on a phone, low on points', () => {
  const running = useMockBackend({ scenario: 'low-balance', limits: { min_send_interval_ms: 0 } });
  afterEach(() => executeServerCommand('touch-reset'));

  for (const width of [375, 320]) {
    it(`fits the award dialog ${width} pixels wide, with the balance, the range and why it starts low`, async () => {
      const mock = running();
      await phone(width);
      const question = postAs(mock, mock.scenario!.me.id, 'How do I differentiate sin(x^2)?', { is_question: true });
      const el = await fullScreen(mock);
      postAs(mock, mock.scenario!.other.id, 'Try the chain rule.', { reply_to_id: question.id });
      await waitUntil(() => rowWith(el, 'Try the chain rule.') && action(rowWith(el, 'Try the chain rule.')!, 'award'));
      const dialog = await openAward(el, 'Try the chain rule.');
      await expect(await awardDialogOf(el)).to.be.accessible();
      for (const part of ['dialog', '.confirm']) {
        const box = dialog.querySelector(part)!.getBoundingClientRect();
        expect(box.left, `${part}'s start`).to.be.at.least(0);
        expect(box.right, `${part}'s end`).to.be.at.most(innerWidth);
      }
      const text = dialog.textContent!.replace(/\s+/g, ' ');
      expect(text).to.include('You have 3 points to give.').and.include('Starts at 3, all you have.');
      expect([...dialog.querySelectorAll('.range span')].map((end) => end.textContent)).to.deep.equal(['1', '3']);
    });
  }
});

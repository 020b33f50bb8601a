import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { action, openRoom, postAs, rows, rowWith, shadow, openRoomIn, useMockBackend } from './helpers.js';

/** The row's menu once open, and its items' text. */
const menuOf = (row: CourseChatMessage) => row.shadowRoot!.querySelector('course-chat-message-menu');
const openMenuOf = async (row: CourseChatMessage) => {
  await waitUntil(() => menuOf(row)?.shadowRoot?.querySelector('dialog')?.open, 'the menu did not open');
  return menuOf(row)!;
};
const itemsOf = (menu: Element) => [...shadow(menu).querySelectorAll<HTMLElement>('.sheet > .item, .sheet .item')];
const rowTops = (el: CourseChat) => rows(el).map((row) => Math.round(row.getBoundingClientRect().top));

/** A question by `asker` with a reply by `helper`, and small talk by `helper`, posted in the scenario's room. */
function thread(mock: MockSession, asker: string, helper: string) {
  const question = postAs(mock, asker, 'How do I invert a 3x3 matrix?', { is_question: true });
  postAs(mock, helper, 'Use row reduction.', { reply_to_id: question.id });
  postAs(mock, asker, 'Thanks, trying it.', { reply_to_id: question.id });
  postAs(mock, helper, 'Anyone for lunch?');
}

/** Desktop, with a mouse: a row's actions are a toolbar over it, found on hover, moving nothing. */
describe('<course-chat-message> actions with a mouse', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  it('shows the actions on hover without moving any row, each at least 24 by 24 pixels, More last', async () => {
    thread(mock, mock.scenario!.me.id, mock.scenario!.other.id);
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, 'Anyone for lunch?'));
    await expect(el).to.be.accessible();
    const before = rowTops(el);
    const answer = rowWith(el, 'Use row reduction.')!;
    const box = answer.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 80), Math.round(box.top + box.height / 2)] });
    await waitUntil(() => action(answer, 'award'), 'the actions never came');
    const award = action(answer, 'award')!;
    await waitUntil(() => getComputedStyle(award.parentElement!).opacity === '1', 'the actions never showed');
    expect(rowTops(el), 'a row moved when the pointer came').to.deep.equal(before);
    for (const button of [award, action(answer, 'reply')!, action(answer, 'more')!]) {
      const size = button.getBoundingClientRect();
      expect(size.height, button.className).to.be.at.least(24);
      expect(size.width, button.className).to.be.at.least(24);
    }
    expect(award.parentElement!.lastElementChild, 'More comes last').to.equal(action(answer, 'more'));
    await expect(el).to.be.accessible();
  });

  it("offers This Helped! on others' replies to a question, and on anything else of others only in the menu", async () => {
    const { me, other } = mock.scenario!;
    thread(mock, other.id, me.id);
    const question = postAs(mock, me.id, 'Is the determinant linear?', { is_question: true });
    postAs(mock, other.id, 'Only in each row.', { reply_to_id: question.id });
    postAs(mock, other.id, 'See you at the review session.');
    const el = await openRoom(mock, me.id);
    await waitUntil(() => rowWith(el, 'Only in each row.') && action(rowWith(el, 'Only in each row.')!, 'more'));
    expect(action(rowWith(el, 'Only in each row.')!, 'award'), "another's answer to my question").to.exist;
    expect(action(rowWith(el, 'Thanks, trying it.')!, 'award'), "the asker's reply in another's thread").to.exist;
    expect(action(rowWith(el, 'Use row reduction.')!, 'award'), 'my own answer').to.be.null;
    expect(action(rowWith(el, 'How do I invert a 3x3 matrix?')!, 'award'), "another's question").to.be.null;
    expect(action(rowWith(el, 'Anyone for lunch?')!, 'award'), 'my own small talk').to.be.null;
    const smallTalk = rowWith(el, 'See you at the review session.')!;
    expect(action(smallTalk, 'award'), "another's small talk").to.be.null;
    action(smallTalk, 'more')!.click();
    const menu = await openMenuOf(smallTalk);
    expect(itemsOf(menu).map((item) => item.textContent!.trim())).to.include('This Helped!');
  });

  it('keeps This Helped! on the answer the asker marked as the one that helped', async () => {
    const { me, other } = mock.scenario!;
    const question = postAs(mock, other.id, 'What is a pivot?', { is_question: true });
    const answer = postAs(mock, mock.scenario!.people[2]!.id, 'The first non-zero entry of a row.', {
      reply_to_id: question.id,
    });
    const outcome = mock.backend.markHelpful(other.id, mock.scenario!.courseId, answer.id);
    expect(outcome.ok).to.be.true;
    const el = await openRoom(mock, me.id);
    await waitUntil(() => rowWith(el, 'The first non-zero entry of a row.'));
    const row = rowWith(el, 'The first non-zero entry of a row.')!;
    await waitUntil(() => action(row, 'more'));
    expect(rowWith(el, 'What is a pivot?')!.message!.question_status).to.equal('answered');
    expect(action(row, 'award')).to.exist;
  });

  it('reports with a reason: "Reported… Undo" first, nothing sent if undone, then the message leaves my stream', async () => {
    postAs(mock, mock.scenario!.other.id, 'Buy cheap essays here.');
    const el = await openRoom(mock, mock.scenario!.me.id);
    const reported: unknown[] = [];
    el.addEventListener('course-chat-analytics', (event) => {
      if (event.name === 'message_reported') reported.push(event.data);
    });
    const report = async () => {
      const row = rowWith(el, 'Buy cheap essays here.')!;
      await waitUntil(() => action(row, 'more'));
      action(row, 'more')!.click();
      const menu = await openMenuOf(row);
      shadow(menu).querySelector<HTMLButtonElement>('.item.report')!.click();
      await waitUntil(() => shadow(menu).querySelector('input[value="spam"]'), 'no reasons to choose from');
      await expect(menu).to.be.accessible();
      shadow(menu).querySelector<HTMLInputElement>('input[value="spam"]')!.click();
      shadow(menu).querySelector<HTMLButtonElement>('.send-report')!.click();
      await waitUntil(() => shadow(el).querySelector('.confirmation .undo'), 'no Undo after reporting');
    };
    await report();
    expect(shadow(el).querySelector('.confirmation')!.textContent).to.include(
      'Reported. Thanks: moderators will review it.',
    );
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('.confirmation .undo')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.confirmation')).to.be.null;
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(rowWith(el, 'Buy cheap essays here.'), 'an undone report hid the message').to.exist;
    expect(reported, 'an undone report was counted').to.deep.equal([]);

    await report();
    const { id } = rowWith(el, 'Buy cheap essays here.')!.message!;
    await waitUntil(() => !rowWith(el, 'Buy cheap essays here.'), 'the reported message stayed', { timeout: 8000 });
    await waitUntil(() => reported.length > 0, 'no message_reported');
    expect(reported).to.deep.equal([{ course_id: mock.scenario!.courseId, message_id: id, reason: 'spam' }]);
  });

  it('opens the menu from More with the keyboard; Escape closes it and focus goes back to More', async () => {
    postAs(mock, mock.scenario!.other.id, 'Hello all');
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, 'Hello all') && action(rowWith(el, 'Hello all')!, 'more'));
    const row = rowWith(el, 'Hello all')!;
    row.focus();
    const more = action(row, 'more')!;
    while (row.shadowRoot!.activeElement !== more) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const menu = await openMenuOf(row);
    await expect(menu).to.be.accessible();
    expect(shadow(menu).activeElement?.textContent?.trim()).to.equal('Reply');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !menuOf(row), 'Escape did not close the menu');
    expect(row.shadowRoot!.activeElement === more, 'focus is back on More').to.be.true;
  });
});

type Point = [number, number];
const tap = (at: Point) => executeServerCommand('touch-press', { at, ms: 40 });
const longPress = (at: Point) => executeServerCommand('touch-press', { at, ms: 800 });
const middleOf = (node: Element): Point => {
  const box = node.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
};

/** A 375 by 740 phone with a real touch screen (CDP touch events). */
describe('<course-chat-message> actions on a phone', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(async () => {
    mock = running();
    await executeServerCommand('touch-phone', { width: 375, height: 740 });
  });
  afterEach(() => executeServerCommand('touch-reset'));

  const phoneRoom = () => openRoomIn(mock, 'position: fixed; inset: 0; display: grid');

  it('opens the menu with a tap on a message, items at least 44 pixels tall, moving no row', async () => {
    thread(mock, mock.scenario!.me.id, mock.scenario!.other.id);
    const el = await phoneRoom();
    await waitUntil(() => rowWith(el, 'Anyone for lunch?'));
    const answer = rowWith(el, 'Use row reduction.')!;
    await waitUntil(() => action(answer, 'award'), 'This Helped! never showed on the answer');
    expect(action(answer, 'award')!.getBoundingClientRect().height, 'This Helped! on touch').to.be.at.least(44);
    expect(getComputedStyle(action(answer, 'more')!).display, 'More on touch').to.equal('none');
    const before = rowTops(el);
    await tap(middleOf(answer.shadowRoot!.querySelector('.content')!));
    const menu = await openMenuOf(answer);
    expect(rowTops(el), 'a row moved when the menu opened').to.deep.equal(before);
    await expect(menu).to.be.accessible();
    const items = itemsOf(menu);
    expect(items.map((item) => item.textContent!.trim())).to.include.members(['Reply', 'Report', 'Copy text']);
    for (const item of items) expect(item.getBoundingClientRect().height, item.textContent!).to.be.at.least(44);
    const sheet = shadow(menu).querySelector('dialog')!.getBoundingClientRect();
    expect([sheet.left, sheet.right]).to.deep.equal([0, 375]);
    shadow(menu).querySelector<HTMLButtonElement>('.item.cancel')!.click();
    await waitUntil(() => !menuOf(answer), 'Cancel did not close the menu');
  });

  it('opens the menu with a long press on a message, and a tap on This Helped! opens the award dialog instead', async () => {
    thread(mock, mock.scenario!.me.id, mock.scenario!.other.id);
    const el = await phoneRoom();
    await waitUntil(() => rowWith(el, 'Anyone for lunch?') && action(rowWith(el, 'Use row reduction.')!, 'award'));
    const smallTalk = rowWith(el, 'Anyone for lunch?')!;
    await longPress(middleOf(smallTalk.shadowRoot!.querySelector('.content')!));
    const menu = await openMenuOf(smallTalk);
    shadow(menu).querySelector<HTMLButtonElement>('.item.cancel')!.click();
    await waitUntil(() => !menuOf(smallTalk));

    const answer = rowWith(el, 'Use row reduction.')!;
    await tap(middleOf(action(answer, 'award')!));
    await customElements.whenDefined('course-chat-award-dialog');
    const dialog = shadow(el).querySelector('course-chat-award-dialog')!;
    await waitUntil(() => dialog.shadowRoot?.querySelector('dialog')?.open, 'the award dialog did not open');
    expect(menuOf(answer), 'the tap on This Helped! opened the menu as well').to.be.null;
  });
});

/** What a message's menu does for its author and for a moderator, through the mock backend. */
describe('<course-chat-message> menu: my own messages, and moderators', () => {
  describe('as the author', () => {
    const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

    const chooseFrom = async (row: CourseChatMessage, ...items: string[]) => {
      await waitUntil(() => action(row, 'more'));
      action(row, 'more')!.click();
      const menu = await openMenuOf(row);
      for (const item of items) {
        await waitUntil(() => shadow(menu).querySelector(`.item.${item}`), `no ${item} in the menu`);
        shadow(menu).querySelector<HTMLButtonElement>(`.item.${item}`)!.click();
      }
      return menu;
    };

    it('edits in the composer from the menu, and deletes after asking, keeping the replies', async () => {
      const mock = running();
      const { me, other } = mock.scenario!;
      const mine = postAs(mock, me.id, 'Does the midterm cover chapter 4?');
      postAs(mock, other.id, 'Yes, up to 4.3.', { reply_to_id: mine.id });
      const el = await openRoom(mock, me.id);
      await waitUntil(() => rowWith(el, 'Does the midterm cover chapter 4?'));
      await chooseFrom(rowWith(el, 'Does the midterm cover chapter 4?')!, 'edit');
      const composer = shadow(el).querySelector('course-chat-composer')!;
      await waitUntil(
        () => shadow(composer).querySelector('textarea')?.value === 'Does the midterm cover chapter 4?',
        'the composer did not take the message to edit',
      );
      expect(shadow(composer).textContent).to.include('Editing message');

      const menu = await chooseFrom(rowWith(el, 'Does the midterm cover chapter 4?')!, 'delete');
      expect(shadow(menu).textContent).to.include('Delete this message?');
      await expect(menu).to.be.accessible();
      shadow(menu).querySelector<HTMLButtonElement>('.item.delete')!.click();
      await waitUntil(() => rows(el).some((row) => row.message?.deleted), 'the message was not deleted');
      const deleted = rows(el).find((row) => row.message?.deleted)!;
      expect(shadow(deleted).textContent).to.include('Message deleted');
      expect(rowWith(el, 'Yes, up to 4.3.'), 'the reply went with it').to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('as a moderator', () => {
    // The signed-in user moderates; three students reported one message (hidden), one another.
    const running = useMockBackend({ scenario: 'moderation' });
    const spam = 'Selling every problem set answer for this course, DM me for prices!!!';
    const offTopic = 'Anyone watching the match tonight? Way more fun than eigenvalues.';

    it('sees a hidden message marked Hidden and restores it, and mutes an author for a day', async () => {
      const mock = running();
      const el = await openRoom(mock, mock.scenario!.me.id);
      await waitUntil(() => rowWith(el, spam) && rowWith(el, offTopic));
      const hidden = rowWith(el, spam)!;
      expect(shadow(hidden).querySelector('.hidden-label')?.textContent).to.equal('Hidden');
      await expect(el).to.be.accessible();
      await waitUntil(() => action(hidden, 'more'));
      action(hidden, 'more')!.click();
      let menu = await openMenuOf(hidden);
      expect(shadow(menu).querySelector('.item.hide'), 'Hide on a hidden message').to.be.null;
      shadow(menu).querySelector<HTMLButtonElement>('.item.restore')!.click();
      await waitUntil(() => !rowWith(el, spam)?.message?.hidden, 'the message was not restored');

      const author = rowWith(el, offTopic)!.message!.author;
      const student = await openRoom(mock, author.id);
      const row = rowWith(el, offTopic)!;
      await waitUntil(() => action(row, 'more'));
      action(row, 'more')!.click();
      menu = await openMenuOf(row);
      shadow(menu).querySelector<HTMLButtonElement>('.item.mute')!.click();
      await waitUntil(() => shadow(menu).textContent?.includes('1 day'), 'no lengths to choose from');
      await expect(menu).to.be.accessible();
      const day = [...shadow(menu).querySelectorAll<HTMLButtonElement>('.item.mute')].find(
        (item) => item.textContent?.trim() === '1 day',
      )!;
      day.click();
      const composer = shadow(student).querySelector('course-chat-composer')!;
      await waitUntil(() => shadow(composer).textContent?.includes('muted you'), 'the author was not muted');
    });
  });
});

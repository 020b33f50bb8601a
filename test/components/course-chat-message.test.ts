import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChatMessageMenu } from '../../src/components/course-chat-message-menu.js';
import { CourseChatMessageActionEvent } from '../../src/components/events.js';
import { liveRoom } from '../../src/components/lazy.js';
import type { ChatMessage } from '../../src/protocol/index.js';
import { storedMessage } from '../state/fake-client.js';
import { shadow } from './helpers.js';

const ben = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false };
const fifteenMinutes = 15 * 60_000;

/** A stored message by Ben, sent a minute ago unless `fields` say otherwise. */
const byBen = (fields: Partial<ChatMessage> = {}) => ({
  ...storedMessage({
    id: 'm1',
    seq: 1,
    author: ben,
    content: 'Use row reduction.',
    created_at: new Date(Date.now() - 60_000).toISOString(),
    ...fields,
  }),
  delivery: 'sent' as const,
});

interface As {
  mine?: boolean;
  moderator?: boolean;
  offerAward?: boolean;
  editWindowMs?: number;
}

/** The row, once its actions (loaded after the first paint) show, when it has any. */
async function rowOf(message: ReturnType<typeof byBen>, as: As = {}): Promise<CourseChatMessage> {
  // Message rows arrive with the live room, after the first paint.
  await liveRoom.load();
  const row = await fixture<CourseChatMessage>(
    html`<course-chat-message
      .message=${message}
      ?mine=${as.mine}
      ?moderator=${as.moderator}
      ?offer-award=${as.offerAward}
      .editWindowMs=${as.editWindowMs ?? fifteenMinutes}
      active
    ></course-chat-message>`,
  );
  const gone = message.deleted || (message.hidden && !as.moderator);
  await waitUntil(() => gone || shadow(row).querySelector('.actions'), 'the actions never showed');
  return row;
}

const text = (el: Element) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');

/** Opens the row's menu with its More button; gives the menu once it has loaded and opened. */
export async function openMenu(row: CourseChatMessage): Promise<CourseChatMessageMenu> {
  shadow(row).querySelector<HTMLButtonElement>('.more')!.click();
  await customElements.whenDefined('course-chat-message-menu');
  const menu = shadow(row).querySelector('course-chat-message-menu')!;
  await waitUntil(() => menu.shadowRoot?.querySelector('dialog')?.open, 'the menu did not open');
  return menu;
}

/** The menu's items, by their text. */
export const itemsOf = (menu: CourseChatMessageMenu) =>
  [...shadow(menu).querySelectorAll('.sheet > .item')].map((item) => item.textContent!.trim());

describe('<course-chat-message>', () => {
  it('marks an edited message "edited" beside its time, with the edit time in its tooltip', async () => {
    const editedAt = new Date(Date.now() - 30_000).toISOString();
    const row = await rowOf(byBen({ edited_at: editedAt }));
    await expect(row).to.be.accessible();
    const edited = shadow(row).querySelector('.meta .edited')!;
    expect(edited.textContent).to.equal('edited');
    expect(edited.getAttribute('title')).to.include(String(new Date(editedAt).getFullYear()));
    expect((await rowOf(byBen())).shadowRoot!.querySelector('.edited')).to.be.null;
  });

  it('keeps a deleted message as "Message deleted", with no actions', async () => {
    const row = await rowOf(byBen({ deleted: true, content: '' }));
    await expect(row).to.be.accessible();
    expect(text(row)).to.include('Message deleted');
    expect(shadow(row).querySelector('.actions')).to.be.null;
  });

  it('shows its author a hidden message as "Removed by a moderator", and moderators the message marked Hidden', async () => {
    const mine = await rowOf(byBen({ hidden: true, content: '' }), { mine: true });
    expect(text(mine)).to.include('Removed by a moderator');
    expect(shadow(mine).querySelector('.actions')).to.be.null;

    const reviewed = await rowOf(byBen({ hidden: true }), { moderator: true });
    await expect(reviewed).to.be.accessible();
    expect(shadow(reviewed).querySelector('.hidden-label')!.textContent).to.equal('Hidden');
    expect(text(reviewed)).to.include('Use row reduction.');
    expect(itemsOf(await openMenu(reviewed)))
      .to.include('Restore')
      .and.not.include('Hide');
  });

  it('shows This Helped! on the row only where offered; the menu has it on any message of someone else', async () => {
    const answer = await rowOf(byBen(), { offerAward: true });
    expect(shadow(answer).querySelector('.action.award')).to.exist;
    const smallTalk = await rowOf(byBen());
    expect(shadow(smallTalk).querySelector('.action.award')).to.be.null;
    expect(itemsOf(await openMenu(smallTalk))).to.include('This Helped!');
    const mine = await rowOf(byBen(), { mine: true, offerAward: false });
    expect(itemsOf(await openMenu(mine))).to.not.include('This Helped!');
  });

  it("offers Reply, This Helped!, Copy text and Report on someone else's message", async () => {
    const menu = await openMenu(await rowOf(byBen()));
    await expect(menu).to.be.accessible();
    expect(itemsOf(menu)).to.deep.equal(['Reply', 'This Helped!', 'Copy text', 'Report', 'Cancel']);
  });

  it('offers Edit on my own message only within the edit window, and Delete at any time', async () => {
    const fresh = await openMenu(await rowOf(byBen(), { mine: true }));
    expect(itemsOf(fresh)).to.deep.equal(['Reply', 'Mark as Question', 'Copy text', 'Edit', 'Delete', 'Cancel']);
    const old = byBen({ created_at: new Date(Date.now() - fifteenMinutes - 1000).toISOString() });
    expect(itemsOf(await openMenu(await rowOf(old, { mine: true }))))
      .to.include('Delete')
      .and.not.include('Edit');
  });

  it('offers moderators Hide and Mute author', async () => {
    const menu = await openMenu(await rowOf(byBen(), { moderator: true }));
    expect(itemsOf(menu)).to.include.members(['Hide', 'Mute author']);
  });

  it('asks the room to edit, from the menu', async () => {
    const row = await rowOf(byBen(), { mine: true });
    const menu = await openMenu(row);
    const chosen = new Promise<CourseChatMessageActionEvent>((resolve) =>
      row.addEventListener(CourseChatMessageActionEvent.eventName, resolve, { once: true }),
    );
    shadow(menu).querySelector<HTMLButtonElement>('.item.edit')!.click();
    const event = await chosen;
    expect([event.action, event.messageId]).to.deep.equal(['edit', 'm1']);
  });

  it('reports only with a reason, and with Other only with a note, which the report carries', async () => {
    const row = await rowOf(byBen());
    const chosen: CourseChatMessageActionEvent[] = [];
    row.addEventListener(CourseChatMessageActionEvent.eventName, (event) => chosen.push(event));
    const menu = await openMenu(row);
    shadow(menu).querySelector<HTMLButtonElement>('.item.report')!.click();
    await waitUntil(() => shadow(menu).querySelector('form'), 'no reasons to choose from');
    expect(shadow(menu).activeElement, 'the first reason has the focus').to.equal(
      shadow(menu).querySelector('input[value="spam"]'),
    );
    const send = shadow(menu).querySelector<HTMLButtonElement>('.send-report')!;
    const note = shadow(menu).querySelector('textarea')!;
    send.click();
    shadow(menu).querySelector<HTMLInputElement>('input[value="other"]')!.click();
    await menu.updateComplete;
    note.value = '   ';
    send.click();
    await menu.updateComplete;
    expect(chosen, 'sent without a reason, or Other without a note').to.deep.equal([]);
    note.value = 'Asks for exam answers.';
    send.click();
    await waitUntil(() => chosen.length > 0, 'the report was not handed to the room');
    expect([chosen[0]!.action, chosen[0]!.details]).to.deep.equal([
      'report',
      { report: { reason: 'other', note: 'Asks for exam answers.' } },
    ]);
  });

  it('closes the menu with Escape, and gives focus back to More', async () => {
    const row = await rowOf(byBen());
    const menu = await openMenu(row);
    expect(shadow(menu).activeElement?.textContent?.trim(), 'the first item has the focus').to.equal('Reply');
    await sendKeys({ press: 'Tab' });
    expect(shadow(menu).activeElement?.textContent?.trim()).to.equal('This Helped!');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !shadow(row).querySelector('course-chat-message-menu'), 'Escape did not close the menu');
    expect(shadow(row).activeElement === shadow(row).querySelector('.more'), 'focus is back on More').to.be.true;
  });
});

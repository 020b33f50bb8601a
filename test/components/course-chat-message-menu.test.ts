import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CourseChatMessageActionEvent } from '../../src/components/events.js';
import { shadow } from './helpers.js';
import { byBen, fifteenMinutes, itemsOf, openMenu, rowOf } from './message-row.js';

/** A message's menu, opened from its row's More: what it offers to whom, and what it asks before acting. */
describe('<course-chat-message-menu>', () => {
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

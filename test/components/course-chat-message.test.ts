import { expect } from '@open-wc/testing';
import { byBen, itemsOf, openMenu, rowOf, text } from './message-row.js';
import { shadow } from './helpers.js';

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
});

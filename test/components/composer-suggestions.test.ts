import { expect } from '@open-wc/testing';
import { composerOf, openRoom, postAs, shadow, textareaOf, useMockBackend } from './helpers.js';

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

import { expect, waitUntil } from '@open-wc/testing';
import { composerOf, openRoom, postAs, shadow, textareaOf, useMockBackend } from './helpers.js';

/** Every rule of the stylesheets a shadow root has, as text. */
const rulesOf = (root: ShadowRoot) =>
  root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');

/**
 * The composer's @-suggestions and similar questions are not part of the room's first paint: they
 * load the first time the text area is used, styles and all, and what was typed before they
 * arrived is suggested for as soon as they do.
 */
describe('the composer’s suggestions, loaded on first use', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  it('paints without them, then suggests people for an @ typed the moment the room opened', async () => {
    const { me, other } = mock().scenario!;
    postAs(mock(), other.id, 'Hello from the other side');
    const el = await openRoom(mock(), me.id);
    const composer = composerOf(el);
    await expect(composer).to.be.accessible();
    expect(rulesOf(shadow(composer)), 'the first paint styles no suggestion list').not.to.include('.mentions');

    // Typed without focusing first, before anything was loaded for it.
    const textarea = textareaOf(el);
    textarea.value = '@';
    textarea.setSelectionRange(1, 1);
    textarea.dispatchEvent(new InputEvent('input'));
    const options = () => [...shadow(composer).querySelectorAll('[role="option"]')];
    await waitUntil(() => options().length > 0, 'no one was suggested after @');
    expect(options()[0]!.textContent).to.include(other.name);
    expect(textarea.getAttribute('aria-activedescendant')).to.equal('mention-0');
    const list = shadow(composer).querySelector<HTMLElement>('.mentions')!;
    expect(getComputedStyle(list).position, 'the list came with its styles').to.equal('absolute');
    await expect(composer).to.be.accessible();
  });
});

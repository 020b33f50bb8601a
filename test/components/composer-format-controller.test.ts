import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { composerOf, openRoom, rowWith, shadow, textareaOf, useMockBackend } from './helpers.js';

/** Presses `key` while holding `modifiers`. */
async function chord(modifiers: string[], key: string): Promise<void> {
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of modifiers.reverse()) await sendKeys({ up: modifier });
}

/** The composer's preview of Markdown and math, and its shortcuts for code. */
describe('<course-chat-composer> preview and code shortcuts', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  async function room() {
    const el = await openRoom(mock(), mock().scenario!.me.id);
    const composer = composerOf(el);
    const textarea = textareaOf(el);
    textarea.focus();
    return { el, composer, textarea, root: shadow(composer) };
  }

  it('previews the draft as it will show, and counts its source', async () => {
    const { el, root } = await room();
    await sendKeys({ type: 'Is $x^2$ **right**?' });
    const toggle = root.querySelector<HTMLButtonElement>('.preview-toggle')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(root.querySelector('#preview')).to.equal(null);
    toggle.click();
    await waitUntil(() => root.querySelector('#preview math'), 'the preview never rendered math');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelector('#preview strong')!.textContent).to.equal('right');
    expect(root.querySelector('.count')!.textContent).to.equal(`${'Is $x^2$ **right**?'.length} / 2000`);
    await expect(el).to.be.accessible();
    toggle.click();
    await composerOf(el).updateComplete;
    expect(root.querySelector('#preview')).to.equal(null);
  });

  it('puts the selection in backticks with Ctrl+E, and in a code block with Ctrl+Shift+E', async () => {
    const { el, textarea } = await room();
    await sendKeys({ type: 'use np.linalg.det here' });
    textarea.setSelectionRange(4, 17);
    await chord(['Control'], 'e');
    expect(textarea.value).to.equal('use `np.linalg.det` here');
    textarea.value = '';
    textarea.dispatchEvent(new Event('input'));
    await sendKeys({ type: 'Look:' });
    await chord(['Control', 'Shift'], 'E');
    await sendKeys({ type: 'for i in range(3):' });
    await chord(['Shift'], 'Enter');
    await sendKeys({ type: '    print(i)' });
    expect(textarea.value).to.equal('Look:\n```\nfor i in range(3):\n    print(i)\n```\n');
    await sendKeys({ press: 'Enter' });
    const sent = 'Look:\n```\nfor i in range(3):\n    print(i)\n```';
    await waitUntil(() => rowWith(el, sent)?.shadowRoot?.querySelector('pre'), 'the code was not sent');
    expect(rowWith(el, sent)!.shadowRoot!.querySelector('pre')!.textContent).to.equal(
      'for i in range(3):\n    print(i)',
    );
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import { composerOf, openRoom, rowWith, say, shadow, useMockBackend } from './helpers.js';

/** The composer is not in the first download: it arrives as the room connects, before the room shows. */
describe('<course-chat-composer> loaded as the room connects', () => {
  const running = useMockBackend({ scenario: 'quiet-room' });

  it('is not registered by the first download, and is there to type in the moment the room shows', async () => {
    const mock = running();
    expect(customElements.get('course-chat-composer'), 'the composer before any room connects').to.be.undefined;
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${() => mock.tokenFor(mock.scenario!.me.id)}
      ></course-chat>`,
    );
    // However long the live room's modules take to arrive, the room shows only once they have.
    await customElements.whenDefined('course-chat-composer');
    await waitUntil(() => shadow(el).querySelector('.tabs'), 'the room never showed');
    await expect(el).to.be.accessible();
    await say(el, 'first words, typed as soon as the room shows');
  });
});

/** The composer counts characters as both backends do: code points of the normalised text. */
describe('<course-chat-composer> character counter', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { max_message_length: 10 } });

  async function type(el: CourseChat, text: string) {
    const composer = composerOf(el);
    const textarea = shadow(composer).querySelector('textarea')!;
    textarea.value = text;
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await composer.updateComplete;
    return {
      count: shadow(composer).querySelector('#count')!.textContent?.trim(),
      sendable: !shadow(composer).querySelector<HTMLButtonElement>('.send')!.disabled,
    };
  }

  it('counts an emoji or a composed accent as one character, and sends what the limit allows', async () => {
    const mock = running();
    const el = await openRoom(mock, mock.scenario!.me.id);
    await expect(composerOf(el)).to.be.accessible();
    expect(await type(el, '😀'.repeat(10))).to.deep.equal({ count: '10 / 10', sendable: true });
    expect(await type(el, '😀'.repeat(11))).to.deep.equal({ count: '11 / 10', sendable: false });
    expect(await type(el, `  ${'e\u0301'.repeat(10)}\r\n`)).to.deep.equal({ count: '10 / 10', sendable: true });
    shadow(composerOf(el)).querySelector<HTMLButtonElement>('.send')!.click();
    const sent = '\u00e9'.repeat(10);
    await waitUntil(
      () => rowWith(el, sent)?.message?.delivery === 'sent',
      'the backend refused what the counter allowed',
    );
  });
});

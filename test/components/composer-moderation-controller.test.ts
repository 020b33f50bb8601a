import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CourseChatMessageActionEvent } from '../../src/components/events.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { composerOf, openRoom, postAs, rowWith, say, shadow, textareaOf, useMockBackend } from './helpers.js';

const composerText = (el: CourseChat) => shadow(composerOf(el)).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A student a moderator muted reads the room; the composer says until when they can write again. */
describe('the composer of a muted student', () => {
  const running = useMockBackend({ scenario: 'muted' });

  it('is accessible, says until when, in the page’s language, and opens again when unmuted', async () => {
    const mock = running();
    const { me, other: moderator, courseId } = mock.scenario!;
    document.documentElement.lang = 'de';
    try {
      const el = await openRoom(mock, me.id);
      await waitUntil(() => composerText(el).includes('A moderator muted you'), 'the composer never said muted');
      await expect(composerOf(el)).to.be.accessible();
      expect(shadow(composerOf(el)).querySelector('textarea'), 'nothing to type in').to.be.null;
      const until = new Date(Date.now() + 60 * 60_000);
      const time = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' });
      // The mute is an hour from the scenario's start: this minute's or the next.
      expect([time.format(until), time.format(new Date(until.getTime() - 60_000))]).to.satisfy((times: string[]) =>
        times.some((t) => composerText(el) === `A moderator muted you in this course until ${t}.`),
      );

      mock.backend.moderation.moderate(moderator.id, courseId, { action: 'unmute', user_id: me.id });
      await waitUntil(() => shadow(composerOf(el)).querySelector('textarea'), 'the unmute never reached the composer');
      await say(el, 'Sorry, back on topic: what is a kernel?');
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});

/** Editing one's own message in the composer: its text in place of the draft, Enter saves, Escape cancels. */
describe('the composer editing a message', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  async function editFrom(el: CourseChat, content: string) {
    const row = rowWith(el, content)!;
    row.dispatchEvent(new CourseChatMessageActionEvent('edit', row.message!.id));
    await waitUntil(() => composerText(el).includes('Editing message'), 'the composer never began editing');
  }

  it('is accessible, and saves the new text with Enter for everyone, marked edited', async () => {
    const mock = running();
    const el = await openRoom(mock, mock.scenario!.me.id);
    const classmate = await openRoom(mock, mock.scenario!.other.id);
    await say(el, 'The determinant of a 2x2 is ad + bc');
    await waitUntil(() => rowWith(classmate, 'The determinant of a 2x2 is ad + bc'));

    await editFrom(el, 'The determinant of a 2x2 is ad + bc');
    await expect(composerOf(el)).to.be.accessible();
    expect(textareaOf(el).value).to.equal('The determinant of a 2x2 is ad + bc');
    expect(composerText(el)).to.match(/You can edit until \d{1,2}:\d{2}/);
    expect(shadow(composerOf(el)).querySelector('.send')!.textContent?.trim()).to.equal('Save');
    expect(document.activeElement === el && shadow(el).activeElement === composerOf(el), 'the text has focus').to.be
      .true;

    textareaOf(el).select();
    await sendKeys({ type: 'The determinant of a 2x2 is ad - bc' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => rowWith(classmate, 'The determinant of a 2x2 is ad - bc')?.message?.edited_at,
      'the classmate never saw the edit',
    );
    expect(rowWith(el, 'The determinant of a 2x2 is ad - bc')?.message?.edited_at).to.be.a('string');
    expect(rowWith(el, 'The determinant of a 2x2 is ad + bc'), 'no second message').to.be.undefined;
    await waitUntil(() => !composerText(el).includes('Editing message'));
    expect(textareaOf(el).value).to.equal('');
  });

  it('gives the draft back on Escape, and saves nothing', async () => {
    const mock = running();
    const el = await openRoom(mock, mock.scenario!.me.id);
    await say(el, 'Rank is the number of pivots');
    textareaOf(el).focus();
    await sendKeys({ type: 'half-written thought' });

    await editFrom(el, 'Rank is the number of pivots');
    expect(textareaOf(el).value).to.equal('Rank is the number of pivots');
    await sendKeys({ type: ' (or of nonzero rows)' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !composerText(el).includes('Editing message'));
    expect(textareaOf(el).value).to.equal('half-written thought');
    expect(rowWith(el, 'Rank is the number of pivots')?.message?.edited_at).to.be.undefined;
  });

  it('keeps the draft aside, saved for the next visit, while someone is @mentioned in the edit', async () => {
    const mock = running();
    postAs(mock, mock.scenario!.other.id, 'Hello from the other side');
    const el = await openRoom(mock, mock.scenario!.me.id);
    await say(el, 'Ask about the pivots');
    textareaOf(el).focus();
    await sendKeys({ type: 'half-written thought' });

    await editFrom(el, 'Ask about the pivots');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' @' });
    await waitUntil(() => shadow(composerOf(el)).querySelector('[role="option"]'), 'no one was suggested after @');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textareaOf(el).value.includes(`@${mock.scenario!.other.name}`), 'the mention was not put in');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !composerText(el).includes('Editing message'));
    expect(textareaOf(el).value).to.equal('half-written thought');
    const reopened = await openRoom(mock, mock.scenario!.me.id);
    expect(textareaOf(reopened).value, 'the draft saved for the next visit').to.equal('half-written thought');
  });
});

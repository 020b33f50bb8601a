import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatAuthRequiredEvent } from '../../src/components/events.js';
import type { MockSession } from '../../src/mock/index.js';
import { action, awardDialogOf, openRoom, postAs, rowWith, shadow, textareaOf, useMockBackend } from './helpers.js';

/**
 * What the backend refuses reaches the one who can act on it: the person sees why, and a sign-in
 * refused on a later request goes to the host, without losing what the person wrote.
 */
describe('<course-chat> when the backend refuses', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const notice = (el: CourseChat) => shadow(el).querySelector('.notice')?.textContent?.replace(/\s+/g, ' ') ?? '';

  it('says why an award was refused, after the page spec’s text', async () => {
    const giver = await openRoom(mock, mock.scenario!.me.id);
    await expect(giver).to.be.accessible();
    const question = postAs(mock, mock.scenario!.me.id, 'How do I invert a 3x3 matrix?', { is_question: true });
    postAs(mock, mock.scenario!.other.id, 'Use row reduction.', { reply_to_id: question.id });
    await waitUntil(
      () => rowWith(giver, 'Use row reduction.') && action(rowWith(giver, 'Use row reduction.')!, 'award'),
    );
    mock.backend.faults.failNext('award', 409, { code: 'insufficient_balance' });
    action(rowWith(giver, 'Use row reduction.')!, 'award')!.click();
    const dialog = await awardDialogOf(giver);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    shadow(dialog).querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => notice(giver), 'no notice');
    expect(notice(giver)).to.include('Unable to award points. Try again. Injected failure.');
    await expect(giver).to.be.accessible();
  });

  it('asks the host for a token when a send meets an expired one, and sends the message once', async () => {
    const me = mock.scenario!.me.id;
    let token = await mock.tokenFor(me);
    const refusals: CourseChatAuthRequiredEvent[] = [];
    // The room tells its unread count once it is live and has caught up.
    const settled: Event[] = [];
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .getAuthToken=${async () => token}
        @course-chat-auth-required=${(event: CourseChatAuthRequiredEvent) => {
          refusals.push(event);
          event.preventDefault();
        }}
        @course-chat-unread=${(event: Event) => settled.push(event)}
      ></course-chat>`,
    );
    await waitUntil(() => settled.length > 0, 'never live');
    mock.backend.faults.expireTokens();
    textareaOf(el).focus();
    await sendKeys({ type: 'Is anyone there?' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => refusals.length === 1, 'the host was not told');
    expect(refusals[0]).to.include({ reason: 'token_expired', attempt: 1 });
    await waitUntil(() => rowWith(el, 'Is anyone there?'), 'the message is not shown');
    expect(rowWith(el, 'Is anyone there?')!.message?.delivery).to.equal('pending');

    // The host renews its session and hands over the new token, as its handler said it would.
    token = await mock.tokenFor(me);
    el.getAuthToken = async () => token;
    await waitUntil(() => rowWith(el, 'Is anyone there?')?.message?.delivery === 'sent', 'never sent');
    expect(mock.backend.messages(mock.scenario!.courseId).map((m) => m.content)).to.deep.equal(['Is anyone there?']);
  });
});

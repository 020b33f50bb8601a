import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatAuthRequiredEvent } from '../../src/components/events.js';
import { defaultStrings } from '../../src/components/strings.js';
import { loadScenario, type MockSession } from '../../src/mock/index.js';
import { shadow, useMockBackend } from './helpers.js';

const notSignedIn = 'You are not signed in. Sign in to use the chat.';
const notEnrolled = 'You must be enrolled to access this chat.';

/**
 * Hosts render `course-id` in their markup and get the user's token later, or have it expire: a
 * refused sign-in (401) is told apart from a refused enrolment (403), the host hears of it, and the
 * room asks for a token again instead of giving up.
 */
describe('<course-chat> when the sign-in arrives late or is refused', () => {
  const running = useMockBackend({ scenario: 'quiet-room' });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const me = () => mock.scenario!.me;
  const alert = (el: CourseChat) => shadow(el).querySelector('[role="alert"]')?.textContent ?? '';
  const live = (el: CourseChat) => (shadow(el).textContent ?? '').includes('online');

  /** `<course-chat>` as a host's markup has it, recording `course-chat-auth-required`. */
  async function rendered(
    options: { prevent?: boolean; getAuthToken?: () => Promise<string>; courseId?: string } = {},
  ) {
    const refusals: CourseChatAuthRequiredEvent[] = [];
    // The room tells its unread count once it is live and has caught up.
    const settled: Event[] = [];
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${options.courseId ?? mock.scenario!.courseId}
        .getAuthToken=${options.getAuthToken}
        @course-chat-auth-required=${(event: CourseChatAuthRequiredEvent) => {
          refusals.push(event);
          if (options.prevent) event.preventDefault();
        }}
        @course-chat-unread=${(event: Event) => settled.push(event)}
      ></course-chat>`,
    );
    return { el, refusals, settled };
  }

  it('says the user is not signed in, not that they are not enrolled', async () => {
    const { el, refusals } = await rendered({ prevent: true });
    await waitUntil(() => alert(el).includes(notSignedIn), 'no sign-in message');
    await expect(el).to.be.accessible();
    expect(alert(el)).not.to.include(notEnrolled);
    expect(refusals).to.have.length(1);
    const [event] = refusals;
    expect(event).to.include({ courseId: mock.scenario!.courseId, reason: 'unauthenticated', attempt: 1 });
    expect(event!.cancelable && event!.composed && event!.bubbles).to.be.true;
    expect(event!.retryInMs).to.be.within(500, 1000);
    // Retry asks again at once, on a fresh schedule.
    shadow(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => refusals.length === 2, 'Retry did not ask again');
    expect(refusals[1]!.attempt).to.equal(1);
  });

  it('opens at once when the host sets its token source after course-id', async () => {
    // The host takes the event as its cue to sign in: the room does not retry by itself meanwhile.
    const { el, refusals } = await rendered({ prevent: true });
    await waitUntil(() => refusals.length === 1, 'the host was not told');
    el.getAuthToken = () => mock.tokenFor(me().id);
    await waitUntil(() => live(el), 'the room did not open with the new token source');
    expect(refusals).to.have.length(1);
  });

  it('keeps a working room when the host hands over a new token source (as a render does)', async () => {
    const { el, settled } = await rendered({ getAuthToken: () => mock.tokenFor(me().id) });
    await waitUntil(() => settled.length > 0, 'never live');
    el.getAuthToken = () => mock.tokenFor(me().id);
    await el.updateComplete;
    expect(shadow(el).querySelector('.loading')).to.be.null;
    expect(live(el)).to.be.true;
  });

  it('asks the token source again, with backoff, until the session is ready', async () => {
    let calls = 0;
    let ready = false;
    const { el, refusals } = await rendered({
      getAuthToken: async () => {
        calls += 1;
        return ready ? mock.tokenFor(me().id) : '';
      },
    });
    await waitUntil(() => refusals.length === 1, 'the host was not told');
    ready = true;
    await waitUntil(() => live(el), 'the room never retried', { timeout: 5000 });
    expect(calls).to.be.greaterThan(1);
    expect(refusals).to.have.length(1);
  });

  it('counts refusals in a row and tells the host when a token has expired', async () => {
    const stale = await mock.tokenFor(me().id);
    mock.backend.faults.expireTokens();
    let fresh = false;
    const { el, refusals } = await rendered({
      getAuthToken: async () => (fresh ? mock.tokenFor(me().id) : stale),
    });
    await waitUntil(() => refusals.length === 2, 'no second refusal', { timeout: 5000 });
    expect(refusals.map((event) => [event.reason, event.attempt])).to.deep.equal([
      ['token_expired', 1],
      ['token_expired', 2],
    ]);
    expect(refusals[1]!.retryInMs).to.be.within(1000, 2000);
    fresh = true;
    await waitUntil(() => live(el), 'the room never came back', { timeout: 5000 });
  });

  it('asks the host again when the socket is refused (4001) and no valid token is left', async () => {
    let token = () => mock.tokenFor(me().id);
    const { el, refusals, settled } = await rendered({ prevent: true, getAuthToken: () => token() });
    await waitUntil(() => settled.length > 0, 'never live');
    token = async () => 'not-a-token';
    mock.backend.faults.expireTokens({ closeSockets: true });
    await waitUntil(() => refusals.length === 1, 'the host was not told', { timeout: 8000 });
    expect(refusals[0]!.reason).to.equal('unauthenticated');
    await waitUntil(() => alert(el).includes(notSignedIn), 'no sign-in message');
    // Canceled: the host refreshed its session, and says so with retry().
    token = () => mock.tokenFor(me().id);
    el.retry();
    await waitUntil(() => live(el) && mock.backend.online(mock.scenario!.courseId).length === 1, 'never back');
  });

  it('shows the enrolment message only when the backend refuses enrolment (403), and asks no token again', async () => {
    const elsewhere = loadScenario(mock.backend, 'not-enrolled');
    let calls = 0;
    const { el, refusals } = await rendered({
      courseId: elsewhere.courseId,
      getAuthToken: () => {
        calls += 1;
        return mock.tokenFor(me().id);
      },
    });
    await waitUntil(() => alert(el).includes(notEnrolled), 'no enrolment message');
    const asked = calls;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(calls).to.equal(asked);
    expect(refusals).to.have.length(0);
  });

  it('words the sign-in message as the host says', async () => {
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${mock.scenario!.courseId}
        .strings=${{ failures: { ...defaultStrings.failures, unauthenticated: 'Bitte melde dich an.' } }}
        @course-chat-auth-required=${(event: Event) => event.preventDefault()}
      ></course-chat>`,
    );
    await waitUntil(() => alert(el).includes('Bitte melde dich an.'), 'not reworded');
  });
});

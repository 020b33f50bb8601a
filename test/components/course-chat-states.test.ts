import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { startMockBackend, type MockSession, type ScenarioName } from '../../src/mock/index.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { action, awardDialogOf, helpQueueOf, postAs, rows, rowWith, say, shadow } from './helpers.js';

/** The browser goes offline and online again, by Chromium's own word (CDP). */
const network = (offline: boolean) => executeServerCommand('network-offline', { offline });

const sizes = [
  { name: 'a 375 by 740 phone', width: 375, height: 740 },
  { name: 'a 1280 by 800 desktop', width: 1280, height: 800 },
];

/**
 * WCAG 2.2 AA as axe-core checks it, in every state the page spec names, on a phone and on a
 * desktop: each test brings the room, filling the screen, into one state through the mock backend
 * (its scenarios and faults) and asserts no violations there.
 */
for (const size of sizes) {
  describe(`<course-chat> is accessible in every state, on ${size.name}`, () => {
    let mock: MockSession | undefined;
    before(() => setViewport({ width: size.width, height: size.height }));
    afterEach(async () => {
      await network(false);
      localStorage.clear();
      await mock?.stop();
      mock = undefined;
    });

    async function start(scenario: ScenarioName): Promise<MockSession> {
      mock = await startMockBackend({ scenario, limits: { min_send_interval_ms: 0 } });
      return mock;
    }

    /** The element filling the screen as `userId`'s, with a token source (a refused one, say). */
    async function place(backend: MockSession, token: () => Promise<string>): Promise<CourseChat> {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="position: fixed; inset: 0; display: grid">
          <course-chat
            course-id=${backend.scenario!.courseId}
            back-href="#course"
            earn-href="#earn"
            .getAuthToken=${token}
          ></course-chat>
        </div>`,
      );
      return wrapper.querySelector<CourseChat>('course-chat')!;
    }

    async function room(
      scenario: ScenarioName,
      as: 'me' | 'st' = 'me',
    ): Promise<{ el: CourseChat; mock: MockSession }> {
      const backend = await start(scenario);
      const info = backend.scenario!;
      const userId = as === 'me' ? info.me.id : info.people.find((p) => p.role === 'student_teacher')!.id;
      const el = await place(backend, () => backend.tokenFor(userId));
      await waitUntil(
        () => shadow(el).querySelector('.online, [role="alert"]'),
        'the room never went live or said why not',
      );
      await Promise.all(
        ['course-chat-settings', 'course-chat-help-queue'].map((tag) => customElements.whenDefined(tag)),
      );
      return { el, mock: backend };
    }

    const text = (el: CourseChat) => shadow(el).textContent ?? '';

    async function openAward(el: CourseChat, backend: MockSession): Promise<ShadowRoot> {
      // "This Helped!" is on others' answers: a reply to my question.
      const { me, other } = backend.scenario!;
      const question = postAs(backend, me.id, 'How do I find the rank?', { is_question: true });
      postAs(backend, other.id, 'Use the rank-nullity theorem.', { reply_to_id: question.id });
      await waitUntil(() => rowWith(el, 'Use the rank-nullity theorem.'));
      action(rowWith(el, 'Use the rank-nullity theorem.')!, 'award')!.click();
      const dialog = shadow(await awardDialogOf(el));
      await waitUntil(() => dialog.querySelector('dialog')!.open);
      return dialog;
    }

    /** Opens the header panel `tag` (search, the settings) with its button; gives its shadow root. */
    async function openPanel(el: CourseChat, tag: string): Promise<ShadowRoot> {
      const panel = shadow(el).querySelector(tag)!;
      await waitUntil(() => panel.shadowRoot?.querySelector('.toggle'), `no ${tag} in the header`);
      panel.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!.click();
      return panel.shadowRoot!;
    }

    it('loading', async () => {
      const backend = await start('quiet-room');
      backend.backend.faults.delay(2000, 'room');
      const el = await place(backend, () => backend.tokenFor(backend.scenario!.me.id));
      await waitUntil(() => shadow(el).querySelector('.loading'));
      await expect(el).to.be.accessible();
    });

    it('active: a busy room, connected', async () => {
      const { el } = await room('busy-room');
      await waitUntil(() => rows(el).length > 10);
      await expect(el).to.be.accessible();
    });

    it('quiet: an empty room', async () => {
      const { el } = await room('quiet-room');
      expect(text(el)).to.include('Start the conversation');
      await expect(el).to.be.accessible();
    });

    it('question pending', async () => {
      const { el } = await room('quiet-room');
      await say(el, 'What is a pivot column?', { question: true });
      await waitUntil(() => shadow(el).querySelector('.question-pending'));
      await expect(el).to.be.accessible();
    });

    it('helping: a student-teacher available to help', async () => {
      const { el, mock: backend } = await room('quiet-room', 'st');
      const queue = helpQueueOf(el);
      await waitUntil(() => shadow(queue).querySelector('input[type="checkbox"]'));
      // The switch needs the socket: it is up once the backend counts the ST online.
      await waitUntil(() => backend.backend.online(backend.scenario!.courseId).length === 1, 'never online');
      shadow(queue).querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
      await waitUntil(() => shadow(el).querySelector('.helping'), 'never helping');
      await expect(el).to.be.accessible();
    });

    it('low balance', async () => {
      const { el } = await room('low-balance');
      await waitUntil(() => shadow(el).querySelector('course-chat-low-balance')?.shadowRoot?.querySelector('p'));
      await expect(el).to.be.accessible();
    });

    it('award dialog open', async () => {
      const { el, mock: backend } = await room('quiet-room');
      await openAward(el, backend);
      await expect(el).to.be.accessible();
    });

    it('award failed, with Try again', async () => {
      const { el, mock: backend } = await room('quiet-room');
      backend.backend.faults.failNext('award', 500);
      const dialog = await openAward(el, backend);
      dialog.querySelector<HTMLButtonElement>('.confirm')!.click();
      await waitUntil(() => text(el).includes('Unable to award points. Try again.'), 'the award did not fail');
      await expect(el).to.be.accessible();
    });

    it('reconnecting', async () => {
      const { el, mock: backend } = await room('quiet-room');
      backend.backend.faults.refuseSockets(1011);
      backend.backend.faults.dropSockets();
      await waitUntil(() => text(el).includes('Reconnecting...'), 'never reconnecting');
      await expect(el).to.be.accessible();
    });

    it('offline, with a message not sent', async () => {
      const { el } = await room('quiet-room');
      await network(true);
      await waitUntil(() => text(el).includes('You are offline'), 'never offline');
      await say(el, 'Anyone here?').catch(() => undefined);
      await waitUntil(() => rowWith(el, 'Anyone here?')?.message?.delivery === 'failed', 'the send did not fail');
      await expect(el).to.be.accessible();
    });

    it('send failed', async () => {
      const { el, mock: backend } = await room('quiet-room');
      backend.backend.faults.failNext('messages', 500, { method: 'POST', times: 10 });
      await say(el, 'Will this arrive?').catch(() => undefined);
      await waitUntil(() => rowWith(el, 'Will this arrive?')?.message?.delivery === 'failed', 'the send did not fail');
      await expect(el).to.be.accessible();
    });

    it('not signed in', async () => {
      const backend = await start('quiet-room');
      const el = await place(backend, async () => 'not-a-token');
      await waitUntil(() => text(el).includes('You are not signed in.'), 'the sign-in was not refused');
      await expect(el).to.be.accessible();
    });

    it('not enrolled', async () => {
      const { el } = await room('not-enrolled');
      await waitUntil(() => text(el).includes('You must be enrolled to access this chat.'));
      await expect(el).to.be.accessible();
    });

    it('feature off', async () => {
      const { el } = await room('feature-disabled');
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'));
      await expect(el).to.be.accessible();
    });

    it('search open, with results', async () => {
      const { el } = await room('busy-room');
      const search = await openPanel(el, 'course-chat-search');
      await waitUntil(() => search.activeElement?.localName === 'input', 'the field did not take focus');
      await sendKeys({ type: 'matrix' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => search.querySelector('.results'), 'no results');
      await expect(el).to.be.accessible();
    });

    it('settings open', async () => {
      const { el } = await room('quiet-room');
      const settings = await openPanel(el, 'course-chat-settings');
      await waitUntil(() => !settings.querySelector<HTMLElement>('.panel')!.hidden, 'the panel stayed shut');
      await expect(el).to.be.accessible();
    });
  });
}

import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatNavigateEvent } from '../../src/components/events.js';
import { startMockBackend, type MockSession, type ScenarioName } from '../../src/mock/index.js';
import { composerOf, openRoom, rowWith, rows, shadow } from './helpers.js';

/** The element as a person uses it, against the mock backend. */
describe('<course-chat>', () => {
  let mock: MockSession;

  afterEach(async () => {
    localStorage.clear();
    await mock?.stop();
  });

  async function room(scenario: ScenarioName): Promise<CourseChat> {
    mock = await startMockBackend({ scenario, limits: { min_send_interval_ms: 0 } });
    return open(mock.scenario!.me.id);
  }

  const open = (userId: string) => openRoom(mock, userId);

  const text = (el: CourseChat) => shadow(el).textContent ?? '';
  const messages = (el: CourseChat) => rows(el).map((m) => shadow(m).querySelector('.content')?.textContent ?? '');
  const composer = composerOf;
  const textarea = (el: CourseChat) => shadow(composer(el)).querySelector('textarea')!;

  async function type(el: CourseChat, keys: string) {
    textarea(el).focus();
    await sendKeys({ type: keys });
  }

  it('is accessible and shows the busy room: title, who is online, messages and ST badges', async () => {
    const el = await room('busy-room');
    await waitUntil(() => messages(el).length > 0);
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('h2')!.textContent).to.equal(`${mock.scenario!.title} Chat`);
    await waitUntil(() => /\d+ online/.test(text(el)));
    const badges = rows(el).filter((m) => shadow(m).querySelector('.badge'));
    expect(badges.length).to.be.greaterThan(0);
    expect(shadow(el).querySelector('[role="log"]')).to.exist;
  });

  it('invites the first message in a quiet room', async () => {
    const el = await room('quiet-room');
    await expect(el).to.be.accessible();
    expect(text(el)).to.include('Start the conversation');
  });

  it('sends with Enter and the message arrives in a second participant’s element', async () => {
    const el = await room('quiet-room');
    const second = await open(mock.scenario!.other.id);
    await type(el, 'Hello from the keyboard');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages(second).includes('Hello from the keyboard'), 'never arrived');
    expect(messages(el)).to.deep.equal(['Hello from the keyboard']);
    expect(textarea(el).value).to.equal('');
  });

  it('starts a new line with Shift+Enter instead of sending', async () => {
    const el = await room('quiet-room');
    await type(el, 'line one');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(textarea(el).value).to.equal('line one\nline two');
    expect(mock.backend.messages(mock.scenario!.courseId)).to.have.length(0);
  });

  it('sends a question with the Ask Question toggle and highlights it', async () => {
    const el = await room('quiet-room');
    const toggle = composer(el).shadowRoot!.querySelector<HTMLButtonElement>('.ask')!;
    toggle.click();
    await composer(el).updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await type(el, 'What is a vector space?');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => mock.backend.messages(mock.scenario!.courseId).length === 1);
    expect(mock.backend.messages(mock.scenario!.courseId)[0]?.is_question).to.be.true;
    await waitUntil(() => shadow(el).querySelector('.thread.question'));
  });

  it('renders markup typed into a message as text', async () => {
    const el = await room('quiet-room');
    const hostile = '<img src=x onerror="window.hacked=1"><b>bold</b>';
    await type(el, hostile);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages(el).includes(hostile));
    const row = shadow(rows(el)[0]!);
    expect(row.querySelector('.content img, .content b')).to.be.null;
    expect((window as { hacked?: number }).hacked).to.be.undefined;
  });

  it('counts characters against the limit and refuses to send over it', async () => {
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { max_message_length: 10 } });
    const el = await open(mock.scenario!.me.id);
    await waitUntil(() => composer(el).maxLength === 10);
    await type(el, 'twelve chars');
    await composer(el).updateComplete;
    const count = composer(el).shadowRoot!.querySelector('.count')!;
    expect(count.textContent).to.equal('12 / 10');
    expect(count.classList.contains('over')).to.be.true;
    expect(composer(el).shadowRoot!.querySelector<HTMLButtonElement>('.send')!.disabled).to.be.true;
    await sendKeys({ press: 'Enter' });
    expect(mock.backend.messages(mock.scenario!.courseId)).to.have.length(0);
  });

  it('tells a student who is not enrolled, and offers no Retry', async () => {
    const el = await room('not-enrolled');
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.include(
      'You must be enrolled to access this chat.',
    );
    expect(shadow(el).querySelector('[role="alert"] button')).to.be.null;
  });

  it('says so when course chat is switched off for the user', async () => {
    const el = await room('feature-disabled');
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.include('not available');
  });

  it('shows Reconnecting... with a Retry button while the connection is down', async () => {
    const el = await room('quiet-room');
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).length === 1);
    mock.backend.faults.refuseSockets(1013);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => text(el).includes('Reconnecting...'));
    await expect(el).to.be.accessible();
    mock.backend.faults.refuseSockets(null);
    shadow(el).querySelector<HTMLButtonElement>('.banner button')!.click();
    await waitUntil(() => !text(el).includes('Reconnecting...'), 'stayed reconnecting', { timeout: 8000 });
  });

  it('offers Retry on a message that failed to send, and sends it once', async () => {
    const el = await room('quiet-room');
    mock.backend.faults.failNext('messages', 500, { method: 'POST' });
    await type(el, 'flaky wifi');
    await sendKeys({ press: 'Enter' });
    const row = () => shadow(rows(el)[0]!);
    await waitUntil(() => row().textContent?.includes('Message not sent.'), `shows: ${row().textContent}`);
    row().querySelector<HTMLButtonElement>('.failed button')!.click();
    await waitUntil(() => rowWith(el, 'flaky wifi')?.message?.delivery === 'sent', 'never sent');
    expect(row().textContent).not.to.include('Message not sent.');
    // The retry carries the same client_id: the backend holds the message once, and so does the stream.
    expect(mock.backend.messages(mock.scenario!.courseId).map((m) => m.content)).to.deep.equal(['flaky wifi']);
    expect(rows(el).map((m) => m.message?.content)).to.deep.equal(['flaky wifi']);
  });

  it('closes its socket when removed', async () => {
    const el = await room('quiet-room');
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).some((u) => u.id === mock.scenario!.me.id));
    el.remove();
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).length === 0, 'socket left open');
  });

  it('switches rooms cleanly when course-id changes', async () => {
    const el = await room('busy-room');
    mock.backend.applyFixtures({
      course: { id: 'second-course', title: 'Calculus II' },
      users: [{ id: mock.scenario!.me.id, name: mock.scenario!.me.name, role: 'student', balance: 10 }],
    });
    el.courseId = 'second-course';
    await waitUntil(() => text(el).includes('Calculus II Chat'));
    await waitUntil(() => text(el).includes('Start the conversation'));
    await waitUntil(() => mock.backend.online(mock.scenario!.courseId).every((u) => u.id !== mock.scenario!.me.id));
  });

  it('fires a cancelable course-chat-navigate for Back to Course', async () => {
    const el = await room('quiet-room');
    const link = shadow(el).querySelector<HTMLAnchorElement>('.back')!;
    setTimeout(() => link.click());
    const event = (await oneEvent(el, 'course-chat-navigate')) as unknown as CourseChatNavigateEvent;
    expect(event.destination).to.equal('course');
    expect(event.href).to.equal('#course');
    expect(event.cancelable).to.be.true;
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatNotificationEvent } from '../../src/components/events.js';
import { defaultLimits, messageResponse, paths, type SendMessageBody } from '../../src/protocol/index.js';
import { Course, messageBody, pause, Wire, type Person } from '../conformance/wire.js';
import { action, awardDialogOf, helpQueueOf, highlightedRow, logOf, rowWith, say, shadow } from './helpers.js';

/**
 * The element end to end against the reference Worker (wrangler dev, local Durable Objects and
 * D1): what one person does in their room reaches the other's through the real backend.
 */
describe('<course-chat> on the Cloudflare Worker', function () {
  this.timeout(30_000);
  let wire: Wire;
  let course: Course;

  before(async () => {
    wire = new Wire(await executeServerCommand<string, undefined>('worker-api-base'));
  });

  beforeEach(async () => {
    course = await Course.create(wire, { students: 1, sts: 1, balance: [30, 50] });
  });

  afterEach(async () => {
    localStorage.clear();
    await course.dispose();
  });

  async function open(person: Person, room: Course = course): Promise<CourseChat> {
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${room.id}
        api-base=${wire.apiBase}
        .getAuthToken=${() => Promise.resolve(person.token)}
      ></course-chat>`,
    );
    await waitUntil(() => shadow(el).textContent?.includes('online'), 'the room never went live');
    return el;
  }

  const points = (el: Element) => shadow(el).querySelector('.points-to-give')!.textContent;

  it('carries a question, its answer and an award between two people live', async () => {
    const [ana] = course.students;
    const [chen] = course.sts;
    const asker = await open(ana!);
    const helper = await open(chen!);
    await expect(asker).to.be.accessible();
    await waitUntil(() => shadow(asker).textContent?.includes('2 online'), 'presence never reached Ana');

    await say(asker, 'How do I compute a determinant by cofactors?', { question: true });
    await waitUntil(
      () => rowWith(helper, 'How do I compute a determinant by cofactors?'),
      'the question never arrived',
    );
    const queue = helpQueueOf(helper);
    await waitUntil(() => shadow(queue).textContent?.includes('How do I compute a determinant by cofactors?'));

    // An answer is a reply to the question: This Helped! shows on it.
    action(rowWith(helper, 'How do I compute a determinant by cofactors?')!, 'reply')!.click();
    await say(helper, 'Expand along a row, alternating signs.');
    await waitUntil(() => rowWith(asker, 'Expand along a row, alternating signs.'), 'the answer never arrived');
    await waitUntil(
      () => action(rowWith(asker, 'Expand along a row, alternating signs.')!, 'award'),
      'no This Helped!',
    );
    expect(points(asker)).to.equal('30 points to give');
    action(rowWith(asker, 'Expand along a row, alternating signs.')!, 'award')!.click();
    const dialog = await awardDialogOf(asker);
    await waitUntil(() => shadow(dialog).querySelector('dialog')!.open);
    shadow(dialog).querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => points(asker) === '25 points to give', 'the giver was not debited');
    await waitUntil(() => points(helper) === '55 points to give', 'the helper was not credited');
    const helped = rowWith(helper, 'Expand along a row, alternating signs.')!;
    await waitUntil(() => shadow(helped).textContent?.includes('+5 goodwill points'), 'points never shown');
    expect((await course.room(ana!)).balance).to.equal(25);
  });

  it('marks a mention, tells the host, and keeps the room muted on the Worker', async () => {
    const [ana] = course.students;
    const [chen] = course.sts;
    const notified: CourseChatNotificationEvent[] = [];
    const reader = await open(chen!);
    reader.addEventListener('course-chat-notification', (event) => notified.push(event));
    // Only what arrives live draws attention: wait for the socket (its presence) before writing.
    await waitUntil(() => shadow(reader).textContent?.includes('1 online'), 'the socket never opened');
    const mention = (content: string) =>
      wire.call('POST', paths.messages(course.id), {
        token: ana!.token,
        body: { client_id: crypto.randomUUID(), content, is_question: false, mentions: [chen!.id] },
      });
    await mention(`Thanks @${chen!.name}`);
    await waitUntil(() => rowWith(reader, `Thanks @${chen!.name}`)?.hasAttribute('mentions-me'), 'not marked');
    await waitUntil(() => notified.length === 1, 'the host was not told', { timeout: 3000 });
    expect(notified[0]).to.include({ kind: 'mention', courseId: course.id });

    const settings = shadow(reader).querySelector('course-chat-settings')!;
    shadow(settings).querySelector<HTMLButtonElement>('.toggle')!.click();
    await settings.updateComplete;
    shadow(settings).querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await waitUntil(async () => (await course.room(chen!)).settings.muted, 'the Worker did not keep the mute');
    await pause(1100);
    await mention(`Again @${chen!.name}`);
    await waitUntil(() => rowWith(reader, `Again @${chen!.name}`), 'the second mention never arrived');
    await pause(100);
    expect(notified).to.have.length(1);
  });

  it('finds an old answered question from the header, and jumps to it through older pages', async () => {
    // One filler message per student and round: the Worker rate-limits each author, not the room.
    const pageSize = defaultLimits.history_page_size;
    const room = await Course.create(wire, { students: pageSize / 2, sts: 1 });
    try {
      const [ana, ben] = room.students;
      const [chen] = room.sts;
      const send = async (person: Person, content: string, extra: Partial<SendMessageBody> = {}) => {
        const reply = await wire.post(room, person, messageBody(content, extra));
        expect(reply.status, JSON.stringify(reply.json)).to.equal(201);
        return messageResponse.parse(reply.json).message;
      };
      const question = await send(ana!, 'How do I compute an eigendecomposition by hand?', { is_question: true });
      const answer = await send(chen!, 'Find the eigenvalues first, then each eigenvector.', {
        reply_to_id: question.id,
      });
      const socket = await room.connect(ana!);
      socket.send({ type: 'mark_helpful', message_id: answer.id });
      await socket.next('message_updated', (f) => f.data.id === question.id && f.data.question_status === 'answered');
      await socket.close();
      for (let round = 0; round < 2; round += 1) {
        await pause(defaultLimits.min_send_interval_ms + 100);
        await Promise.all(room.students.map((person, i) => send(person, `Filler message ${round}.${i}`)));
      }
      await send(chen!, 'Is eigendecomposition on the exam?');
      expect((await room.room(ben!)).limits.history_page_size, 'the room pages as the fillers assume').to.equal(
        pageSize,
      );

      const el = await open(ben!, room);
      await expect(el).to.be.accessible();
      await waitUntil(() => rowWith(el, 'Is eigendecomposition on the exam?'), 'the first page never showed');
      expect(rowWith(el, question.content), 'the question is older than the first page').to.equal(undefined);
      const search = shadow(el).querySelector('course-chat-search')!;
      await waitUntil(() => search.shadowRoot?.querySelector('.toggle'), 'no search in the header');
      search.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!.click();
      await waitUntil(() => search.shadowRoot!.activeElement?.localName === 'input', 'the field did not take focus');
      await sendKeys({ type: 'eigendecomp' });
      await sendKeys({ press: 'Enter' });
      const status = () => search.shadowRoot!.querySelector('[role="status"]')!.textContent!;
      await waitUntil(() => status().includes('for “'), 'the search never answered');
      expect(status()).to.equal('2 results for “eigendecomp”');
      const results = [...search.shadowRoot!.querySelectorAll<HTMLButtonElement>('.result')];
      expect(results).to.have.length(2);
      expect(results[0]!.textContent).to.include('How do I compute an eigendecomposition by hand?');
      expect(results[0]!.querySelector('.answered')!.textContent).to.equal('Answered question');
      expect(results[0]!.querySelector('mark')!.textContent).to.equal('eigendecomposition');
      await expect(el).to.be.accessible();

      results[0]!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => highlightedRow(el)?.message?.id === question.id, 'never jumped to the question');
      const row = highlightedRow(el)!.getBoundingClientRect();
      const log = logOf(el)!.getBoundingClientRect();
      expect(row.bottom > log.top && row.top < log.bottom, 'the question is scrolled into view').to.equal(true);
    } finally {
      await room.dispose();
    }
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatNotificationEvent } from '../../src/components/events.js';
import { paths } from '../../src/protocol/index.js';
import { Course, pause, Wire, type Person } from '../conformance/wire.js';
import { action, awardDialogOf, helpQueueOf, rowWith, say, shadow } from './helpers.js';

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

  async function open(person: Person): Promise<CourseChat> {
    const el = await fixture<CourseChat>(
      html`<course-chat
        course-id=${course.id}
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

    await say(helper, 'Expand along a row, alternating signs.');
    await waitUntil(() => rowWith(asker, 'Expand along a row, alternating signs.'), 'the answer never arrived');
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
});

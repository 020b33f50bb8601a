import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import { composerOf, helpQueueOf, openRoom, rows, rowWith, shadow, useMockBackend } from './helpers.js';

const spam = 'Selling every problem set answer for this course, DM me for prices!!!';
const offTopic = 'Anyone watching the match tonight? Way more fun than eigenvalues.';

/** The Reported queue of a course's moderators, in the help-queue panel, and their decisions. */
describe('<course-chat-reported>', () => {
  // The scenario: the signed-in user moderates; three students reported one message (hidden), one another.
  const running = useMockBackend({ scenario: 'moderation' });

  async function reportedOf(el: CourseChat) {
    await waitUntil(() => shadow(helpQueueOf(el)).querySelector('course-chat-reported'), 'no Reported queue');
    const queue = shadow(helpQueueOf(el)).querySelector('course-chat-reported')!;
    await customElements.whenDefined('course-chat-reported');
    await waitUntil(() => shadow(queue).querySelector('li'), 'the Reported queue stayed empty');
    return queue;
  }
  const items = (queue: Element) =>
    [...shadow(queue).querySelectorAll('li')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const itemWith = (queue: Element, text: string) =>
    [...shadow(queue).querySelectorAll('li')].find((item) => item.textContent?.includes(text));
  const decide = (queue: Element, text: string, decision: string) =>
    itemWith(queue, text)!.querySelector<HTMLButtonElement>(`[data-decision="${decision}"]`)!.click();
  /** Who wrote the reported messages: neither the moderator nor the student beside them. */
  const author = () => {
    const { people, other } = running().scenario!;
    return people.find((p) => p.role === 'student' && p.id !== other.id)!;
  };

  it('is accessible, and lists each reported message with its reasons, its count and whether it is hidden', async () => {
    const mock = running();
    const moderator = await openRoom(mock, mock.scenario!.me.id);
    const queue = await reportedOf(moderator);
    await expect(helpQueueOf(moderator)).to.be.accessible();
    expect(shadow(queue).querySelector('h3')!.textContent?.trim()).to.equal('Reported (2)');
    expect(items(queue)).to.have.length(2);
    expect(itemWith(queue, spam)!.textContent?.replace(/\s+/g, ' ')).to.include(
      '3 reports: Spam · Hidden pending review',
    );
    expect(itemWith(queue, offTopic)!.textContent?.replace(/\s+/g, ' ')).to.include('1 report: Off-topic');
    expect(itemWith(queue, offTopic)!.textContent).not.to.include('Hidden pending review');
  });

  it('is not there for a student', async () => {
    const mock = running();
    const student = await openRoom(mock, mock.scenario!.other.id);
    expect(shadow(helpQueueOf(student)).querySelector('course-chat-reported')).to.be.null;
  });

  it('hides a message for everyone and restores it in its place', async () => {
    const mock = running();
    const moderator = await openRoom(mock, mock.scenario!.me.id);
    const student = await openRoom(mock, mock.scenario!.other.id);
    const queue = await reportedOf(moderator);
    expect(rowWith(student, spam), 'hidden by three reports').to.be.undefined;
    await waitUntil(() => rowWith(student, offTopic));

    decide(queue, offTopic, 'hide');
    await waitUntil(() => !rowWith(student, offTopic), 'the student still sees the hidden message');
    await waitUntil(() => itemWith(queue, offTopic)?.querySelector('[data-decision="restore"]'));

    decide(queue, spam, 'restore');
    await waitUntil(() => rowWith(student, spam), 'the restored message never came back');
    // Threads keep their replies under them: the threads themselves go by seq.
    const seqs = rows(student)
      .filter((row) => row.message?.reply_to_id === null)
      .map((row) => row.message!.seq);
    expect(seqs, 'in its place by seq').to.deep.equal([...seqs].sort((a, b) => a - b));
    await waitUntil(() => !itemWith(queue, spam), 'a restored message leaves the queue (its reports are closed)');
  });

  it('dismisses the reports, leaving the message as it is', async () => {
    const mock = running();
    const moderator = await openRoom(mock, mock.scenario!.me.id);
    const student = await openRoom(mock, mock.scenario!.other.id);
    const queue = await reportedOf(moderator);
    decide(queue, offTopic, 'dismiss');
    await waitUntil(() => !itemWith(queue, offTopic), 'the dismissed reports stayed');
    expect(rowWith(student, offTopic)).to.exist;
  });

  it('mutes the author for the chosen time: their composer says until when', async () => {
    const mock = running();
    const moderator = await openRoom(mock, mock.scenario!.me.id);
    const spammer = await openRoom(mock, author().id);
    const queue = await reportedOf(moderator);
    const item = itemWith(queue, offTopic)!;
    const select = item.querySelector('select')!;
    expect([...select.options].map((option) => option.textContent?.trim())).to.deep.equal([
      '1 hour',
      '1 day',
      '1 week',
    ]);
    select.value = '24';
    decide(queue, offTopic, 'mute');
    await waitUntil(
      () => shadow(composerOf(spammer)).textContent?.includes('A moderator muted you in this course until'),
      'the author’s composer never said muted',
    );
    const mutes = mock.backend.moderation.decisions().filter((decision) => decision.action === 'mute');
    expect(
      mutes.map(({ actor, user_id, reason }) => ({ actor, user_id, reason })),
      'audited: who, whom, why',
    ).to.deep.equal([{ actor: mock.scenario!.me.id, user_id: author().id, reason: 'off_topic' }]);
    const hours = (Date.parse(mutes[0]?.until ?? '') - Date.now()) / 3_600_000;
    expect(hours).to.be.within(23.9, 24);
  });
});

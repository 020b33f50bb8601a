import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { atom, computed } from 'nanostores';
import '../../src/define.js';
import { liveRoom } from '../../src/components/lazy.js';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChatStream, StreamStore } from '../../src/components/course-chat-stream.js';
import { defaultStrings } from '../../src/components/strings.js';
import type { ChatMessage } from '../../src/protocol/index.js';
import { groupThreads, type StreamMessage } from '../../src/state/index.js';
import { messagesFrom, roomOf, storedMessage } from '../state/fake-client.js';

/**
 * `<course-chat-stream>` on its own, over a store made of atoms: what the stream shows and asks of
 * the room, without a backend or a whole `<course-chat>`.
 */
describe('<course-chat-stream>', () => {
  const sent = (message: ChatMessage): StreamMessage => ({ ...message, delivery: 'sent' });
  const $messages = atom<readonly StreamMessage[]>([]);
  const $hasOlder = atom(false);
  const $loadingOlder = atom(false);
  const $olderFailed = atom(false);
  const $firstUnreadId = atom<string | null>(null);
  let asked: string[];
  let store: StreamStore;

  // The stream and its rows arrive with the live room, after the first paint.
  before(() => liveRoom.load());

  beforeEach(() => {
    $messages.set(messagesFrom(1, 5).map(sent));
    $hasOlder.set(false);
    $loadingOlder.set(false);
    $olderFailed.set(false);
    $firstUnreadId.set(null);
    asked = [];
    store = {
      $messages,
      $threads: computed($messages, groupThreads),
      $hasOlder,
      $loadingOlder,
      $olderFailed,
      $room: atom(roomOf()),
      $awarded: atom({}),
      $people: atom(new Map()),
      $firstUnreadId,
      loadOlder: async () => void asked.push('older'),
      loadUntil: async (id) => {
        asked.push(`until ${id}`);
        return $messages.get().some((m) => m.id === id);
      },
      loadFirstUnread: async () => {
        asked.push('first unread');
        return $firstUnreadId.get();
      },
    };
  });

  async function stream(): Promise<CourseChatStream> {
    // The stream lays out inside a column of fixed height, as the room's panel gives it.
    const panel = await fixture<HTMLElement>(
      html`<div style="display: flex; flex-direction: column; height: 300px; position: relative">
        <course-chat-stream .store=${store} .strings=${defaultStrings}></course-chat-stream>
      </div>`,
    );
    const el = panel.querySelector('course-chat-stream')!;
    await el.updateComplete;
    return el;
  }

  const contents = (el: CourseChatStream) =>
    [...el.querySelectorAll('course-chat-message')].map((row) => row.message?.content);

  it('is accessible, and shows each message as a row of the log, in order', async () => {
    const el = await stream();
    await expect(el).to.be.accessible();
    expect(el.querySelector('[role="log"]')!.getAttribute('aria-label')).to.equal(defaultStrings.log);
    expect(contents(el)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('invites the first message when there is none', async () => {
    $messages.set([]);
    const el = await stream();
    expect(el.querySelector('[role="log"]')).to.be.null;
    expect(el.textContent).to.include(defaultStrings.empty);
  });

  it('groups answers under their question', async () => {
    const question = sent(storedMessage({ id: 'q', seq: 6, is_question: true, question_status: 'open' }));
    const answer = sent(storedMessage({ id: 'a', seq: 7, reply_to_id: 'q', content: 'the answer' }));
    $messages.set([...$messages.get(), question, answer]);
    const el = await stream();
    const thread = el.querySelector('.thread.question')!;
    expect(thread.querySelector<CourseChatMessage>('.replies course-chat-message')!.message!.content).to.equal(
      'the answer',
    );
  });

  it('loads older messages on request, says while it does, and offers it again after a failure', async () => {
    $hasOlder.set(true);
    const el = await stream();
    const older = () => el.querySelector<HTMLButtonElement>('.older')!;
    older().click();
    expect(asked).to.deep.equal(['older']);
    $loadingOlder.set(true);
    await el.updateComplete;
    expect(older().disabled).to.be.true;
    expect(older().textContent!.trim()).to.equal(defaultStrings.loadingOlder);
    $loadingOlder.set(false);
    $olderFailed.set(true);
    await el.updateComplete;
    expect(older().disabled).to.be.false;
    expect(older().textContent!.trim()).to.equal(`${defaultStrings.olderFailed} ${defaultStrings.retry}`);
  });

  it('marks where unread messages begin, and goes up to them once asked', async () => {
    $firstUnreadId.set('m3');
    const el = await stream();
    const divider = el.querySelector('.unread-divider')!;
    expect(divider.parentElement!.querySelector('course-chat-message')!.message!.id).to.equal('m3');
    el.querySelector<HTMLButtonElement>('.first-unread')!.click();
    await waitUntil(() => !el.querySelector('.first-unread'), 'the way up stayed');
    expect(asked).to.deep.equal(['first unread', 'until m3']);
    // The divider stays where it was: going there did not read anything.
    expect(el.querySelector('.unread-divider')).to.equal(divider);
  });

  it('outlines a message it was asked to show, and shows nothing it could not load', async () => {
    const el = await stream();
    await el.jumpTo('m2', true);
    expect(el.querySelector<CourseChatMessage>('.thread.highlighted course-chat-message')!.message!.id).to.equal('m2');
    await el.jumpTo('gone', false);
    expect(asked).to.deep.equal(['until m2', 'until gone']);
    expect(el.querySelectorAll('.thread.highlighted')).to.have.length(1);
  });
});

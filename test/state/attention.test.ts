import { expect, waitUntil } from '@open-wc/testing';
import type { MockSession } from '../../src/mock/index.js';
import type { ChatNotification, ChatStore } from '../../src/state/index.js';
import { postAs, useLiveStores } from './helpers.js';

/** The room's claims on attention: unread counts and the read marker, settings, notifications. */
describe('chat store: unread, room settings and notifications', () => {
  const room = useLiveStores({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => (mock = room.mock()));

  const courseId = () => mock.scenario!.courseId;
  const me = () => mock.scenario!.me.id;
  const other = () => mock.scenario!.other.id;

  const live = (userId: string, notifications: ChatNotification[] = []): Promise<ChatStore> =>
    room.live(userId, { onNotification: (notification) => notifications.push(notification) });

  /** Someone writes straight through the backend, as from another device. */
  const post = (userId: string, content: string, extra: { mentions?: string[]; reply_to_id?: string } = {}) =>
    postAs(mock, userId, content, extra);

  /** The read marker and settings as the backend keeps them. */
  async function kept(userId: string) {
    const room = await mock.backend.room(userId, courseId());
    if (!room.ok) throw new Error(room.error.message);
    return room.value;
  }

  it('counts what arrived since the last visit, mentions apart, and keeps the divider there', async () => {
    const mine = post(me(), 'I was here before');
    mock.backend.markRead(me(), courseId(), mine.seq);
    const first = post(other(), 'Did you see the new problem set?');
    const last = post(other(), 'Ping @Ana', { mentions: [me()] });
    const store = await live(me());
    expect(store.$unread.get()).to.deep.equal({ count: 2, mentions: 1 });
    expect(store.$readSeq.get()).to.equal(mine.seq);
    expect(store.$firstUnreadId.get()).to.equal(first.id);

    store.markAllRead();
    expect(store.$unread.get().count).to.equal(0);
    await waitUntil(async () => (await kept(me())).read_seq === last.seq, 'the read marker was not saved', {
      timeout: 3000,
    });
    // The divider stays where the unread messages began until the user writes.
    expect(store.$firstUnreadId.get()).to.equal(first.id);
    store.send('Back now');
    expect(store.$firstUnreadId.get()).to.be.null;
  });

  it('shows no divider on a first visit, when everything is new', async () => {
    post(other(), 'Welcome to the course room');
    const store = await live(me());
    expect(store.$unread.get().count).to.equal(1);
    expect(store.$firstUnreadId.get()).to.be.null;
  });

  it('counts unread messages beyond the loaded page with the backend’s figure', async () => {
    const pageSize = mock.backend.limits.history_page_size;
    const mine = mock.backend.at(Date.now() - 3 * 3600_000, () => post(me(), 'Before the rush'));
    mock.backend.markRead(me(), courseId(), mine.seq);
    // One message per minute of backend time keeps every send clear of the rate limit.
    for (let i = 0; i < pageSize + 20; i++)
      mock.backend.at(Date.now() - (pageSize + 20 - i) * 60_000, () => post(other(), `message ${i}`));
    const store = await live(me());
    expect(store.$messages.get()).to.have.length(pageSize);
    expect(store.$unread.get().count).to.equal(pageSize + 20);
    post(other(), 'one more, live');
    await waitUntil(() => store.$unread.get().count === pageSize + 21, 'the live message was not counted');
    const firstId = await store.loadFirstUnread();
    expect(store.$messages.get().find((m) => m.id === firstId)?.content).to.equal('message 0');
    expect(store.$unread.get().count, 'all loaded now, counted here').to.equal(pageSize + 21);
  });

  it('raises a notification for a mention, an answer to my question and points for me', async () => {
    const notifications: ChatNotification[] = [];
    const asker = await live(me(), notifications);
    const helper = await live(other());
    asker.send('Which rows do I swap?', { isQuestion: true });
    await waitUntil(() => helper.$pendingQuestions.get().length === 1);
    const question = helper.$pendingQuestions.get()[0]!;
    post(other(), 'Swap row 1 and 2', { reply_to_id: question.id });
    post(other(), 'Also @Ana see slide 4', { mentions: [me()] });
    post(other(), 'Not about you');
    await waitUntil(() => notifications.length === 2, 'no notifications');
    expect(notifications.map((n) => [n.kind, n.text, n.from.id])).to.deep.equal([
      ['answer', 'Swap row 1 and 2', other()],
      ['mention', 'Also @Ana see slide 4', other()],
    ]);
    const answer = helper.$messages.get().find((m) => m.content === 'Also @Ana see slide 4');
    await waitUntil(() => asker.$messages.get().some((m) => m.id === answer?.id));
    const mine = asker.$messages.get().find((m) => m.content === 'Which rows do I swap?')!;
    expect(await helper.award(mine.id, 3)).to.be.true;
    await waitUntil(() => notifications.length === 3, 'no notification for points');
    expect(notifications[2]).to.deep.include({
      kind: 'points',
      messageId: mine.id,
      text: 'Which rows do I swap?',
      points: 3,
    });
  });

  it('keeps mute per user and course on the backend and stays silent while muted', async () => {
    const notifications: ChatNotification[] = [];
    const store = await live(me(), notifications);
    expect(store.$settings.get()).to.deep.equal({ muted: false, notifications: false });
    await store.updateSettings({ muted: true });
    expect((await kept(me())).settings).to.deep.equal({ muted: true, notifications: false });
    expect((await kept(other())).settings.muted).to.be.false;
    post(other(), 'Hey @Ana', { mentions: [me()] });
    // A message and the notification it may raise are applied together: once it is in, the room
    // has decided.
    await waitUntil(() => store.$messages.get().some((m) => m.content === 'Hey @Ana'));
    expect(notifications).to.deep.equal([]);
    expect(store.$unread.get().mentions).to.equal(1);

    mock.backend.faults.failNext('settings', 500);
    await store.updateSettings({ muted: false });
    expect(store.$settings.get()?.muted, 'rolled back').to.be.true;
    expect(store.$notice.get()?.kind).to.equal('settings_failed');
  });
});

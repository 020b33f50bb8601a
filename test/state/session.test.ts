import { expect, waitUntil } from '@open-wc/testing';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { createChatSession, type ChatStore } from '../../src/state/index.js';
import { goLive, storeFor } from './helpers.js';

describe('chat session', () => {
  let mock: MockSession;
  const stores: ChatStore[] = [];

  beforeEach(async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
  });
  afterEach(async () => {
    stores.splice(0).forEach((store) => store.stop());
    localStorage.clear();
    await mock.stop();
  });

  async function live(userId = mock.scenario!.me.id): Promise<ChatStore> {
    const store = storeFor(mock, userId);
    stores.push(store);
    return goLive(store);
  }

  const storedIds = () => mock.backend.messages(mock.scenario!.courseId).map((m) => m.id);
  const shownIds = (store: ChatStore) => store.$messages.get().map((m) => m.id);

  it('loads the room and goes live', async () => {
    const store = await live();
    expect(store.$room.get()?.me.id).to.equal(mock.scenario!.me.id);
    expect(store.$onlineCount.get()).to.be.greaterThan(0);
  });

  it('shows a sent message at once as pending, then once as sent', async () => {
    const store = await live();
    store.send('  Hello, class  ');
    expect(store.$messages.get().at(-1)).to.include({ delivery: 'pending', content: 'Hello, class' });
    await waitUntil(() => store.$messages.get().at(-1)?.delivery === 'sent');
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('receives other participants’ messages live, in order, without duplicates', async () => {
    const store = await live();
    const other = await live(mock.scenario!.other.id);
    other.send('first');
    await waitUntil(() => store.$messages.get().length === 1);
    other.send('second');
    await waitUntil(() => store.$messages.get().length === 2, 'second message missing', { timeout: 5000 });
    expect(store.$messages.get().map((m) => m.content)).to.deep.equal(['first', 'second']);
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('keeps the objects of unchanged messages when a new one arrives, so their rows do not re-render', async () => {
    const store = await live();
    const other = await live(mock.scenario!.other.id);
    other.send('first');
    await waitUntil(() => store.$messages.get().length === 1);
    const [first] = store.$messages.get();
    other.send('second');
    await waitUntil(() => store.$messages.get().length === 2, 'second message missing', { timeout: 5000 });
    expect(store.$messages.get()[0]).to.equal(first);
  });

  it('marks a failed send and retries it with the same client_id, stored once', async () => {
    const store = await live();
    mock.backend.faults.failNext('messages', 500, { method: 'POST' });
    store.send('try me');
    await waitUntil(() => store.$messages.get().at(-1)?.delivery === 'failed');
    const { client_id } = store.$messages.get().at(-1)!;
    store.retry(client_id);
    await waitUntil(() => store.$messages.get().at(-1)?.delivery === 'sent');
    const stored = mock.backend.messages(mock.scenario!.courseId);
    expect(stored.map((m) => m.client_id)).to.deep.equal([client_id]);
  });

  it('waits out the rate limit instead of losing the second of two quick sends, storing each once', async () => {
    const store = await live();
    store.send('one');
    store.send('two');
    await waitUntil(() => store.$messages.get().filter((m) => m.delivery === 'sent').length === 2, 'lost', {
      timeout: 5000,
    });
    expect(store.$messages.get().map((m) => m.content)).to.deep.equal(['one', 'two']);
    expect(mock.backend.messages(mock.scenario!.courseId).map((m) => m.content)).to.deep.equal(['one', 'two']);
  });

  it('catches up on everything missed while disconnected before going live again', async () => {
    const store = await live();
    mock.backend.faults.refuseSockets(1013);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => store.$status.get() === 'reconnecting');
    const courseId = mock.scenario!.courseId;
    for (const person of mock.scenario!.people.filter((p) => p.id !== mock.scenario!.me.id)) {
      mock.backend.send(person.id, courseId, {
        client_id: crypto.randomUUID(),
        content: `hi from ${person.name}`,
        is_question: false,
      });
    }
    mock.backend.faults.refuseSockets(null);
    await waitUntil(() => store.$status.get() === 'live', 'did not come back', { timeout: 10_000 });
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('resumes after 1,500 missed messages: all of them, once each, in order', async () => {
    await mock.stop();
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
    const store = await live();
    mock.backend.faults.refuseSockets(1013);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => store.$status.get() === 'reconnecting');
    const { courseId, other } = mock.scenario!;
    for (let i = 0; i < 1500; i += 1) {
      mock.backend.send(other.id, courseId, {
        client_id: crypto.randomUUID(),
        content: `missed ${i}`,
        is_question: false,
      });
    }
    mock.backend.faults.refuseSockets(null);
    await waitUntil(() => store.$status.get() === 'live', 'did not come back', { timeout: 15_000 });
    expect(store.$messages.get()).to.have.length(1500);
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('notices a socket that silently stopped delivering, and reconnects', async () => {
    await mock.stop();
    mock = await startMockBackend({ scenario: 'quiet-room', limits: { heartbeat_interval_ms: 1000 } });
    const store = await live();
    const seen: string[] = [];
    store.$status.listen((status) => seen.push(status));
    mock.backend.faults.silence(true);
    await waitUntil(() => seen.includes('reconnecting'), 'silence went unnoticed', { timeout: 5000 });
    mock.backend.faults.silence(false);
    await waitUntil(() => store.$status.get() === 'live', 'did not come back', { timeout: 8000 });
  });

  it('shows offline while the browser is offline and reconnects when it is back', async () => {
    const store = await live();
    window.dispatchEvent(new Event('offline'));
    expect(store.$status.get()).to.equal('offline');
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => store.$status.get() === 'live', 'did not come back', { timeout: 8000 });
  });

  it('ignores duplicated and out-of-order frames: one copy each, in seq order', async () => {
    const store = await live();
    const { courseId, people } = mock.scenario!;
    const sent = [1, 2, 3].map((n) =>
      mock.backend.send(people[n]!.id, courseId, {
        client_id: crypto.randomUUID(),
        content: `n${n}`,
        is_question: false,
      }),
    );
    await waitUntil(() => store.$messages.get().length === 3);
    for (const outcome of [sent[2], sent[0], sent[2], sent[1], sent[0]]) {
      if (outcome?.ok)
        mock.backend.faults.sendRaw(mock.scenario!.me.id, JSON.stringify({ type: 'message', data: outcome.value }));
    }
    // Frames arrive in order: once a later message is in, every copy before it has been applied.
    mock.backend.send(mock.scenario!.me.id, courseId, {
      client_id: crypto.randomUUID(),
      content: 'n4',
      is_question: false,
    });
    await waitUntil(() => store.$messages.get().length >= 4);
    expect(store.$messages.get().map((m) => m.content)).to.deep.equal(['n1', 'n2', 'n3', 'n4']);
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('renews an expired room token by fetching the room again, then reconnects', async () => {
    let roomRequests = 0;
    const store = createChatSession({
      apiBase: '/api',
      courseId: mock.scenario!.courseId,
      getAuthToken: () => mock.tokenFor(mock.scenario!.me.id),
      onAnalytics: (event) => (roomRequests += event.name === 'page_view' ? 1 : 0),
    });
    stores.push(store);
    const fetchedRooms: string[] = [];
    store.$room.listen((room) => fetchedRooms.push(room?.token_expires_at ?? ''));
    await store.start();
    await waitUntil(() => store.$status.get() === 'live');
    mock.backend.faults.expireTokens({ closeSockets: true });
    await waitUntil(() => store.$status.get() !== 'live');
    await waitUntil(() => store.$status.get() === 'live', 'did not come back', { timeout: 8000 });
    // The room was fetched again for a fresh token, without starting the page over.
    expect(fetchedRooms.length).to.be.greaterThan(1);
    expect(roomRequests).to.equal(1);
  });

  it('keeps unsent messages and the draft across a reload, and stores each message once', async () => {
    const first = await live();
    mock.backend.faults.failNext('messages', 500, { method: 'POST' });
    first.send('survive the reload');
    first.setDraft('half a thought');
    await waitUntil(() => first.$messages.get().at(-1)?.delivery === 'failed');
    first.stop();

    const second = await live();
    expect(second.$draft.get()).to.equal('half a thought');
    await waitUntil(() => second.$messages.get().at(-1)?.delivery === 'sent', 'restored message not delivered');
    const stored = mock.backend.messages(mock.scenario!.courseId);
    expect(stored.map((m) => m.content)).to.deep.equal(['survive the reload']);
    expect(shownIds(second)).to.deep.equal(storedIds());
  });

  it('loads older pages until the beginning of the room', async () => {
    const courseId = mock.scenario!.courseId;
    const people = mock.scenario!.people;
    for (const person of people) {
      mock.backend.send(person.id, courseId, {
        client_id: crypto.randomUUID(),
        content: person.name,
        is_question: false,
      });
    }
    const store = storeFor(mock, mock.scenario!.me.id);
    stores.push(store);
    await store.start();
    while (store.$hasOlder.get()) await store.loadOlder();
    expect(shownIds(store)).to.deep.equal(storedIds());
  });

  it('fails as not enrolled when the user is not enrolled', async () => {
    await mock.stop();
    mock = await startMockBackend({ scenario: 'not-enrolled' });
    const store = storeFor(mock, mock.scenario!.me.id);
    stores.push(store);
    await store.start();
    expect(store.$status.get()).to.equal('failed');
    expect(store.$failure.get()?.kind).to.equal('not_enrolled');
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { ApiError } from '../../src/client/index.js';
import type { MockSession } from '../../src/mock/index.js';
import { createChatSession, type AuthRefusal } from '../../src/state/index.js';
import { fakeClient } from './fake-client.js';
import { postAs, useLiveStores } from './helpers.js';

/**
 * One channel per kind of failure: what the backend refused reaches the person with its reason,
 * what failed on the way can be tried again, malformed data reaches the host, and a refused
 * sign-in on any request takes the one sign-in path.
 */
describe('chat session: failures, each on its own channel', () => {
  const room = useLiveStores({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => (mock = room.mock()));

  const me = () => mock.scenario!.me.id;
  const other = () => mock.scenario!.other.id;

  it('tells the person why the backend refused to mark an answer, not the host', async () => {
    const invalid: Error[] = [];
    const question = postAs(mock, other(), 'What is a kernel?', { is_question: true });
    const answer = postAs(mock, me(), 'The vectors sent to zero.', { reply_to_id: question.id });
    const store = await room.live(me(), { onProtocolError: (error) => invalid.push(error) });
    store.markHelpful(answer.id);
    await waitUntil(() => store.$notice.get() !== null, 'no notice');
    expect(store.$notice.get()).to.deep.equal({
      kind: 'mark_helpful_failed',
      reason: 'Only the asker or a student-teacher may mark the answer.',
    });
    expect(invalid).to.deep.equal([]);
  });

  it('tells a student why they cannot be available to help', async () => {
    const store = await room.live(me());
    store.setAvailable(true);
    await waitUntil(() => store.$notice.get() !== null, 'no notice');
    expect(store.$notice.get()).to.deep.equal({
      kind: 'availability_failed',
      reason: 'Only a student-teacher can be available to help.',
    });
  });

  it('shows a failed older page in the stream, not as invalid data, and loads it on retry', async () => {
    const pageSize = mock.backend.limits.history_page_size;
    for (let i = 0; i <= pageSize; i += 1) postAs(mock, other(), `chatter ${i}`);
    const invalid: Error[] = [];
    const store = await room.live(me(), { onProtocolError: (error) => invalid.push(error) });
    mock.backend.faults.failNext('messages', 500, { method: 'GET' });
    await store.loadOlder();
    expect(store.$olderFailed.get()).to.be.true;
    expect(invalid).to.deep.equal([]);
    await store.loadOlder();
    expect(store.$olderFailed.get()).to.be.false;
    expect(store.$messages.get()).to.have.length(pageSize + 1);
  });

  it('asks for a token again when a send meets an expired one, and sends the message once, then', async () => {
    const refusals: AuthRefusal[] = [];
    const stale = await mock.tokenFor(me());
    let token = stale;
    const store = createChatSession({
      apiBase: '/api',
      courseId: mock.scenario!.courseId,
      getAuthToken: async () => token,
      onAuthRequired: (refusal) => (refusals.push(refusal), true),
    });
    try {
      await store.start();
      await waitUntil(() => store.$status.get() === 'live', 'never live');
      mock.backend.faults.expireTokens();
      store.send('Still there?');
      await waitUntil(() => refusals.length === 1, 'the host was not told');
      expect(refusals[0]).to.include({ reason: 'token_expired', attempt: 1 });
      expect(store.$awaitingSignIn.get()).to.be.true;
      expect(store.$messages.get().at(-1)?.delivery).to.equal('pending');

      token = await mock.tokenFor(me());
      await waitUntil(() => store.$messages.get().at(-1)?.delivery === 'sent', 'never sent', { timeout: 5000 });
      expect(store.$awaitingSignIn.get()).to.be.false;
      expect(mock.backend.messages(mock.scenario!.courseId).map((m) => m.content)).to.deep.equal(['Still there?']);
    } finally {
      store.stop();
    }
  });

  it('sends what waited for a sign-in at once when the host retries after declining', async () => {
    let token = await mock.tokenFor(me());
    const store = createChatSession({
      apiBase: '/api',
      courseId: mock.scenario!.courseId,
      getAuthToken: async () => token,
      onAuthRequired: () => false,
    });
    try {
      await store.start();
      await waitUntil(() => store.$status.get() === 'live', 'never live');
      mock.backend.faults.expireTokens();
      store.send('After the renewal');
      await waitUntil(() => store.$awaitingSignIn.get(), 'the refusal went unnoticed');
      token = await mock.tokenFor(me());
      store.reconnectNow();
      await waitUntil(() => store.$messages.get().at(-1)?.delivery === 'sent', 'never sent');
      expect(mock.backend.messages(mock.scenario!.courseId)).to.have.length(1);
    } finally {
      store.stop();
    }
  });

  it('tells the host of malformed data from any request, once', async () => {
    const invalid: Error[] = [];
    const malformed = () => Promise.reject(new ApiError(200, 'invalid_response', 'room.me: expected an object'));
    const store = createChatSession(
      { apiBase: '/api', courseId: 'c', onProtocolError: (error) => invalid.push(error) },
      fakeClient({ room: malformed }),
    );
    try {
      await store.start();
      store.reconnectNow();
      await waitUntil(() => store.$status.get() === 'failed', 'did not fail');
      expect(store.$failure.get()).to.deep.equal({ kind: 'unavailable' });
      expect(invalid.map((error) => error.message)).to.deep.equal(['room.me: expected an object']);
    } finally {
      store.stop();
    }
  });
});

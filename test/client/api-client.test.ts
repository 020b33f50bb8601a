import { expect } from '@open-wc/testing';
import { ApiError, createApiClient } from '../../src/client/index.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';

describe('api client', () => {
  let mock: MockSession;
  let courseId: string;

  before(async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
    courseId = mock.scenario!.courseId;
  });
  after(() => mock.stop());
  afterEach(() => mock.backend.faults.reset());

  const clientFor = (userId: string) => createApiClient({ apiBase: '/api', getAuthToken: () => mock.tokenFor(userId) });

  it('gets the room with the signed-in user, balance and limits', async () => {
    const room = await clientFor(mock.scenario!.me.id).room(courseId);
    expect(room.course.id).to.equal(courseId);
    expect(room.me.id).to.equal(mock.scenario!.me.id);
    expect(room.balance).to.equal(mock.backend.balanceOf(mock.scenario!.me.id));
    expect(room.limits.max_message_length).to.be.greaterThan(0);
  });

  it('sends a message and reads it back from history', async () => {
    const api = clientFor(mock.scenario!.me.id);
    const clientId = crypto.randomUUID();
    const sent = await api.send(courseId, { client_id: clientId, content: 'Is 0 an eigenvalue?', is_question: true });
    expect(sent.message.client_id).to.equal(clientId);
    expect(sent.message.question_status).to.equal('open');
    const history = await api.history(courseId);
    expect(history.messages.map((m) => m.id)).to.include(sent.message.id);
  });

  it('turns a refusal into an ApiError with the status and the server code', async () => {
    const error = await createApiClient({ apiBase: '/api', getAuthToken: async () => 'not-a-token' })
      .room(courseId)
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(401);
    expect((error as ApiError).code).to.equal('unauthenticated');
    expect((error as ApiError).transient).to.be.false;
  });

  it('reports not enrolled as 403 not_enrolled', async () => {
    const outsider = await startMockBackend({ scenario: 'not-enrolled' });
    try {
      const error = await createApiClient({
        apiBase: '/api',
        getAuthToken: () => outsider.tokenFor(outsider.scenario!.me.id),
      })
        .room(outsider.scenario!.courseId)
        .catch((e: unknown) => e);
      expect((error as ApiError).code).to.equal('not_enrolled');
      expect((error as ApiError).status).to.equal(403);
    } finally {
      await outsider.stop();
      mock = await startMockBackend({ scenario: 'quiet-room' });
      courseId = mock.scenario!.courseId;
    }
  });

  it('marks server failures as transient', async () => {
    mock.backend.faults.failNext('room', 500);
    const error = await clientFor(mock.scenario!.me.id)
      .room(courseId)
      .catch((e: unknown) => e);
    expect((error as ApiError).status).to.equal(500);
    expect((error as ApiError).transient).to.be.true;
  });

  it('sends the bearer token from getAuthToken on every request', async () => {
    let calls = 0;
    const api = createApiClient({
      apiBase: '/api',
      getAuthToken: () => {
        calls += 1;
        return mock.tokenFor(mock.scenario!.me.id);
      },
    });
    await api.room(courseId);
    await api.history(courseId);
    expect(calls).to.equal(2);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { createApiClient, createRoomSocket, socketUrl, type RoomSocket } from '../../src/client/index.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import type { ServerFrame } from '../../src/protocol/index.js';
import { manualClock } from './manual-clock.js';

describe('room socket', () => {
  let mock: MockSession;
  let socket: RoomSocket | undefined;

  before(async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
  });
  after(() => mock.stop());
  afterEach(() => {
    socket?.close();
    mock.backend.faults.reset();
  });

  /**
   * A socket for `userId`; `refused` says whether its next URL is refused, as a 401 refuses it.
   * With `clock`, the socket waits (to connect, to retry) only when the test moves it on.
   */
  function open(userId = mock.scenario!.me.id, refused = () => false, clock?: ReturnType<typeof manualClock>) {
    const api = createApiClient({ apiBase: '/api', getAuthToken: () => mock.tokenFor(userId) });
    const seen = { frames: [] as ServerFrame[], invalid: [] as Error[], opens: 0, closes: [] as number[], urls: 0 };
    socket = createRoomSocket({
      timers: clock?.timers,
      url: async () => {
        seen.urls += 1;
        if (refused()) {
          // As the room store does: it gives the socket up, then the attempt fails.
          socket?.close();
          throw new Error('refused');
        }
        const room = await api.room(mock.scenario!.courseId);
        return socketUrl('/api', room.room_id, room.user_token);
      },
      heartbeatIntervalMs: 25_000,
      onOpen: () => (seen.opens += 1),
      onFrame: (frame) => seen.frames.push(frame),
      onClose: (code) => seen.closes.push(code),
      onInvalidFrame: (error) => seen.invalid.push(error),
    });
    return seen;
  }

  it('derives the socket URL from a relative or absolute api base', () => {
    expect(socketUrl('/api', 'r1', 't')).to.equal(`ws://${location.host}/api/chat/connect?room=r1&token=t`);
    expect(socketUrl('https://chat.example/api/', 'r1', 't')).to.equal(
      'wss://chat.example/api/chat/connect?room=r1&token=t',
    );
  });

  it('connects and receives hello, then presence', async () => {
    const seen = open();
    await waitUntil(() => seen.frames.some((f) => f.type === 'presence'));
    expect(seen.frames[0]?.type).to.equal('hello');
  });

  it('drops invalid frames, reports them, and keeps delivering valid ones', async () => {
    const seen = open();
    await waitUntil(() => seen.frames.some((f) => f.type === 'presence'));
    const me = mock.scenario!.me.id;
    mock.backend.faults.sendRaw(me, 'not json');
    mock.backend.faults.sendRaw(me, JSON.stringify({ type: 'message', data: { id: 'x' } }));
    mock.backend.faults.sendRaw(me, JSON.stringify({ type: 'balance', balance: 7 }));
    await waitUntil(() => seen.frames.some((f) => f.type === 'balance'));
    expect(seen.invalid).to.have.length(2);
  });

  it('reconnects after the server drops the connection', async () => {
    const seen = open();
    await waitUntil(() => seen.opens === 1);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => seen.opens === 2, 'did not reconnect', { timeout: 8000 });
    expect(seen.closes).to.have.length(1);
  });

  it('reports nothing more once closed, even a reconnect failing as it was closed', async () => {
    let refused = false;
    const clock = manualClock();
    const seen = open(mock.scenario!.me.id, () => refused, clock);
    clock.advance(0);
    await waitUntil(() => seen.opens === 1);
    refused = true;
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => seen.closes.length === 1);
    expect(clock.pending, 'a reconnect is scheduled').to.equal(1);
    clock.advance(15_000);
    await waitUntil(() => seen.urls === 2, 'no reconnect attempted');
    await socketSettled();
    expect(seen.closes).to.deep.equal([1012]);
    expect(clock.pending, 'nothing more is scheduled').to.equal(0);
  });

  it('does not reconnect once the room refuses the user (4003)', async () => {
    mock.backend.faults.refuseSockets(4003);
    const clock = manualClock();
    const seen = open(mock.scenario!.me.id, () => false, clock);
    clock.advance(0);
    await waitUntil(() => seen.closes.length === 1);
    expect(seen.closes).to.deep.equal([4003]);
    expect(clock.pending, 'a reconnect is scheduled').to.equal(0);
  });

  it('waits longer after each failed attempt, from 0.5 s up to 15 s', async () => {
    mock.backend.faults.refuseSockets(1013);
    const clock = manualClock();
    const seen = open(mock.scenario!.me.id, () => false, clock);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      // The attempt falls due at the first millisecond it may.
      let waited = 0;
      while (seen.urls < attempt) {
        clock.advance(waited === 0 ? 0 : 1);
        waited += 1;
        if (waited > 20_000) throw new Error(`attempt ${attempt} never came`);
      }
      waits.push(waited - 1);
      await waitUntil(() => seen.closes.length === attempt, `attempt ${attempt} did not close`);
    }
    expect(waits[0]).to.equal(0);
    for (const [index, wait] of waits.slice(1).entries()) {
      const backoff = Math.min(15_000, 500 * 1.6 ** index);
      expect(wait, `wait before attempt ${index + 2}`).to.be.within(
        backoff,
        backoff + 1 + 300 * Math.min(index + 1, 10),
      );
    }
  });

  /**
   * Lets every promise callback already queued run (a failed attempt's handling among them): the
   * next task starts only once they all have. A turn of the event loop, not a guess at a duration.
   */
  function socketSettled(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve));
  }
});

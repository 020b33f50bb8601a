import { expect, waitUntil } from '@open-wc/testing';
import { createApiClient, socketUrl } from '../../src/client/index.js';
import { createRoomSocket, type RoomSocket } from '../../src/client/room-socket.js';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { closeCodes, maxSocketsPerUser, type ServerFrame } from '../../src/protocol/index.js';
import { manualClock } from './manual-clock.js';

describe('room socket', () => {
  let mock: MockSession;
  let socket: RoomSocket | undefined;
  /** Every socket a test opened, closed after it. */
  let sockets: RoomSocket[] = [];

  before(async () => {
    mock = await startMockBackend({ scenario: 'quiet-room' });
  });
  after(() => mock.stop());
  afterEach(() => {
    sockets.forEach((opened) => opened.close());
    sockets = [];
    mock.backend.faults.reset();
  });

  /**
   * A socket for `userId`; `refused` says whether its next URL is refused, as a 401 refuses it.
   * With `clock`, the socket waits (to connect, to retry) only when the test moves it on.
   */
  function open(userId = mock.scenario!.me.id, refused = () => false, clock?: ReturnType<typeof manualClock>) {
    const api = createApiClient({ apiBase: '/api', getAuthToken: () => mock.tokenFor(userId) });
    const seen = {
      frames: [] as ServerFrame[],
      invalid: [] as Error[],
      opens: 0,
      closes: [] as number[],
      urls: 0,
      /** When each attempt asked for its URL. */
      urlAt: [] as number[],
    };
    socket = createRoomSocket({
      timers: clock?.timers,
      url: async () => {
        seen.urls += 1;
        seen.urlAt.push(performance.now());
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
    sockets.push(socket);
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

  it('handles each frame of a batch in turn, as if each had come alone, dropping only an invalid one', async () => {
    const seen = open();
    await waitUntil(() => seen.frames.some((f) => f.type === 'presence'));
    const before = seen.frames.length;
    const frames = [
      { type: 'balance', balance: 7 },
      { type: 'message', data: { id: 'x' } },
      { type: 'typing', user_id: 'u-2' },
      { type: 'batch', frames: [{ type: 'pong' }] },
      { type: 'user_left', user_id: 'u-2' },
    ];
    mock.backend.faults.sendRaw(mock.scenario!.me.id, JSON.stringify({ type: 'batch', frames }));
    await waitUntil(() => seen.frames.some((f) => f.type === 'user_left'));
    expect(seen.frames.slice(before)).to.deep.equal([frames[0], frames[2], frames[4]]);
    expect(seen.invalid, 'the bad message and the batch in a batch').to.have.length(2);
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
    await waitUntil(() => seen.opens === 1);
    expect(clock.pending, 'the heartbeat is scheduled').to.equal(1);
    refused = true;
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => seen.urls === 2, 'no reconnect attempted', { timeout: 4000 });
    await socketSettled();
    expect(seen.closes).to.deep.equal([1012]);
    expect(clock.pending, 'nothing more is scheduled').to.equal(0);
  });

  it('does not reconnect once the room refuses the user (4003)', async () => {
    mock.backend.faults.refuseSockets(4003);
    const seen = open();
    await waitUntil(() => seen.closes.length === 1);
    expect(seen.closes).to.deep.equal([4003]);
    // The first retry would be due within 0.8 s (0.5 s and its jitter): absence needs that long.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(seen.urls, 'attempts').to.equal(1);
  });

  it('waits a jittered while on its own clock before each retry, none before the first attempt', async () => {
    const clock = manualClock();
    const seen = open(mock.scenario!.me.id, () => false, clock);
    await waitUntil(() => seen.opens === 1);
    clock.advance(0);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => seen.urls === 2, 'no reconnect attempted', { timeout: 4000 });
    await waitUntil(() => clock.pending === 1, 'no jitter awaited');
    await socketSettled();
    expect(seen.opens, 'opened before its jitter').to.equal(1);
    clock.advance(300);
    await waitUntil(() => seen.opens === 2, 'did not reconnect after its jitter');
  });

  it('waits longer after each failed attempt: 0.5 s, then 1.6 times longer each time', async () => {
    mock.backend.faults.refuseSockets(1013);
    const seen = open();
    await waitUntil(() => seen.urls === 4, 'the fourth attempt never came', { timeout: 5000 });
    const startedAt = seen.urlAt;
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      const backoff = 500 * 1.6 ** (attempt - 2);
      // The previous attempt's jitter (up to 0.3 s a retry) and its connection come on top.
      const slack = 300 * (attempt - 2) + 600;
      expect(startedAt[attempt - 1]! - startedAt[attempt - 2]!, `wait before attempt ${attempt}`).to.be.within(
        backoff - 5,
        backoff + slack,
      );
    }
  });

  it('after 4029 (the user holds too many sockets) retries later, with backoff, and connects once one closes', async () => {
    const tabs = Array.from({ length: maxSocketsPerUser }, () => open());
    await waitUntil(() => tabs.every((tab) => tab.opens === 1), 'the first sockets did not all open');
    const oneTooMany = open();
    await waitUntil(() => oneTooMany.closes.length === 2, 'it did not try again after 4029', { timeout: 5000 });
    expect(oneTooMany.closes).to.deep.equal([closeCodes.tooManySockets, closeCodes.tooManySockets]);
    expect(oneTooMany.opens).to.equal(0);
    expect(oneTooMany.urlAt[1]! - oneTooMany.urlAt[0]!, 'waited its backoff before retrying').to.be.at.least(495);

    sockets[0]!.close();
    await waitUntil(() => oneTooMany.opens === 1, 'it did not connect once a socket was free', { timeout: 8000 });
    await waitUntil(() => oneTooMany.frames.some((frame) => frame.type === 'hello'), 'no hello on the socket');
  });

  /**
   * Lets every promise callback already queued run (a failed attempt's handling among them): the
   * next task starts only once they all have. A turn of the event loop, not a guess at a duration.
   */
  function socketSettled(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve));
  }
});

import { expect, waitUntil } from '@open-wc/testing';
import { ApiError, type ApiClient, type RoomSocket, type RoomSocketOptions } from '../../src/client/index.js';
import type { ServerFrame } from '../../src/protocol/index.js';
import { createConnection } from '../../src/state/connection.js';
import { createLifetime } from '../../src/state/lifetime.js';
import { fakeClient, messagesFrom, roomOf } from './fake-client.js';

/** The room's connection with a scripted client and a socket the test drives. */
describe('connection and catch-up', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  function connectionOn(api: ApiClient, catchUp: () => Promise<void> = () => Promise.resolve()) {
    let socketOptions: RoomSocketOptions | undefined;
    const seen = { applied: [] as ServerFrame[][], reconnects: 0, lives: 0, disconnects: 0 };
    const socket: RoomSocket = {
      send: () => true,
      open: true,
      reconnect: () => void (seen.reconnects += 1),
      close: () => {},
    };
    const lifetime = createLifetime();
    const connection = createConnection({
      api,
      courseId: 'c',
      lifetime,
      roomLoaded: () => {},
      opening: async () => {},
      catchUp,
      apply: (frames) => void seen.applied.push([...frames]),
      disconnected: () => void (seen.disconnects += 1),
      live: () => void (seen.lives += 1),
      invalid: () => {},
      openSocket: (options) => ((socketOptions = options), socket),
    });
    stops.push(() => {
      lifetime.end();
      connection.stop();
    });
    const socketFor = () => {
      if (!socketOptions) throw new Error('no socket was opened');
      return socketOptions;
    };
    return { connection, seen, socketFor };
  }

  const roomAnswers = () => fakeClient({ room: async () => roomOf() });

  it('goes live only once caught up, then applies the messages that came meanwhile', async () => {
    let caughtUp!: () => void;
    const { connection, seen, socketFor } = connectionOn(
      roomAnswers(),
      () => new Promise((resolve) => (caughtUp = resolve)),
    );
    await connection.start();
    expect(connection.$status.get()).to.equal('connecting');
    socketFor().onOpen();
    const [message] = messagesFrom(1, 1);
    socketFor().onFrame({ type: 'message', data: message! });
    socketFor().onFrame({ type: 'presence', users: [] });
    // Presence is about now: it does not wait for the catch-up; the message does.
    await waitUntil(() => seen.applied.length === 1, 'presence waited');
    expect(seen.applied[0]!.map((frame) => frame.type)).to.deep.equal(['presence']);
    expect(connection.$status.get()).to.equal('connecting');

    caughtUp();
    await waitUntil(() => connection.$status.get() === 'live', 'never live');
    expect(seen.applied[1]!.map((frame) => frame.type)).to.deep.equal(['message']);
    expect(seen.lives).to.equal(1);
  });

  it('stops for good when the room refuses the socket (4003)', async () => {
    const { connection, seen, socketFor } = connectionOn(roomAnswers());
    await connection.start();
    socketFor().onClose(4003);
    expect(connection.$status.get()).to.equal('failed');
    expect(connection.$failure.get()).to.deep.equal({ kind: 'not_enrolled' });
    expect(seen.disconnects).to.equal(1);
  });

  it('fetches the room again for a fresh token once the socket was refused for its own (4001)', async () => {
    let rooms = 0;
    const { connection, socketFor } = connectionOn(
      fakeClient({ room: async () => roomOf({ user_token: `token-${(rooms += 1)}` }) }),
    );
    await connection.start();
    expect(await socketFor().url()).to.include('token=token-1');
    socketFor().onClose(4001);
    expect(connection.$status.get()).to.equal('reconnecting');
    expect(await socketFor().url()).to.include('token=token-2');
    expect(rooms).to.equal(2);
  });

  it('reconnects when a catch-up fails on the way, and fails the room when it is refused', async () => {
    let failure = new ApiError(0, 'network', 'Failed to fetch');
    const { connection, seen, socketFor } = connectionOn(roomAnswers(), () => Promise.reject(failure));
    await connection.start();
    socketFor().onOpen();
    await waitUntil(() => seen.reconnects === 1, 'did not reconnect');
    expect(connection.$status.get()).to.equal('connecting');

    failure = new ApiError(403, 'not_enrolled', 'Not enrolled');
    socketFor().onOpen();
    await waitUntil(() => connection.$status.get() === 'failed', 'did not fail');
    expect(connection.$failure.get()).to.deep.equal({ kind: 'not_enrolled' });
  });
});

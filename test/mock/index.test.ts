import { expect } from '@open-wc/testing';
import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { historyResponse, paths, roomResponse, serverFrame, type ServerFrame } from '../../src/protocol/index.js';

describe('startMockBackend', () => {
  let session: MockSession;

  afterEach(async () => {
    await session?.stop();
  });

  it('serves a scenario over REST and WebSocket behind /api', async () => {
    session = await startMockBackend({ scenario: 'busy-room' });
    const { courseId, me } = session.scenario!;
    const headers = { authorization: `Bearer ${await session.tokenFor(me.id)}` };
    const room = roomResponse.parse(await (await fetch(`/api${paths.room(courseId)}`, { headers })).json());
    expect(room.me.id).to.equal(me.id);
    expect(room.last_seq).to.be.greaterThan(100);
    const history = historyResponse.parse(await (await fetch(`/api${paths.messages(courseId)}`, { headers })).json());
    expect(history.messages).to.have.length(room.limits.history_page_size);

    const frames: ServerFrame[] = [];
    const socket = new WebSocket(
      `ws://${location.host}/api/chat/connect?room=${room.room_id}&token=${room.user_token}`,
    );
    const pong = new Promise<void>((resolve) =>
      socket.addEventListener('message', (event) => {
        frames.push(serverFrame.parse(JSON.parse(String(event.data))));
        if (frames.at(-1)?.type === 'pong') resolve();
      }),
    );
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    socket.send(JSON.stringify({ type: 'ping' }));
    await pong;
    expect(frames.map((frame) => frame.type)).to.deep.equal(['hello', 'presence', 'pong']);
    socket.close();
  });

  it('can be stopped and started again', async () => {
    session = await startMockBackend({ scenario: 'quiet-room' });
    await session.stop();
    session = await startMockBackend({ scenario: 'quiet-room' });
    const { courseId, me } = session.scenario!;
    const response = await fetch(`/api${paths.room(courseId)}`, {
      headers: { authorization: `Bearer ${await session.tokenFor(me.id)}` },
    });
    expect(response.status).to.equal(200);
  });
});

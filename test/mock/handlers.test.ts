import { expect } from '@open-wc/testing';
import { startMockBackend, webSocketUrl, resolveApiBase, type MockSession } from '../../src/mock/index.js';
import { errorBody, paths, roomResponse } from '../../src/protocol/index.js';

describe('mockHandlers', () => {
  let session: MockSession;
  let headers: Record<string, string>;
  let roomPath: string;

  beforeEach(async () => {
    session = await startMockBackend({ scenario: 'quiet-room' });
    headers = { authorization: `Bearer ${await session.tokenFor(session.scenario!.me.id)}` };
    roomPath = `/api${paths.room(session.scenario!.courseId)}`;
  });

  afterEach(async () => {
    document.cookie = 'course_chat_session=; max-age=0; path=/';
    await session.stop();
  });

  it('derives the WebSocket URL from relative and absolute api bases', () => {
    expect(resolveApiBase('/api/')).to.equal(`${location.origin}/api`);
    expect(webSocketUrl('/api')).to.equal(`ws://${location.host}/api/chat/connect`);
    expect(webSocketUrl('https://chat.example/api')).to.equal('wss://chat.example/api/chat/connect');
  });

  it('accepts the session cookie when there is no bearer token', async () => {
    document.cookie = `course_chat_session=${await session.tokenFor(session.scenario!.me.id)}; path=/`;
    const response = await fetch(roomPath, { credentials: 'include' });
    expect(response.status).to.equal(200);
    roomResponse.parse(await response.json());
  });

  it('fails and delays requests on demand', async () => {
    session.backend.faults.failNext('room', 503);
    const failed = await fetch(roomPath, { headers });
    expect(failed.status).to.equal(503);
    expect(errorBody.parse(await failed.json()).error.code).to.equal('internal');
    expect((await fetch(roomPath, { headers })).status).to.equal(200);
    session.backend.faults.delay(300, 'room');
    const started = performance.now();
    await fetch(roomPath, { headers });
    expect(performance.now() - started).to.be.at.least(280);
  });

  it('drops sockets through msw with the code asked for', async () => {
    const room = roomResponse.parse(await (await fetch(roomPath, { headers })).json());
    const socket = new WebSocket(`${webSocketUrl('/api')}?room=${room.room_id}&token=${room.user_token}`);
    await new Promise((resolve) => socket.addEventListener('message', resolve, { once: true }));
    const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
    session.backend.faults.dropSockets();
    expect((await closed).code).to.equal(1012);
    expect(session.backend.online(session.scenario!.courseId)).to.deep.equal([]);
  });

  it('leaves the room when the client closes', async () => {
    const room = roomResponse.parse(await (await fetch(roomPath, { headers })).json());
    const socket = new WebSocket(`${webSocketUrl('/api')}?room=${room.room_id}&token=${room.user_token}`);
    await new Promise((resolve) => socket.addEventListener('message', resolve, { once: true }));
    expect(session.backend.online(session.scenario!.courseId)).to.have.length(1);
    socket.close();
    // The backend hears of it once msw has passed the close on: wait for that, within a bound.
    const online = () => session.backend.online(session.scenario!.courseId);
    for (let i = 0; i < 100 && online().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(online()).to.deep.equal([]);
  });
});

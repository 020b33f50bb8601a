// `course-chat/mock/node` in Node's own test runner, imported by its package name as a Vitest, Jest
// or node:test host would: it must answer the protocol's REST and WebSocket in the process.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startMockBackend } from 'course-chat/mock/node';

const apiBase = 'http://localhost/api';

/** The next socket frame of `type`, parsed. */
function nextFrame(socket, type) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} frame within 5 s`)), 5000);
    socket.addEventListener('message', function listen(event) {
      const frame = JSON.parse(String(event.data));
      if (frame.type !== type) return;
      clearTimeout(timer);
      socket.removeEventListener('message', listen);
      resolve(frame);
    });
  });
}

describe('course-chat/mock/node', () => {
  let mock;
  let headers;
  let messagesUrl;

  before(async () => {
    mock = await startMockBackend({ scenario: 'busy-room' });
    headers = { authorization: `Bearer ${await mock.tokenFor(mock.scenario.me.id)}` };
    messagesUrl = `${apiBase}/courses/${mock.scenario.courseId}/chat/messages`;
  });

  after(() => mock.stop());

  it('answers the room at http://localhost/api for a host token, and refuses a request without one', async () => {
    const room = await fetch(`${apiBase}/courses/${mock.scenario.courseId}/chat/room`, { headers });
    assert.equal(room.status, 200);
    const body = await room.json();
    assert.equal(body.me.id, mock.scenario.me.id);
    assert.equal(body.course.id, mock.scenario.courseId);

    const anonymous = await fetch(`${apiBase}/courses/${mock.scenario.courseId}/chat/room`);
    assert.equal(anonymous.status, 401);
  });

  it('takes a message over REST, broadcasts it on the room socket and returns it in the history', async () => {
    const room = await (await fetch(`${apiBase}/courses/${mock.scenario.courseId}/chat/room`, { headers })).json();
    const socket = new WebSocket(
      `ws://localhost/api/chat/connect?room=${encodeURIComponent(room.room_id)}&token=${encodeURIComponent(room.user_token)}`,
    );
    try {
      await nextFrame(socket, 'hello');
      const broadcast = nextFrame(socket, 'message');
      const content = `From Node ${randomUUID()}`;
      const sent = await fetch(messagesUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: randomUUID(), content, is_question: false }),
      });
      assert.equal(sent.status, 201);

      const frame = await broadcast;
      assert.equal(frame.data.content, content);
      assert.equal(frame.data.author.id, mock.scenario.me.id);

      const history = await (await fetch(messagesUrl, { headers })).json();
      assert.equal(history.messages.at(-1).content, content);
    } finally {
      socket.close();
    }
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import { loadScenario, type MockSession, type MockSocket } from '../../src/mock/index.js';
import { logOf, openRoom, postAs, rowWith, shadow, useMockBackend } from './helpers.js';

/**
 * The element in hosts that move it, take it out and put it back (SPA routers, tabs, Turbo,
 * portals): its room follows it into and out of the document, and no socket outlives it.
 */
describe('<course-chat> removed, moved and re-attached', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  /** Every socket the backend accepted, in order. */
  let sockets: MockSocket[];
  beforeEach(() => {
    mock = running();
    sockets = [];
    const connect = mock.backend.connect.bind(mock.backend);
    mock.backend.connect = (room, token, sink) => {
      const socket = connect(room, token, sink);
      sockets.push(socket);
      return socket;
    };
  });

  const open = () => sockets.filter((socket) => !socket.isClosed).length;
  const me = () => mock.scenario!.me;
  const courseId = () => mock.scenario!.courseId;

  /** Another person writes; the room shows it only while it is live. */
  async function heard(el: CourseChat, content: string): Promise<void> {
    postAs(mock, mock.scenario!.other.id, content);
    await waitUntil(() => rowWith(el, content), `"${content}" never arrived`);
  }

  it('is accessible once back in the page', async () => {
    const el = await openRoom(mock, me().id);
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => open() === 0, 'the socket outlived the element');
    parent.append(el);
    await heard(el, 'welcome back');
    await expect(el).to.be.accessible();
  });

  it('releases its socket when removed, and comes back live when attached again later', async () => {
    const el = await openRoom(mock, me().id);
    await waitUntil(() => open() === 1, 'never connected');
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => open() === 0, 'the socket outlived the element');
    await waitUntil(() => mock.backend.online(courseId()).length === 0, 'still shown online');
    // Long after its task, as a router brings the view back: the room was closed, not kept for a move.
    parent.append(el);
    await heard(el, 'back again');
    // The message may come in with the room's history before the new socket is up: wait for it.
    await waitUntil(() => open() === 1, 'no socket after re-attaching');
    expect(sockets).to.have.length(2);
    expect(shadow(el).querySelector('.loading')).to.be.null;
  });

  it('keeps its room through a move within the page, and its view at the newest message', async () => {
    for (let i = 0; i < 40; i++) postAs(mock, mock.scenario!.other.id, `before ${i}`);
    const el = await openRoom(mock, me().id);
    el.style.height = '400px';
    const log = () => logOf(el)!;
    await waitUntil(() => open() === 1 && log() && log().scrollHeight > log().clientHeight);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    // One task: detached and attached again, as a portal or a list reorder does.
    elsewhere.append(el);
    await heard(el, 'after the move');
    expect(sockets).to.have.length(1);
    expect(open()).to.equal(1);
    await waitUntil(
      () => log().scrollHeight - log().scrollTop - log().clientHeight < 48,
      'the view did not come back to the newest message',
    );
    elsewhere.remove();
  });

  it('closes the old room when course-id switches, and opens the new one', async () => {
    const second = loadScenario(mock.backend, 'busy-room');
    const el = await openRoom(mock, me().id);
    await waitUntil(() => mock.backend.online(courseId()).length === 1, 'never online');
    el.courseId = second.courseId;
    await waitUntil(() => shadow(el).textContent?.includes(second.title), 'the new room never opened');
    await waitUntil(() => mock.backend.online(second.courseId).length === 1, 'not online in the new room');
    await waitUntil(() => open() === 1, 'the old room kept its socket');
    expect(mock.backend.online(courseId())).to.have.length(0);
  });

  it('opens nothing until it has a course, and closes its room when the course is taken away', async () => {
    const el = await fixture<CourseChat>(
      html`<course-chat .getAuthToken=${() => mock.tokenFor(me().id)}></course-chat>`,
    );
    await el.updateComplete;
    expect(sockets).to.have.length(0);
    el.courseId = courseId();
    await heard(el, 'now with a course');
    el.courseId = '';
    await waitUntil(() => open() === 0, 'the room stayed open without a course');
  });
});

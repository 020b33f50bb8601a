import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import type { ClientFrame, PresentUser } from '../../src/protocol/index.js';
import { createPresence, typingDisplayMs, typingThrottleMs } from '../../src/state/presence.js';
import type { NoticeKind } from '../../src/state/index.js';
import { roomOf } from './fake-client.js';

/** Presence and typing with a test's own clock and socket. */
describe('presence and typing', () => {
  const ben: PresentUser = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false, available: false };
  const st: PresentUser = { id: 'st', name: 'Sam', avatar_url: null, is_student_teacher: true, available: true };

  function presenceWith() {
    let now = 1_000_000;
    const sent: ClientFrame[] = [];
    const acted: [ClientFrame, NoticeKind][] = [];
    const timers: { at: number; run: () => void }[] = [];
    const presence = createPresence({
      $room: atom(roomOf()),
      send: (frame) => sent.push(frame) > 0,
      act: (frame, failed) => void acted.push([frame, failed]),
      later: (ms, run) => void timers.push({ at: now + ms, run }),
      now: () => now,
    });
    const advance = (ms: number) => {
      now += ms;
      for (const timer of timers.splice(0))
        if (timer.at <= now) timer.run();
        else timers.push(timer);
    };
    return { presence, sent, acted, advance };
  }

  it('sends one typing frame for a burst of keystrokes, and another once the throttle has passed', () => {
    const { presence, sent, advance } = presenceWith();
    presence.typing();
    presence.typing();
    advance(typingThrottleMs - 1);
    presence.typing();
    expect(sent).to.have.length(1);
    advance(1);
    presence.typing();
    expect(sent).to.deep.equal([{ type: 'typing' }, { type: 'typing' }]);
  });

  it('sends no typing frame while the socket is down, and the next keystroke tries again', () => {
    let open = false;
    const sent: ClientFrame[] = [];
    const presence = createPresence({
      $room: atom(roomOf()),
      send: (frame) => open && sent.push(frame) > 0,
      act: () => {},
      later: () => {},
    });
    presence.typing();
    open = true;
    presence.typing();
    expect(sent).to.have.length(1);
  });

  it('shows another participant typing until 5 s after their last typing frame', () => {
    const { presence, advance } = presenceWith();
    presence.apply({ type: 'presence', users: [ben, st] });
    presence.apply({ type: 'typing', user_id: 'ben' });
    advance(typingDisplayMs - 1000);
    presence.apply({ type: 'typing', user_id: 'ben' });
    advance(1000);
    expect(presence.$typing.get().map((user) => user.id)).to.deep.equal(['ben']);
    advance(typingDisplayMs);
    expect(presence.$typing.get()).to.deep.equal([]);
  });

  it('lists student-teachers, available first, and keeps them only as the last known while the socket is closed', () => {
    const { presence } = presenceWith();
    expect(presence.$presenceLive.get(), 'live before the socket said who is here').to.be.false;
    presence.apply({ type: 'presence', users: [ben] });
    presence.apply({ type: 'user_joined', user: { ...st, available: false } });
    presence.apply({ type: 'user_joined', user: st });
    expect(presence.$onlineCount.get()).to.equal(2);
    expect(presence.$helpers.get()).to.deep.equal([st]);
    expect(presence.$presenceLive.get()).to.be.true;
    presence.disconnected();
    expect(presence.$presenceLive.get()).to.be.false;
    expect(presence.$onlineCount.get(), 'the last known count').to.equal(2);
    presence.apply({ type: 'presence', users: [st] });
    expect(presence.$presenceLive.get()).to.be.true;
    expect(presence.$onlineCount.get()).to.equal(1);
  });

  it('forgets who was typing when the socket closes, and a typist once their message arrives', () => {
    const { presence } = presenceWith();
    presence.apply({ type: 'presence', users: [ben, st] });
    presence.apply({ type: 'typing', user_id: 'ben' });
    presence.apply({ type: 'typing', user_id: 'st' });
    presence.spoke('ben');
    expect(presence.$typing.get().map((user) => user.id)).to.deep.equal(['st']);
    presence.disconnected();
    expect(presence.$typing.get()).to.deep.equal([]);
  });

  it('switches "Available to Help" with a frame the backend may refuse', () => {
    const { presence, acted } = presenceWith();
    presence.setAvailable(true);
    expect(acted).to.deep.equal([[{ type: 'set_available', available: true }, 'availability_failed']]);
  });
});

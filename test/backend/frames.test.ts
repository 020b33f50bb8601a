import { expect } from '@open-wc/testing';
import { answerFrame, FrameThrottle, runNow, welcome, type FrameSource } from '../../src/backend/index.js';
import {
  defaultLimits,
  type ClientFrame,
  type ClientFrameOf,
  type ServerFrame,
  type User,
} from '../../src/protocol/index.js';
import { roomInMemory } from './helpers.js';

/** Ana's socket in a room, recording what it and the room are sent. */
function socketOfAna(options: { allowed?: boolean } = {}) {
  const room = roomInMemory();
  const replies: ServerFrame[] = [];
  const source: FrameSource = {
    userId: 'ana',
    throttle: new FrameThrottle(),
    reply: (frame) => replies.push(frame),
    writer: (): User | null => (options.allowed === false ? null : room.me('ana')),
  };
  return {
    room: room.memory,
    replies,
    /** What the room fanned out. */
    get broadcasts() {
      return room.frames.map(({ frame }) => frame);
    },
    send: (frame: ClientFrame) => runNow(answerFrame(room.context(), source, frame)),
    greet: (first: boolean) =>
      runNow(welcome(room.context(), { ...room.me('ana'), available: false }, first, source.reply)),
    advance: room.advance,
  };
}

const message = (content: string, clientId = crypto.randomUUID()): ClientFrameOf<'message'> => ({
  type: 'message',
  client_id: clientId,
  content,
  is_question: false,
});

describe('a socket in the room', () => {
  it('greets with hello and who is here, and tells the others only of a first socket', () => {
    const ana = socketOfAna();
    ana.greet(false);
    expect(ana.replies.map((frame) => frame.type)).to.deep.equal(['hello', 'presence']);
    expect(ana.broadcasts).to.deep.equal([]);
    ana.greet(true);
    expect(ana.broadcasts.map((frame) => frame.type)).to.deep.equal(['user_joined']);
  });

  it('stores a message frame once, and acknowledges a resend with the stored message', () => {
    const ana = socketOfAna();
    const frame = message('hello', '00000000-0000-4000-8000-000000000001');
    ana.send(frame);
    expect(ana.broadcasts.map((sent) => sent.type)).to.deep.equal(['message']);
    ana.send(frame);
    expect(ana.replies).to.have.length(1);
    expect(ana.replies[0]).to.deep.include({ type: 'message' });
    expect(ana.room.messages).to.have.length(1);
  });

  it('answers a refused write to this socket alone, with its client_id', () => {
    const ana = socketOfAna();
    ana.send(message('first'));
    const tooSoon = message('second');
    ana.send(tooSoon);
    expect(ana.replies).to.deep.equal([
      {
        type: 'error',
        code: 'rate_limited',
        message: 'You are sending too fast.',
        retry_after_ms: defaultLimits.min_send_interval_ms,
        client_id: tooSoon.client_id,
      },
    ]);
  });

  it('writes nothing for a user whose access has ended', () => {
    const ana = socketOfAna({ allowed: false });
    ana.send(message('after the end'));
    expect(ana.room.messages).to.deep.equal([]);
    expect([...ana.replies, ...ana.broadcasts]).to.deep.equal([]);
  });

  it('relays typing to the others, dropping it silently beyond one a second', () => {
    const ana = socketOfAna();
    ana.send({ type: 'typing' });
    ana.send({ type: 'typing' });
    expect(ana.broadcasts).to.deep.equal([{ type: 'typing', user_id: 'ana' }]);
    expect(ana.replies).to.deep.equal([]);
    ana.advance(1000);
    ana.send({ type: 'typing' });
    expect(ana.broadcasts).to.have.length(2);
  });

  it('answers ping with pong, whoever asks', () => {
    const ana = socketOfAna({ allowed: false });
    ana.send({ type: 'ping' });
    expect(ana.replies).to.deep.equal([{ type: 'pong' }]);
  });
});

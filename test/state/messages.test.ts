import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/protocol/index.js';
import { groupThreads, mergeMessages, type StreamMessage } from '../../src/state/index.js';
import { storedMessage } from './helpers.js';

const message = (seq: number, content = `m${seq}`): ChatMessage => storedMessage({ id: `id${seq}`, seq, content });

describe('mergeMessages', () => {
  const held = [message(1), message(3), message(5)];

  it('appends newer messages', () => {
    expect(mergeMessages(held, [message(7), message(6)]).map((m) => m.seq)).to.deep.equal([1, 3, 5, 6, 7]);
  });

  it('replaces updated messages in place and keeps the others’ objects', () => {
    const merged = mergeMessages(held, [message(3, 'edited')]);
    expect(merged.map((m) => m.content)).to.deep.equal(['m1', 'edited', 'm5']);
    expect(merged[0]).to.equal(held[0]);
    expect(merged[2]).to.equal(held[2]);
  });

  it('fits older pages and gap fills in seq order, without duplicates', () => {
    const merged = mergeMessages(held, [message(4), message(1), message(2), message(3)]);
    expect(merged.map((m) => m.seq)).to.deep.equal([1, 2, 3, 4, 5]);
  });
  it('takes a burst of new messages and updates of held ones in one merge, in order', () => {
    const merged = mergeMessages(held, [message(7), message(3, 'edited'), message(6), message(7, 'edited')]);
    expect(merged.map((m) => `${m.seq} ${m.content}`)).to.deep.equal(['1 m1', '3 edited', '5 m5', '6 m6', '7 edited']);
    expect(merged[0]).to.equal(held[0]);
  });
});

describe('groupThreads', () => {
  const sent = (seq: number, replyTo?: number): StreamMessage => ({
    ...message(seq),
    reply_to_id: replyTo === undefined ? null : `id${replyTo}`,
    delivery: 'sent',
  });
  const shape = (messages: StreamMessage[]) =>
    groupThreads(messages).map(({ message, replies }) => [message.seq, ...replies.map((reply) => reply.seq)]);

  it('puts every reply under the message its chain of replies starts from', () => {
    expect(shape([sent(1), sent(2, 1), sent(3), sent(4, 2), sent(5, 3), sent(6, 1)])).to.deep.equal([
      [1, 2, 4, 6],
      [3, 5],
    ]);
  });

  it('leaves a reply on its own when what it answers is not loaded', () => {
    expect(shape([sent(5, 2), sent(6, 5), sent(7)])).to.deep.equal([[5, 6], [7]]);
  });
});

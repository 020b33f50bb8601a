import { expect } from '@open-wc/testing';
import {
  chatMessage,
  clientFrame,
  ProtocolValidationError,
  safeParse,
  sendMessageBody,
  serverFrame,
} from '../../src/protocol/index.js';
import { storedMessage } from '../state/fake-client.js';

const validMessage = storedMessage({
  id: 'm1',
  seq: 1,
  course_id: 'c1',
  author: { id: 'u1', name: 'Ana', avatar_url: null, is_student_teacher: false },
  content: 'Hello',
});

describe('protocol validators', () => {
  it('accepts a well-formed message and drops unknown keys', () => {
    const parsed = chatMessage.parse({ ...validMessage, injected: '<script>' });
    expect(parsed).to.deep.equal(validMessage);
  });

  it('names the path of the first bad field', () => {
    const result = safeParse(chatMessage, { ...validMessage, author: { ...validMessage.author, name: 7 } });
    expect(result.ok).to.be.false;
    if (!result.ok) {
      expect(result.error).to.be.instanceOf(ProtocolValidationError);
      expect(result.error.path).to.equal('author.name');
    }
  });

  it('refuses a seq that is not a positive integer', () => {
    expect(safeParse(chatMessage, { ...validMessage, seq: 0 }).ok).to.be.false;
    expect(safeParse(chatMessage, { ...validMessage, seq: 1.5 }).ok).to.be.false;
  });

  it('tells server frames apart by type and refuses unknown types', () => {
    expect(serverFrame.parse({ type: 'message', data: validMessage }).type).to.equal('message');
    expect(safeParse(serverFrame, { type: 'nonsense' }).ok).to.be.false;
    expect(safeParse(serverFrame, 'not an object').ok).to.be.false;
  });

  it('requires a UUID client_id on sends, over REST and over the socket', () => {
    expect(safeParse(sendMessageBody, { client_id: 'x', content: 'hi', is_question: false }).ok).to.be.false;
    const frame = { type: 'message', client_id: validMessage.client_id, content: 'hi', is_question: true };
    expect(clientFrame.parse(frame)).to.deep.equal(frame);
  });

  it('keeps optional fields absent rather than undefined', () => {
    const body = sendMessageBody.parse({ client_id: validMessage.client_id, content: 'hi', is_question: false });
    expect(Object.keys(body)).to.deep.equal(['client_id', 'content', 'is_question']);
  });
});

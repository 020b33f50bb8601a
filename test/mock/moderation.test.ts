import { expect } from '@open-wc/testing';
import { signModqRequest } from '../../src/backend/hmac.js';
import { MockBackend } from '../../src/mock/backend.js';
import {
  modqSignatureHeader,
  modqTimestampHeader,
  type ChatMessage,
  type SignedDecisionBody,
} from '../../src/protocol/index.js';

const start = Date.parse('2026-11-24T10:00:00.000Z');
const modqSecret = 'mock-modq-secret';

/** A backend on a clock the test moves by hand, with a moderator. */
function setup() {
  let now = start;
  const backend = new MockBackend({ now: () => now, modqSecret });
  backend.applyFixtures({
    course: { id: 'c1', title: 'Linear Algebra' },
    users: [
      ...['ana', 'ben', 'cy', 'dee'].map((id) => ({ id, name: id, role: 'student' as const, balance: 30 })),
      { id: 'mod', name: 'Mo', role: 'moderator', balance: 0 },
    ],
  });
  let counter = 0;
  const send = (userId: string, content: string): ChatMessage => {
    const sent = backend.send(userId, 'c1', {
      client_id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
      content,
      is_question: false,
    });
    if (!sent.ok) throw new Error(sent.error.message);
    return sent.value;
  };
  const signed = async (body: SignedDecisionBody, secret = modqSecret) => {
    const raw = JSON.stringify(body);
    const headers = await signModqRequest(secret, raw, now);
    return backend.handle('moderationDecisions', {
      method: 'POST',
      body: raw,
      contentType: 'application/json',
      modq: { timestamp: headers[modqTimestampHeader] ?? null, signature: headers[modqSignatureHeader] ?? null },
    });
  };
  return { backend, send, signed, advance: (ms: number) => (now += ms) };
}

describe('mock moderation', () => {
  it('hands each new report to MODQ once, with the count and whether it hid the message', () => {
    const { backend, send } = setup();
    const message = send('ana', 'spam spam');
    for (const reporter of ['ben', 'ben', 'cy', 'dee'])
      backend.moderation.report(reporter, 'c1', message.id, { reason: 'spam' });
    const sent = backend.moderation.modqSent();
    expect(sent.map((report) => [report.report.reporter_id, report.report_count, report.hidden])).to.deep.equal([
      ['ben', 1, false],
      ['cy', 2, false],
      ['dee', 3, true],
    ]);
    expect(new Set(sent.map((report) => report.report_id)).size).to.equal(3);
    expect(sent[2]?.message).to.include({ id: message.id, content: 'spam spam', hidden: true });
  });

  it('audits who decided what, when and why, from the room and from MODQ', async () => {
    const { backend, send, signed } = setup();
    const message = send('ana', 'hmm');
    backend.moderation.moderate('mod', 'c1', { action: 'hide', message_id: message.id, reason: 'rude' });
    const answer = await signed({
      action: 'restore',
      message_id: message.id,
      decision_id: 'd-1',
      course_id: 'c1',
      moderator_id: 'pat',
    });
    expect(answer.status).to.equal(200);
    const audit = backend.moderation.decisions();
    expect(audit.map((row) => [row.actor, row.action, row.message_id, row.reason, row.at])).to.deep.equal([
      ['mod', 'hide', message.id, 'rude', new Date(start).toISOString()],
      ['modq:pat', 'restore', message.id, null, new Date(start).toISOString()],
    ]);
    expect(audit[1]?.id).to.equal('d-1');
  });

  it('audits nothing for a refused signed decision', async () => {
    const { backend, send, signed, advance } = setup();
    const message = send('ana', 'hmm');
    const hide: SignedDecisionBody = { action: 'hide', message_id: message.id, decision_id: 'd-2', course_id: 'c1' };
    expect((await signed(hide, 'wrong')).status).to.equal(401);
    expect((await signed(hide)).status).to.equal(200);
    advance(60_000);
    expect((await signed(hide)).status).to.equal(409);
    expect(backend.moderation.decisions().map((row) => row.id)).to.deep.equal(['d-2']);
  });

  it("keeps each edit's previous text, and closes the edit window by the clock", () => {
    const { backend, send, advance } = setup();
    const message = send('ana', 'frist');
    expect(backend.moderation.edit('ana', 'c1', message.id, { content: 'first' }).ok).to.be.true;
    advance(backend.limits.edit_window_ms - 1);
    expect(backend.moderation.edit('ana', 'c1', message.id, { content: 'first!' }).ok).to.be.true;
    advance(1);
    const closed = backend.moderation.edit('ana', 'c1', message.id, { content: 'too late' });
    expect(!closed.ok && closed.error.code).to.equal('edit_window_closed');
    expect(backend.moderation.edits().map((edit) => edit.content)).to.deep.equal(['frist', 'first']);
  });

  it('lets a muted user write again once the mute has ended', () => {
    const { backend, send, advance } = setup();
    const until = new Date(start + 60_000).toISOString();
    expect(backend.moderation.moderate('mod', 'c1', { action: 'mute', user_id: 'ben', until }).ok).to.be.true;
    advance(59_000);
    const refused = backend.send('ben', 'c1', { client_id: crypto.randomUUID(), content: 'hi', is_question: false });
    expect(!refused.ok && refused.error).to.include({ code: 'muted', retry_after_ms: 1000 });
    advance(1000);
    expect(send('ben', 'hi again').content).to.equal('hi again');
  });
});

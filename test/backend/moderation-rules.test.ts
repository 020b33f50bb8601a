import { expect } from '@open-wc/testing';
import {
  applyDecision,
  editMessage,
  moderate,
  report,
  runNow,
  sendMessage,
  type Outcome,
} from '../../src/backend/index.js';
import type { ChatMessage, ServerFrame } from '../../src/protocol/index.js';
import { roomInMemory, start } from './helpers.js';

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
  return outcome.value;
}

const code = (outcome: Outcome<unknown>) => (outcome.ok ? `ok ${outcome.status}` : outcome.error.code);

/** A room with a moderator, and a message by ana. */
function setup() {
  const r = roomInMemory({ cy: { role: 'student' }, dee: { role: 'student' }, mod: { role: 'moderator' } });
  const message = value(
    runNow(sendMessage(r.context(), r.me('ana'), { client_id: crypto.randomUUID(), content: 'hi', is_question: true })),
  );
  r.frames.length = 0;
  const framesOf = (type: ServerFrame['type']) =>
    r.frames.filter((sent) => sent.frame.type === type).map((sent) => ({ to: sent.to, frame: sent.frame }));
  return { ...r, message, framesOf };
}

describe('moderation rules', () => {
  it('tell only the moderators of each new report, and hide at the threshold for everyone', () => {
    const r = setup();
    for (const reporter of ['ben', 'cy', 'dee'])
      value(runNow(report(r.context(), reporter, r.message.id, { reason: 'spam' })));
    expect(r.framesOf('reported').map((sent) => [sent.to, sent.frame])).to.deep.equal(
      [1, 2, 3].map((count) => [
        'mod',
        { type: 'reported', message_id: r.message.id, report_count: count, hidden: count === 3 },
      ]),
    );
    expect(r.framesOf('message_hidden')).to.deep.equal([
      { to: 'everyone', frame: { type: 'message_hidden', message_id: r.message.id } },
    ]);
    expect(r.tables.modqSent.map((sent) => sent.report_count)).to.deep.equal([1, 2, 3]);
  });

  it('announce a change to a hidden message to its author, blanked, and to moderators only', () => {
    const r = setup();
    value(runNow(moderate(r.context(), 'mod', { action: 'hide', message_id: r.message.id })));
    value(runNow(editMessage(r.context(), 'ana', r.message.id, { content: 'hello there' })));
    const updates = r
      .framesOf('message_updated')
      .map((sent) => [sent.to, (sent.frame as { data: ChatMessage }).data.content]);
    expect(updates).to.deep.equal([
      ['ana', ''],
      ['mod', 'hello there'],
    ]);
  });

  it('tell a muted user and the moderators, not the others', () => {
    const r = setup();
    const until = new Date(start + 60_000).toISOString();
    value(runNow(moderate(r.context(), 'mod', { action: 'mute', user_id: 'ben', until })));
    expect(r.framesOf('muted').map((sent) => sent.to)).to.deep.equal(['ben', 'mod']);
    const refused = runNow(
      sendMessage(r.context(), r.me('ben'), { client_id: crypto.randomUUID(), content: 'hey', is_question: false }),
    );
    expect(!refused.ok && refused.error).to.include({ code: 'muted', retry_after_ms: 60_000 });
  });

  it('check a decision before auditing it, so a refused one spends no id', () => {
    const r = setup();
    const by = { id: 'd-1', actor: 'modq:' };
    expect(code(runNow(applyDecision(r.context(), { action: 'hide' }, by)))).to.equal('invalid_request');
    expect(code(runNow(applyDecision(r.context(), { action: 'hide', message_id: 'nope' }, by)))).to.equal(
      'message_not_found',
    );
    expect(code(runNow(applyDecision(r.context(), { action: 'mute', user_id: 'ben' }, by)))).to.equal(
      'invalid_request',
    );
    expect(code(runNow(applyDecision(r.context(), { action: 'unmute', user_id: 'stranger' }, by)))).to.equal(
      'invalid_request',
    );
    expect(r.tables.decisions).to.deep.equal([]);
    expect(code(runNow(applyDecision(r.context(), { action: 'hide', message_id: r.message.id }, by)))).to.equal(
      'ok 200',
    );
    expect(code(runNow(applyDecision(r.context(), { action: 'restore', message_id: r.message.id }, by)))).to.equal(
      'replayed',
    );
    expect(r.message.hidden).to.equal(undefined);
    expect(r.memory.message(r.message.id)?.hidden).to.equal(true);
  });
});

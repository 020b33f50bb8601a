import { expect } from '@open-wc/testing';
import { MockBackend } from '../../src/mock/backend.js';
import { loadScenario, scenarioNames } from '../../src/mock/scenarios.js';
import { chatMessage } from '../../src/protocol/index.js';

describe('scenarios', () => {
  for (const name of scenarioNames) {
    it(`${name} names a course, me and a second participant`, () => {
      const info = loadScenario(new MockBackend(), name);
      expect(info.name).to.equal(name);
      expect(info.me.id).to.not.equal(info.other.id);
      expect(info.people.map((p) => p.id)).to.include.members([info.me.id, info.other.id]);
    });
  }

  it('busy-room has a live-looking history built under the rules', async () => {
    const backend = new MockBackend();
    const info = loadScenario(backend, 'busy-room');
    const messages = backend.messages(info.courseId);
    expect(messages.length).to.be.within(150, 250);
    for (const message of messages) chatMessage.parse(message);
    expect(info.people.filter((p) => p.role === 'student_teacher')).to.have.length(3);
    expect(info.people.length).to.be.at.least(15);
    const questions = messages.filter((m) => m.is_question);
    expect(questions.some((q) => q.question_status === 'open')).to.be.true;
    expect(questions.some((q) => q.question_status === 'answered')).to.be.true;
    expect(messages.some((m) => m.reply_to_id !== null)).to.be.true;
    expect(backend.ledger().length).to.be.greaterThan(0);
    expect(Date.parse(messages.at(-1)!.created_at)).to.be.at.most(Date.now());
    const room = await backend.room(info.me.id, info.courseId);
    expect(room.ok && room.value.last_seq).to.equal(messages.at(-1)!.seq);
  });

  it('is deterministic for a seed', () => {
    const contents = (seed: number) => {
      const backend = new MockBackend();
      const info = loadScenario(backend, 'busy-room', { seed });
      return backend.messages(info.courseId).map((m) => `${m.author.id}:${m.content}`);
    };
    expect(contents(3)).to.deep.equal(contents(3));
    expect(contents(3)).to.not.deep.equal(contents(4));
  });

  it('low-balance, not-enrolled, feature-disabled and quiet-room set up what they say', async () => {
    const check = async (name: (typeof scenarioNames)[number]) => {
      const backend = new MockBackend();
      const info = loadScenario(backend, name);
      return { backend, info, room: await backend.room(info.me.id, info.courseId) };
    };
    const low = await check('low-balance');
    expect(low.room.ok && low.room.value.balance).to.be.below(low.backend.limits.low_balance_threshold);
    const outsider = await check('not-enrolled');
    expect(!outsider.room.ok && outsider.room.error.code).to.equal('not_enrolled');
    expect((await outsider.backend.room(outsider.info.other.id, outsider.info.courseId)).ok).to.be.true;
    const disabled = await check('feature-disabled');
    expect(!disabled.room.ok && disabled.room.error.code).to.equal('feature_disabled');
    const quiet = await check('quiet-room');
    expect(quiet.room.ok && quiet.room.value.last_seq).to.equal(0);
  });
});

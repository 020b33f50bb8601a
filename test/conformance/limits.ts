/**
 * Room limits a deployment configures: one suite, run against the mock (its `limits` option) and
 * the Worker (its wrangler vars) set to the same non-default limits, so both read them the same
 * way, announce them with the room and enforce them.
 */
import { expect } from '@open-wc/testing';
import {
  awardResponse,
  defaultLimits,
  historyResponse,
  messageResponse,
  paths,
  reportResponse,
  type RoomLimits,
} from '../../src/protocol/index.js';
import { courseFactory, expectError, messageBody, Wire } from './wire.js';

/** Every value differs from `defaultLimits`, so a backend that ignores one fails. */
export const configuredLimits = {
  max_message_length: 40,
  min_send_interval_ms: 4000,
  default_award_points: 2,
  max_award_points: 3,
  low_balance_threshold: 4,
  history_page_size: 2,
  heartbeat_interval_ms: 15_000,
  edit_window_ms: 60_000,
  report_hide_threshold: 2,
} satisfies RoomLimits;

export function configuredLimitsSuite(target: { name: string; apiBase: string }): void {
  describe(`configured room limits: ${target.name}`, function () {
    this.timeout(30_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);
    const post = (courseId: string, token: string, content: string) =>
      wire.call('POST', paths.messages(courseId), { token, body: messageBody(content) });

    it('announces the configured limits with the room', async () => {
      for (const [name, value] of Object.entries(configuredLimits))
        expect(value, name).to.not.equal(defaultLimits[name as keyof RoomLimits]);
      const c = await course({ students: 1 });
      expect((await c.room(c.students[0]!)).limits).to.deep.equal(configuredLimits);
    });

    it('refuses a message over the configured length, counted in code points', async () => {
      const c = await course({ students: 2 });
      const [ana, ben] = c.students;
      const tooLong = expectError(await post(c.id, ana!.token, '😀'.repeat(41)), 'content_too_long');
      expect(tooLong.message).to.equal('At most 40 characters.');
      expect((await post(c.id, ben!.token, '😀'.repeat(40))).status).to.equal(201);
    });

    it('rate-limits with the configured interval', async () => {
      const c = await course({ students: 1 });
      const [ana] = c.students;
      expect((await post(c.id, ana!.token, 'one')).status).to.equal(201);
      const limited = expectError(await post(c.id, ana!.token, 'two'), 'rate_limited');
      // Longer than the default interval could ever ask for: the configured one applies.
      expect(limited.retry_after_ms).to.be.within(defaultLimits.min_send_interval_ms + 1, 4000);
    });

    it('allows awards up to the configured maximum only', async () => {
      const c = await course({ students: 2, balance: 100 });
      const [ana, ben] = c.students;
      const reply = await wire.ok(
        messageResponse,
        'POST',
        paths.messages(c.id),
        { token: ben!.token, body: messageBody('a tip') },
        201,
      );
      const award = (points: number) =>
        wire.call('POST', paths.award(), {
          token: ana!.token,
          body: { recipient_id: ben!.id, points, reason: 'chat_help', reference_id: reply.message.id },
        });
      const refused = expectError(await award(4), 'points_out_of_range');
      expect(refused.message).to.equal('Points must be 1 to 3.');
      const given = awardResponse.parse((await award(3)).json);
      expect(given.award.points).to.equal(3);
    });

    it('pages history by the configured page size', async () => {
      const c = await course({ students: 3 });
      for (const [index, person] of c.students.entries())
        expect((await post(c.id, person.token, `message ${index}`)).status).to.equal(201);
      const page = await wire.ok(historyResponse, 'GET', paths.messages(c.id), { token: c.students[0]!.token });
      expect(page.messages.map((message) => message.content)).to.deep.equal(['message 1', 'message 2']);
      expect(page.has_more).to.be.true;
    });

    it('hides a message for everyone at the configured number of reports', async () => {
      const c = await course({ students: 4 });
      const [ana, ben, cy, dee] = c.students;
      const sent = messageResponse.parse((await post(c.id, ana!.token, 'spam')).json).message;
      const report = (person: typeof ben) =>
        wire.ok(
          reportResponse,
          'POST',
          paths.report(c.id, sent.id),
          { token: person!.token, body: { reason: 'spam' } },
          201,
        );
      expect((await report(ben)).hidden).to.be.false;
      expect((await report(cy)).hidden).to.be.true;
      const seen = await wire.ok(historyResponse, 'GET', paths.messages(c.id), { token: dee!.token });
      expect(seen.messages).to.deep.equal([]);
    });
  });
}

/**
 * Moderation at wire level (docs/protocol.md, "Moderation"), against any backend: reports and the
 * hiding they trigger, authors editing and deleting, moderators' decisions from the room and
 * MODQ's signed ones, mutes, and who sees a hidden message, live and in history. The backend runs
 * with `moderationLimits` (a short edit window) and MODQ's secret `moderationModqSecret`.
 */
import { expect } from '@open-wc/testing';
import { signModqRequest } from '../../src/backend/hmac.js';
import {
  awardResponse,
  decisionResponse,
  historyResponse,
  messageResponse,
  myAwardsResponse,
  paths,
  readResponse,
  reportedResponse,
  reportResponse,
  searchResponse,
  type ChatMessage,
  type ModerationDecision,
  type ReportBody,
  type SendMessageBody,
  type SignedDecisionBody,
} from '../../src/protocol/index.js';
import {
  courseFactory,
  expectError,
  messageBody,
  pause,
  uid,
  Wire,
  type Course,
  type Person,
  type Reply,
} from './wire.js';

/** A short edit window, so a test can outlive it; no rate limit, so one person may send twice. */
export const moderationLimits = { edit_window_ms: 2500, min_send_interval_ms: 0 };

/** The secret MODQ signs its decisions with, on both backends under test. */
export const moderationModqSecret = 'conformance-modq-secret';

export interface ModerationTarget {
  name: string;
  apiBase: string;
  /**
   * POSTs as MODQ does, from a server: a page may not send the signature headers to another
   * origin. Defaults to the page's own `fetch`, which reaches an in-page backend.
   */
  serverPost?: (url: string, body: string, headers: Record<string, string>) => Promise<Reply>;
}

export function moderationSuite(target: ModerationTarget): void {
  describe(`moderation: ${target.name}`, function () {
    this.timeout(30_000);
    const wire = new Wire(target.apiBase);
    const course = courseFactory(wire);

    const send = async (c: Course, person: Person, content: string, extra: Partial<SendMessageBody> = {}) =>
      (
        await wire.ok(
          messageResponse,
          'POST',
          paths.messages(c.id),
          { token: person.token, body: messageBody(content, extra) },
          201,
        )
      ).message;
    const report = (c: Course, person: Person, messageId: string, body: ReportBody = { reason: 'spam' }) =>
      wire.call('POST', paths.report(c.id, messageId), { token: person.token, body });
    const decide = (c: Course, person: Person, decision: ModerationDecision) =>
      wire.call('POST', paths.moderation(c.id), { token: person.token, body: decision });
    const edit = (c: Course, person: Person, messageId: string, content: string) =>
      wire.call('PATCH', paths.message(c.id, messageId), { token: person.token, body: { content } });
    const remove = (c: Course, person: Person, messageId: string) =>
      wire.call('DELETE', paths.message(c.id, messageId), { token: person.token });
    const history = async (c: Course, person: Person, query = '') =>
      (await wire.ok(historyResponse, 'GET', `${paths.messages(c.id)}${query}`, { token: person.token })).messages;
    const ids = (messages: ChatMessage[]) => messages.map((message) => message.id);
    const reported = (c: Course, person: Person) =>
      wire.ok(reportedResponse, 'GET', paths.reported(c.id), { token: person.token });
    const decision = (c: Course, fields: ModerationDecision): SignedDecisionBody => ({
      ...fields,
      decision_id: uid('decision'),
      course_id: c.id,
      moderator_id: 'platform-moderator-7',
    });
    const toDecisions = (raw: string, headers: Record<string, string>) =>
      target.serverPost
        ? target.serverPost(`${wire.apiBase}${paths.moderationDecisions()}`, raw, {
            ...headers,
            'content-type': 'application/json',
          })
        : wire.call('POST', paths.moderationDecisions(), { raw, headers });
    /** POSTs a decision as MODQ would, signed with `secret` at `at` (ms since the epoch). */
    const signed = async (body: SignedDecisionBody, { secret = moderationModqSecret, at = Date.now() } = {}) => {
      const raw = JSON.stringify(body);
      return toDecisions(raw, await signModqRequest(secret, raw, at));
    };

    describe('reports', () => {
      it('asks for a reason, and a note with "other"', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const message = await send(c, ana!, 'hello');
        for (const body of [{}, { reason: 'rude' }, { reason: 'other' }, { reason: 'other', note: '   ' }])
          expectError(
            await wire.call('POST', paths.report(c.id, message.id), { token: ben!.token, body }),
            'invalid_request',
          );
        const ok = await report(c, ben!, message.id, { reason: 'other', note: 'answers the exam' });
        expect(reportResponse.parse(ok.json)).to.deep.equal({ reported: true, hidden: false });
        expect(ok.status).to.equal(201);
      });

      it("refuses reporting one's own message, a deleted one and one that does not exist", async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const mine = await send(c, ana!, 'my own words');
        expectError(await report(c, ana!, mine.id), 'self_report');
        const gone = await send(c, ben!, 'soon gone');
        expect((await remove(c, ben!, gone.id)).status).to.equal(200);
        expectError(await report(c, ana!, gone.id), 'message_deleted');
        expectError(await report(c, ana!, uid('missing')), 'message_not_found');
      });

      it('hides a message for everyone once three distinct people report it, the same person twice counting once', async () => {
        const c = await course({ students: 5, moderators: 1 });
        const [ana, ben, cy, dee, eve] = c.students;
        const [mod] = c.moderators;
        const question = await send(c, ana!, 'buy my homework answers?', { is_question: true });
        const unreadBefore = (await c.room(eve!)).unread.count;
        const [eveSocket, modSocket] = await Promise.all([c.connect(eve!), c.connect(mod!)]);

        expect(reportResponse.parse((await report(c, ben!, question.id)).json).hidden).to.equal(false);
        const again = await report(c, ben!, question.id, { reason: 'harassment' });
        expect(again.status).to.equal(200);
        expect(reportResponse.parse(again.json)).to.deep.equal({ reported: true, hidden: false });
        expect((await report(c, cy!, question.id)).status).to.equal(201);
        expect((await reported(c, mod!)).reported[0]?.reports).to.have.length(2);
        const third = await report(c, dee!, question.id, { reason: 'off_topic' });
        expect(third.status).to.equal(201);
        expect(reportResponse.parse(third.json)).to.deep.equal({ reported: true, hidden: true });

        await eveSocket.next('message_hidden', (frame) => frame.message_id === question.id);
        const counts = modSocket.all('reported', (frame) => frame.message_id === question.id);
        await modSocket.next('reported', (frame) => frame.report_count === 3 && frame.hidden);
        expect(counts.map((frame) => frame.report_count).slice(0, 2)).to.deep.equal([1, 2]);

        // Everyone else loses it: history, open questions, search and unread counts.
        expect(ids(await history(c, eve!))).to.deep.equal([]);
        expect(ids(await history(c, eve!, '?questions=open'))).to.deep.equal([]);
        const search = await wire.ok(searchResponse, 'GET', `${paths.search(c.id)}?q=homework`, { token: eve!.token });
        expect(search.results).to.deep.equal([]);
        expect(unreadBefore).to.equal(1);
        expect((await c.room(eve!)).unread.count).to.equal(0);
        const award = { recipient_id: ana!.id, points: 1, reason: 'chat_help', reference_id: question.id };
        expectError(await wire.call('POST', paths.award(), { token: eve!.token, body: award }), 'message_not_found');
        // Its author sees it removed, without its content; moderators see it all.
        const [asAuthor] = await history(c, ana!);
        expect(asAuthor).to.include({ id: question.id, hidden: true, content: '' });
        expect(asAuthor?.mentions).to.deep.equal([]);
        const [asModerator] = await history(c, mod!);
        expect(asModerator).to.include({ id: question.id, hidden: true, content: 'buy my homework answers?' });
        const queue = await reported(c, mod!);
        expect(queue.reported.map((entry) => entry.message.id)).to.deep.equal([question.id]);
        expect(queue.reported[0]?.message.hidden).to.equal(true);
        expect(queue.reported[0]?.reports.map((filed) => filed.reporter_id)).to.have.members([
          ben!.id,
          cy!.id,
          dee!.id,
        ]);
      });
    });

    describe('moderators', () => {
      it('hide and restore a message, live in every open window', async () => {
        const c = await course({ students: 2, moderators: 1 });
        const [ana, ben] = c.students;
        const [mod] = c.moderators;
        const message = await send(c, ana!, 'borderline joke');
        const benSocket = await c.connect(ben!);
        const applied = await decide(c, mod!, { action: 'hide', message_id: message.id, reason: 'rude' });
        expect(decisionResponse.parse(applied.json)).to.deep.equal({ applied: true });
        await benSocket.next('message_hidden', (frame) => frame.message_id === message.id);
        expect(ids(await history(c, ben!))).to.deep.equal([]);

        expect((await decide(c, mod!, { action: 'restore', message_id: message.id })).status).to.equal(200);
        const restored = await benSocket.next('message_restored', (frame) => frame.data.id === message.id);
        expect(restored.data.content).to.equal('borderline joke');
        expect(restored.data.hidden).to.equal(undefined);
        expect(ids(await history(c, ben!))).to.deep.equal([message.id]);
      });

      it('dismiss reports, leaving the message as it is', async () => {
        const c = await course({ students: 3, moderators: 1 });
        const [ana, ben, cy] = c.students;
        const [mod] = c.moderators;
        const message = await send(c, ana!, 'fine really');
        const modSocket = await c.connect(mod!);
        await report(c, ben!, message.id);
        await modSocket.next('reported', (frame) => frame.report_count === 1);
        expect((await decide(c, mod!, { action: 'dismiss', message_id: message.id })).status).to.equal(200);
        await modSocket.next('reported', (frame) => frame.message_id === message.id && frame.report_count === 0);
        expect((await reported(c, mod!)).reported).to.deep.equal([]);
        expect(ids(await history(c, cy!))).to.deep.equal([message.id]);
      });

      it('are the only ones who decide or read the Reported queue, and only in their course', async () => {
        const [c, other] = await Promise.all([course({ students: 2, moderators: 1 }), course({ students: 1 })]);
        const [ana, ben] = c.students;
        const [mod] = c.moderators;
        const message = await send(c, ana!, 'hello');
        expectError(await decide(c, ben!, { action: 'hide', message_id: message.id }), 'not_moderator');
        expectError(await wire.call('GET', paths.reported(c.id), { token: ben!.token }), 'not_moderator');
        expect(ids(await history(c, ben!))).to.deep.equal([message.id]);
        const elsewhere = await send(other, other.students[0]!, 'another course');
        expectError(await decide(c, mod!, { action: 'hide', message_id: elsewhere.id }), 'message_not_found');
        expect(ids(await history(other, other.students[0]!))).to.deep.equal([elsewhere.id]);
      });

      it('mute a user, who reads but cannot send over REST or the socket until unmuted', async () => {
        const c = await course({ students: 2, moderators: 1 });
        const [ana, ben] = c.students;
        const [mod] = c.moderators;
        const [anaSocket, modSocket] = await Promise.all([c.connect(ana!), c.connect(mod!)]);
        const until = new Date(Date.now() + 60_000).toISOString();
        expectError(
          await decide(c, mod!, { action: 'mute', user_id: ana!.id, until: new Date(Date.now() - 1000).toISOString() }),
          'invalid_request',
        );
        expect((await decide(c, mod!, { action: 'mute', user_id: ana!.id, until, reason: 'spam' })).status).to.equal(
          200,
        );
        const heard = await anaSocket.next('muted', (frame) => frame.user_id === ana!.id);
        expect(Date.parse(heard.until ?? '')).to.equal(Date.parse(until));
        await modSocket.next('muted', (frame) => frame.user_id === ana!.id && frame.until !== null);
        expect(Date.parse((await c.room(ana!)).muted_until ?? '')).to.equal(Date.parse(until));
        expect((await c.room(ben!)).muted_until).to.equal(undefined);

        const refused = expectError(
          await wire.call('POST', paths.messages(c.id), { token: ana!.token, body: messageBody('let me speak') }),
          'muted',
        );
        expect(refused.retry_after_ms).to.be.within(1, 60_000);
        const frame = messageBody('over the socket');
        anaSocket.send({ type: 'message', ...frame });
        const error = await anaSocket.next('error', (answer) => answer.client_id === frame.client_id);
        expect(error.code).to.equal('muted');
        expect(error.retry_after_ms).to.be.within(1, 60_000);
        // Reading, marking read and reporting go on.
        const benMessage = await send(c, ben!, 'still here');
        expect(ids(await history(c, ana!))).to.deep.equal([benMessage.id]);
        await wire.ok(readResponse, 'POST', paths.read(c.id), { token: ana!.token, body: { seq: benMessage.seq } });
        expect((await report(c, ana!, benMessage.id)).status).to.equal(201);

        expect((await decide(c, mod!, { action: 'unmute', user_id: ana!.id })).status).to.equal(200);
        await anaSocket.next('muted', (muted) => muted.until === null);
        expect((await c.room(ana!)).muted_until).to.equal(undefined);
        await send(c, ana!, 'thank you');
      });
    });

    describe('authors', () => {
      it('edit their own message within the window, live for everyone, and no one else may', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const message = await send(c, ana!, 'teh kernel');
        const benSocket = await c.connect(ben!);
        expectError(await edit(c, ben!, message.id, 'vandalised'), 'not_author');
        expectError(await edit(c, ana!, message.id, 'x'.repeat(2001)), 'content_too_long');
        const edited = messageResponse.parse((await edit(c, ana!, message.id, 'the kernel')).json).message;
        expect(edited).to.include({ id: message.id, content: 'the kernel' });
        expect(Date.parse(edited.edited_at ?? '')).to.be.at.least(Date.parse(message.created_at));
        const live = await benSocket.next('message_updated', (frame) => frame.data.id === message.id);
        expect(live.data.content).to.equal('the kernel');
        expect((await history(c, ben!))[0]?.content).to.equal('the kernel');
      });

      it('cannot edit once the edit window has passed', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        const message = await send(c, ana!, 'first thought');
        const { edit_window_ms: window } = (await c.room(ana!)).limits;
        await pause(Date.parse(message.created_at) + window - Date.now() + 200);
        expectError(await edit(c, ana!, message.id, 'second thought'), 'edit_window_closed');
        expect((await history(c, ana!))[0]?.content).to.equal('first thought');
      });

      it('delete their own message at any time, live; a deleted question leaves the open ones; its awards stay', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const question = await send(c, ana!, 'what is @ben up to?', { is_question: true, mentions: [ben!.id] });
        await wire.ok(
          awardResponse,
          'POST',
          paths.award(),
          {
            token: ben!.token,
            body: { recipient_id: ana!.id, points: 5, reason: 'chat_help', reference_id: question.id },
          },
          201,
        );
        const [anaBalance, benBalance] = [(await c.room(ana!)).balance, (await c.room(ben!)).balance];
        const benSocket = await c.connect(ben!);
        expectError(await remove(c, ben!, question.id), 'not_author');

        const deleted = messageResponse.parse((await remove(c, ana!, question.id)).json).message;
        expect(deleted).to.include({ id: question.id, content: '', deleted: true, helpful_points: 5 });
        expect(deleted.mentions).to.deep.equal([]);
        const live = await benSocket.next('message_updated', (frame) => frame.data.id === question.id);
        expect(live.data).to.include({ deleted: true, content: '' });
        expect((await remove(c, ana!, question.id)).status).to.equal(200);

        expect(ids(await history(c, ben!, '?questions=open'))).to.deep.equal([]);
        expect((await history(c, ben!))[0]).to.include({ id: question.id, deleted: true });
        expectError(await edit(c, ana!, question.id, 'back again'), 'message_deleted');
        expect([(await c.room(ana!)).balance, (await c.room(ben!)).balance]).to.deep.equal([anaBalance, benBalance]);
        const { awards } = await wire.ok(myAwardsResponse, 'GET', paths.myAwards(c.id), { token: ben!.token });
        expect(awards.map((given) => [given.reference_id, given.points])).to.deep.equal([[question.id, 5]]);
      });
    });

    describe('decisions signed by MODQ', () => {
      it('refuse a missing or wrong signature and a stale timestamp, changing nothing', async () => {
        const c = await course({ students: 2 });
        const [ana, ben] = c.students;
        const message = await send(c, ana!, 'reported elsewhere');
        const hide = decision(c, { action: 'hide', message_id: message.id });
        const raw = JSON.stringify(hide);
        expectError(await toDecisions(raw, {}), 'invalid_signature');
        expectError(await signed(hide, { secret: 'not-the-secret' }), 'invalid_signature');
        const forged = await signModqRequest(moderationModqSecret, raw, Date.now());
        const tampered = JSON.stringify({ ...hide, action: 'restore' });
        expectError(await toDecisions(tampered, forged), 'invalid_signature');
        expectError(await signed(hide, { at: Date.now() - 301_000 }), 'stale_request');
        expectError(await signed(hide, { at: Date.now() + 301_000 }), 'stale_request');
        expect(ids(await history(c, ben!))).to.deep.equal([message.id]);
        // Refused, the decision id was not spent.
        expect((await signed(hide)).status).to.equal(200);
      });

      it('apply a decision live in every open window, and refuse its replay', async () => {
        const c = await course({ students: 2, moderators: 1 });
        const [ana, ben] = c.students;
        const [mod] = c.moderators;
        const message = await send(c, ana!, 'needs review');
        const benSocket = await c.connect(ben!);
        const hide = decision(c, { action: 'hide', message_id: message.id, reason: 'MODQ review' });
        expect(decisionResponse.parse((await signed(hide)).json)).to.deep.equal({ applied: true });
        // Within a second of MODQ's answer.
        await benSocket.next('message_hidden', (frame) => frame.message_id === message.id, { timeoutMs: 1000 });

        expect((await decide(c, mod!, { action: 'restore', message_id: message.id })).status).to.equal(200);
        const replay = await signed(hide);
        expectError(replay, 'replayed');
        expect(ids(await history(c, ben!))).to.deep.equal([message.id]);
      });

      it('mute a user of the course, and know no course that does not exist', async () => {
        const c = await course({ students: 1 });
        const [ana] = c.students;
        const until = new Date(Date.now() + 60_000).toISOString();
        expect((await signed(decision(c, { action: 'mute', user_id: ana!.id, until }))).status).to.equal(200);
        expect(Date.parse((await c.room(ana!)).muted_until ?? '')).to.equal(Date.parse(until));
        const nowhere = { ...decision(c, { action: 'unmute', user_id: ana!.id }), course_id: uid('nowhere') };
        expectError(await signed(nowhere), 'course_not_found');
        expect((await c.room(ana!)).muted_until).to.not.equal(undefined);
      });
    });
  });
}

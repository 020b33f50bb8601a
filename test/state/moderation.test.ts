import { expect, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import { ApiError, type ApiClient } from '../../src/client/index.js';
import type { ChatMessage, ReportedResponse, RoomDecisionBody, RoomResponse } from '../../src/protocol/index.js';
import type { AnalyticsEvent, ChatStore } from '../../src/state/index.js';
import { createLifetime } from '../../src/state/lifetime.js';
import { createModeration } from '../../src/state/moderation.js';
import { createNotices } from '../../src/state/notices.js';
import { fakeClient, roomOf, storedMessage } from './fake-client.js';
import { postAs, useLiveStores } from './helpers.js';

/** Moderation with a scripted client: edits and deletions, hidden and restored messages, mutes, the Reported queue. */
describe('moderation', () => {
  const ana = { id: 'ana', name: 'Ana', avatar_url: null, is_student_teacher: false };
  const ben = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false };
  const mine = storedMessage({ id: 'm1', seq: 1, author: ana, content: 'my words', mentions: ['ben'] });
  const bens = storedMessage({ id: 'm2', seq: 2, author: ben, content: 'spam spam' });
  const reportedQueue = (hidden: boolean): ReportedResponse => ({
    reported: [
      {
        message: { ...bens, ...(hidden ? { hidden: true as const } : {}) },
        reports: [{ reporter_id: 'ana', reason: 'spam', note: null, created_at: '2026-11-24T10:01:00.000Z' }],
      },
    ],
  });

  const lifetimes: ReturnType<typeof createLifetime>[] = [];
  afterEach(() => lifetimes.splice(0).forEach((lifetime) => lifetime.end()));

  function moderationOn(api: ApiClient, room: RoomResponse = roomOf()) {
    const notices = createNotices();
    const changed: ChatMessage[] = [];
    const tracked: AnalyticsEvent[] = [];
    const lifetime = createLifetime();
    lifetimes.push(lifetime);
    const moderation = createModeration({
      api,
      courseId: 'c',
      $room: atom(room),
      lifetime,
      notices,
      find: (id) => [mine, bens].find((m) => m.id === id),
      changed: (message) => void changed.push(message),
      track: (event) => void tracked.push(event),
    });
    moderation.roomLoaded(room);
    return { moderation, notices, changed, tracked };
  }

  it('knows a moderator and a muted user from the room, and lifts the mute at its end', async () => {
    const until = new Date(Date.now() + 150).toISOString();
    const { moderation } = moderationOn(fakeClient({}), roomOf({ moderator: true, muted_until: until }));
    expect(moderation.$moderator.get()).to.be.true;
    expect(moderation.$mutedUntil.get()).to.equal(until);
    await waitUntil(() => moderation.$mutedUntil.get() === null, 'the mute never lifted');

    const student = moderationOn(fakeClient({})).moderation;
    expect(student.$moderator.get()).to.be.false;
    expect(student.$mutedUntil.get()).to.be.null;
  });

  it('follows muted frames about the user, not about others, and a far end does not lift at once', async () => {
    const { moderation } = moderationOn(fakeClient({}));
    const nextMonth = new Date(Date.now() + 40 * 24 * 60 * 60_000).toISOString();
    moderation.apply({ type: 'muted', user_id: 'ben', until: nextMonth });
    expect(moderation.$mutedUntil.get(), 'someone else’s mute').to.be.null;
    moderation.apply({ type: 'muted', user_id: 'ana', until: nextMonth });
    // Longer than setTimeout's range: a plain timer would have fired at once.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(moderation.$mutedUntil.get()).to.equal(nextMonth);
    moderation.apply({ type: 'muted', user_id: 'ana', until: null });
    expect(moderation.$mutedUntil.get()).to.be.null;
  });

  it('asks again after a reconnect whether a muted user still is, and no one else', async () => {
    let asked = 0;
    const until = new Date(Date.now() + 60 * 60_000).toISOString();
    const { moderation } = moderationOn(
      fakeClient({ room: async () => (asked++, roomOf()) }),
      roomOf({ muted_until: until }),
    );
    await moderation.catchUp();
    expect(asked).to.equal(1);
    expect(moderation.$mutedUntil.get(), 'unmuted while away').to.be.null;
    await moderation.catchUp();
    expect(asked, 'not muted: nothing to ask').to.equal(1);
  });

  it('learns of a mute missed while away from a refused send, until when it says', () => {
    const { moderation } = moderationOn(fakeClient({}));
    moderation.refusedAsMuted(90_000);
    const until = Date.parse(moderation.$mutedUntil.get() ?? '');
    expect(until - Date.now()).to.be.within(89_000, 90_000);
  });

  it('leaves out a hidden message for everyone but its author, who keeps it removed, until it is restored', () => {
    const { moderation } = moderationOn(fakeClient({}));
    expect(moderation.apply({ type: 'message_hidden', message_id: 'm2' })).to.be.undefined;
    expect([...moderation.$hidden.get()]).to.deep.equal(['m2']);

    const ownCopy = moderation.apply({ type: 'message_hidden', message_id: 'm1' });
    expect(ownCopy, 'the author sees it removed, without its text').to.deep.include({
      id: 'm1',
      hidden: true,
      content: '',
      mentions: [],
    });
    expect(moderation.$hidden.get().has('m1')).to.be.false;

    expect(moderation.apply({ type: 'message_restored', data: bens })).to.equal(bens);
    expect(moderation.$hidden.get().size).to.equal(0);
  });

  it('leaves a hidden message it does not hold to history, which gives its author the removed copy', () => {
    const { moderation } = moderationOn(fakeClient({}));
    expect(moderation.apply({ type: 'message_hidden', message_id: 'older-than-the-pages' })).to.be.undefined;
    expect(moderation.$hidden.get().size).to.equal(0);
  });

  it('keeps a hidden message, with its text, for a moderator to review', () => {
    const { moderation } = moderationOn(
      fakeClient({ reported: async () => reportedQueue(true) }),
      roomOf({ moderator: true }),
    );
    expect(moderation.apply({ type: 'message_hidden', message_id: 'm2' })).to.deep.include({
      id: 'm2',
      hidden: true,
      content: 'spam spam',
    });
    expect(moderation.$hidden.get().size).to.equal(0);
  });

  it('reads the Reported queue for a moderator on each reported frame, one request at a time', async () => {
    let requests = 0;
    let answer!: () => void;
    const { moderation } = moderationOn(
      fakeClient({
        reported: () => {
          requests += 1;
          return new Promise((resolve) => (answer = () => resolve(reportedQueue(requests > 1))));
        },
      }),
      roomOf({ moderator: true }),
    );
    const frame = { type: 'reported', message_id: 'm2', report_count: 1, hidden: false } as const;
    moderation.apply(frame);
    moderation.apply(frame);
    moderation.apply(frame);
    answer();
    await waitUntil(() => requests === 2, 'the changes during the first read were never read');
    answer();
    await waitUntil(() => moderation.$reported.get()[0]?.message.hidden === true);
    expect(requests, 'three frames, two reads: the one under way, then one for what came meanwhile').to.equal(2);
  });

  it('never asks for the Reported queue of someone who is not a moderator', async () => {
    // The scripted client rejects reported(): a request would fail the read.
    const { moderation } = moderationOn(fakeClient({}));
    await moderation.catchUp();
    moderation.apply({ type: 'reported', message_id: 'm2', report_count: 1, hidden: false });
    expect(moderation.$reported.get()).to.deep.equal([]);
  });

  it('edits only the user’s own message, and saving ends the editing', async () => {
    const edited = { ...mine, content: 'better words', edited_at: '2026-11-24T10:05:00.000Z' };
    const { moderation, changed } = moderationOn(
      fakeClient({
        edit: async (courseId, messageId, content) => {
          expect([courseId, messageId, content]).to.deep.equal(['c', 'm1', 'better words']);
          return { message: edited };
        },
      }),
    );
    moderation.beginEdit('m2');
    expect(moderation.$editing.get(), 'not the author').to.be.null;
    moderation.beginEdit('m1');
    expect(moderation.$editing.get()).to.equal(mine);
    await moderation.edit('m1', 'better words');
    expect(changed).to.deep.equal([edited]);
    expect(moderation.$editing.get()).to.be.null;
  });

  it('says why an edit was refused and keeps the message in the composer', async () => {
    const { moderation, notices, changed } = moderationOn(
      fakeClient({
        edit: () => Promise.reject(new ApiError(409, 'edit_window_closed', 'Messages can be edited for 15 minutes.')),
      }),
    );
    moderation.beginEdit('m1');
    await moderation.edit('m1', 'too late');
    expect(notices.$notice.get()).to.deep.equal({
      kind: 'edit_failed',
      reason: 'Messages can be edited for 15 minutes.',
    });
    expect(moderation.$editing.get()).to.equal(mine);
    expect(changed).to.deep.equal([]);
  });

  it('deletes the user’s message, or says why not', async () => {
    const deleted = { ...mine, content: '', mentions: [], deleted: true as const };
    const { moderation, changed } = moderationOn(fakeClient({ deleteMessage: async () => ({ message: deleted }) }));
    await moderation.deleteMessage('m1');
    expect(changed).to.deep.equal([deleted]);

    const refused = moderationOn(
      fakeClient({ deleteMessage: () => Promise.reject(new ApiError(403, 'not_author', 'Not your message.')) }),
    );
    await refused.moderation.deleteMessage('m2');
    expect(refused.notices.$notice.get()).to.deep.equal({ kind: 'delete_failed', reason: 'Not your message.' });
  });

  it('sends a moderator’s decision and shows the queue after it at once', async () => {
    const decisions: RoomDecisionBody[] = [];
    const { moderation } = moderationOn(
      fakeClient({
        moderate: async (_courseId, decision) => {
          decisions.push(decision);
          return { applied: true };
        },
        reported: async () => ({ reported: [] }),
      }),
      roomOf({ moderator: true }),
    );
    await moderation.moderate({ action: 'hide', message_id: 'm2', reason: 'spam' });
    expect(decisions).to.deep.equal([{ action: 'hide', message_id: 'm2', reason: 'spam' }]);
    expect(moderation.$reported.get()).to.deep.equal([]);
  });

  it('tells a refused decision as a notice with the backend’s reason', async () => {
    const { moderation, notices } = moderationOn(
      fakeClient({
        moderate: () => Promise.reject(new ApiError(403, 'not_moderator', 'Only moderators may do that.')),
      }),
    );
    await moderation.moderate({ action: 'mute', user_id: 'ben', until: '2026-11-25T10:00:00.000Z' });
    expect(notices.$notice.get()).to.deep.equal({
      kind: 'moderation_failed',
      reason: 'Only moderators may do that.',
    });
  });

  it('tracks a report as message_reported, with its reason, and hides the message for the reporter', async () => {
    const { moderation, tracked } = moderationOn(
      fakeClient({ report: async () => ({ reported: true, hidden: false }) }),
    );
    await moderation.report('m2', { reason: 'spam' });
    expect(tracked).to.deep.equal([
      { name: 'message_reported', data: { course_id: 'c', message_id: 'm2', reason: 'spam' } },
    ]);
    expect([...moderation.$hidden.get()]).to.deep.equal(['m2']);
    moderation.apply({ type: 'message_restored', data: bens });
    expect([...moderation.$hidden.get()], 'restored by moderators, still reported by this user').to.deep.equal(['m2']);
  });
});

/** Moderation as the stores of an author, a classmate and a moderator see it, on the mock backend. */
describe('moderation in the session, live', () => {
  const { mock, live } = useLiveStores({ scenario: 'moderation', limits: { min_send_interval_ms: 0 } });
  const people = () => {
    const { me, other, people: everyone } = mock().scenario!;
    const author = everyone.find((p) => p.role === 'student' && p.id !== other.id)!;
    return { moderator: me.id, author: author.id, classmate: other.id };
  };

  it('hides a question for the classmate and from everyone’s help queue; its author sees it removed, the moderator its text', async () => {
    const { moderator, author, classmate } = people();
    const stores = { moderator: await live(moderator), author: await live(author), classmate: await live(classmate) };
    const question = postAs(mock(), author, 'Is every square matrix diagonalisable?', { is_question: true });
    const all = Object.values(stores);
    await waitUntil(() => all.every((store) => store.$pendingQuestions.get().some((q) => q.id === question.id)));

    await stores.moderator.moderate({ action: 'hide', message_id: question.id });
    const seen = (store: ChatStore) => store.$messages.get().find((m) => m.id === question.id);
    await waitUntil(() => !seen(stores.classmate), 'the classmate still sees it');
    await waitUntil(() => seen(stores.author)?.hidden && seen(stores.moderator)?.hidden);
    expect(seen(stores.author)).to.deep.include({ content: '', mentions: [] });
    expect(seen(stores.moderator)?.content).to.equal('Is every square matrix diagonalisable?');
    expect(all.every((store) => store.$pendingQuestions.get().every((q) => q.id !== question.id))).to.be.true;

    await stores.moderator.moderate({ action: 'restore', message_id: question.id });
    await waitUntil(() => seen(stores.classmate)?.content === 'Is every square matrix diagonalisable?');
    await waitUntil(() => all.every((store) => store.$pendingQuestions.get().some((q) => q.id === question.id)));
    expect(seen(stores.author)?.hidden).to.be.undefined;
  });

  it('tells a muted user until when as it happens, and refuses their send', async () => {
    const { moderator, author } = people();
    const mod = await live(moderator);
    const muted = await live(author);
    const until = new Date(Date.now() + 30 * 60_000).toISOString();
    await mod.moderate({ action: 'mute', user_id: author, until });
    await waitUntil(() => muted.$mutedUntil.get() === until, 'the mute never reached the user');
    muted.send('Can I still write?');
    await waitUntil(() => muted.$messages.get().find((m) => m.content === 'Can I still write?')?.delivery === 'failed');
  });

  it('gives a moderator the Reported queue as the room opens, and nobody else', async () => {
    const { moderator, classmate } = people();
    const mod = await live(moderator);
    await waitUntil(() => mod.$reported.get().length === 2, 'the scenario’s two reported messages');
    expect(mod.$moderator.get()).to.be.true;
    const student = await live(classmate);
    expect(student.$moderator.get()).to.be.false;
    expect(student.$reported.get()).to.deep.equal([]);
  });
});

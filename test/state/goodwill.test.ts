import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { ApiError, type ApiClient } from '../../src/client/index.js';
import type { AnalyticsEvent } from '../../src/state/index.js';
import { createGoodwill } from '../../src/state/goodwill.js';
import { createNotices } from '../../src/state/notices.js';
import { fakeClient, messagesFrom, roomOf } from './fake-client.js';

/** Goodwill points with a scripted client: the balance, awards and what the person is told. */
describe('goodwill', () => {
  const [answer] = messagesFrom(7, 7);

  function goodwillOn(api: ApiClient) {
    const notices = createNotices();
    const tracked: AnalyticsEvent[] = [];
    const goodwill = createGoodwill({
      api,
      courseId: 'c',
      $room: atom(roomOf()),
      find: (id) => (id === answer!.id ? answer : undefined),
      notices,
      track: (event) => tracked.push(event),
    });
    goodwill.confirmed(50);
    return { goodwill, notices, tracked };
  }

  it('tells the person why the backend refused an award, and gives the points back', async () => {
    const { goodwill, notices, tracked } = goodwillOn(
      fakeClient({ award: () => Promise.reject(new ApiError(409, 'insufficient_balance', 'Not enough points.')) }),
    );
    const awarding = goodwill.award(answer!.id, 20);
    expect(goodwill.$balance.get()).to.equal(30);
    expect(await awarding).to.be.false;
    expect(goodwill.$balance.get()).to.equal(50);
    expect(notices.$notice.get(), 'a refusal offers no Try again').to.deep.equal({
      kind: 'award_failed',
      reason: 'Not enough points.',
    });
    expect(tracked).to.deep.equal([]);
  });

  it('offers Try again when the award failed on the way, which sends the same award again', async () => {
    const sent: number[] = [];
    const { goodwill, notices } = goodwillOn(
      fakeClient({
        award: (body) => {
          sent.push(body.points);
          return Promise.reject(new ApiError(0, 'network', 'Failed to fetch'));
        },
      }),
    );
    expect(await goodwill.award(answer!.id, 5)).to.be.false;
    const notice = notices.$notice.get()!;
    expect(notice.kind).to.equal('award_failed');
    expect(notice.reason).to.be.undefined;
    notice.retry!();
    expect(notices.$notice.get(), 'the notice stays up over the second try').to.be.null;
    expect(sent).to.deep.equal([5, 5]);
  });

  it('takes the balance the backend confirms and remembers the award', async () => {
    const { goodwill, tracked } = goodwillOn(
      fakeClient({
        award: async (body) => ({
          award: {
            id: 'a1',
            from_user_id: 'ana',
            to_user_id: 'ben',
            points: body.points,
            reason: body.reason,
            reference_id: body.reference_id,
            created_at: new Date().toISOString(),
          },
          balance: 44,
          message_points: body.points,
        }),
      }),
    );
    expect(await goodwill.award(answer!.id, 5)).to.be.true;
    expect(goodwill.$balance.get()).to.equal(44);
    expect(goodwill.$awarded.get()).to.deep.equal({ [answer!.id]: 5 });
    expect(tracked).to.deep.equal([{ name: 'points_awarded', data: { points: 5, recipient_id: 'ben' } }]);
  });
});

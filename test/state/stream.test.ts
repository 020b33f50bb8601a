import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { ApiError, type ApiClient } from '../../src/client/index.js';
import type { HistoryQuery, HistoryResponse } from '../../src/protocol/index.js';
import { createStream } from '../../src/state/stream.js';
import { fakeClient, messagesFrom, roomOf } from './fake-client.js';

/** The stream of stored messages and its paging, with a scripted client. */
describe('stream and paging', () => {
  const room = roomOf({ limits: { ...roomOf().limits, history_page_size: 2 } });

  function streamOn(api: ApiClient) {
    return createStream({
      api,
      courseId: 'c',
      $room: atom(room),
      $outgoing: atom([]),
      $hidden: atom(new Set<string>()),
      merging: () => {},
      merged: () => {},
      ended: () => false,
    });
  }

  /** A room of messages 1 to 4: the newest page is 3 and 4; older pages fail while `failing()`. */
  function roomOfFour(failing: () => boolean) {
    const asked: HistoryQuery[] = [];
    const api = fakeClient({
      history: async (_courseId, query = {}): Promise<HistoryResponse> => {
        asked.push(query);
        if (query.before === undefined) return { messages: messagesFrom(3, 4), has_more: true };
        if (failing()) throw new ApiError(0, 'network', 'Failed to fetch');
        return { messages: messagesFrom(1, 2), has_more: false };
      },
    });
    return { stream: streamOn(api), asked };
  }

  const ids = (stream: ReturnType<typeof streamOn>) => stream.$messages.get().map((m) => m.id);

  it('says an older page failed, keeps what it has, and loads the page when asked again', async () => {
    let failing = true;
    const { stream } = roomOfFour(() => failing);
    await stream.loadNewest();
    await stream.loadOlder();
    expect(stream.$olderFailed.get()).to.be.true;
    expect(stream.$hasOlder.get()).to.be.true;
    expect(ids(stream)).to.deep.equal(['m3', 'm4']);

    failing = false;
    await stream.loadOlder();
    expect(stream.$olderFailed.get()).to.be.false;
    expect(stream.$hasOlder.get()).to.be.false;
    expect(ids(stream)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
  });

  it('asks for one older page however many callers want it at once', async () => {
    const { stream, asked } = roomOfFour(() => false);
    await stream.loadNewest();
    await Promise.all([stream.loadOlder(), stream.loadOlder(), stream.loadOlder()]);
    expect(asked.filter((query) => query.before !== undefined)).to.deep.equal([{ before: 3, limit: 2 }]);
  });

  it('gives up a jump to an older message when a page fails, rather than asking on and on', async () => {
    const { stream, asked } = roomOfFour(() => true);
    await stream.loadNewest();
    expect(await stream.loadUntil('m1')).to.be.false;
    expect(asked.filter((query) => query.before !== undefined)).to.have.length(1);
    expect(stream.$olderFailed.get()).to.be.true;
  });
});

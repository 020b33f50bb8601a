import { expect, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import { ApiError, type ApiClient } from '../../src/client/index.js';
import type { SendMessageBody } from '../../src/protocol/index.js';
import { createOutbox } from '../../src/state/outbox.js';
import { fakeClient, roomOf, storedMessage } from './fake-client.js';

/** The outbox with a scripted client: what happens to a message between the composer and the store. */
describe('outbox', () => {
  const room = roomOf();
  let stored: SendMessageBody[];
  let attempts: SendMessageBody[];
  beforeEach(() => {
    stored = [];
    attempts = [];
    localStorage.clear();
  });

  /** A backend that stores each client_id once, after `refusal()` says nothing more is in the way. */
  function backend(refusal: () => ApiError | undefined): ApiClient {
    return fakeClient({
      send: async (_courseId, body) => {
        attempts.push(body);
        const error = refusal();
        if (error) throw error;
        if (!stored.some((held) => held.client_id === body.client_id)) stored.push(body);
        const seq = stored.findIndex((held) => held.client_id === body.client_id) + 1;
        return { message: storedMessage({ id: `m${seq}`, seq, client_id: body.client_id, author: room.me }) };
      },
    });
  }

  function outboxOn(
    api: ApiClient,
    admitted: () => Promise<void> = () => Promise.resolve(),
    slept: number[] = [],
    muted: number[] = [],
  ) {
    const outbox = createOutbox({
      api,
      courseId: 'c',
      $room: atom(room),
      merge: (messages) => outbox.delivered(messages),
      track: () => {},
      admitted,
      wrote: () => {},
      muted: (ms) => void muted.push(ms),
      sleep: async (ms) => void slept.push(ms),
      ended: () => false,
    });
    return outbox;
  }

  it('keeps a message refused for want of a sign-in pending, and sends it once when let in again', async () => {
    let signedIn = false;
    let admit!: () => void;
    const admission = new Promise<void>((resolve) => (admit = resolve));
    const outbox = outboxOn(
      backend(() => (signedIn ? undefined : new ApiError(401, 'token_expired', 'Token expired'))),
      () => admission,
    );
    outbox.send('Is the quiz open?');
    await waitUntil(() => attempts.length === 1, 'never sent');
    expect(outbox.$outgoing.get().map((m) => m.delivery)).to.deep.equal(['pending']);

    signedIn = true;
    admit();
    await waitUntil(() => outbox.$outgoing.get().length === 0, 'never delivered');
    expect(stored.map((body) => body.content)).to.deep.equal(['Is the quiz open?']);
    expect(attempts.map((body) => body.client_id)).to.deep.equal([stored[0]!.client_id, stored[0]!.client_id]);
  });

  it('waits out a rate limit for as long as the backend says, then sends under the same client_id', async () => {
    let limited = true;
    const slept: number[] = [];
    const outbox = outboxOn(
      backend(() => {
        if (!limited) return undefined;
        limited = false;
        return new ApiError(429, 'rate_limited', 'Slow down', 700);
      }),
      undefined,
      slept,
    );
    outbox.send('one');
    await waitUntil(() => outbox.$outgoing.get().length === 0, 'never delivered');
    expect(slept).to.deep.equal([700]);
    expect(stored.map((body) => body.content)).to.deep.equal(['one']);
    expect(new Set(attempts.map((body) => body.client_id)).size).to.equal(1);
  });

  it('marks a message failed when the backend refuses it for good, and sends it again on retry', async () => {
    let refuse = true;
    const outbox = outboxOn(backend(() => (refuse ? new ApiError(500, 'internal', 'Injected') : undefined)));
    outbox.send('try me');
    await waitUntil(() => outbox.$outgoing.get()[0]?.delivery === 'failed', 'not marked failed');
    refuse = false;
    outbox.retry(outbox.$outgoing.get()[0]!.client_id);
    await waitUntil(() => outbox.$outgoing.get().length === 0, 'never delivered');
    expect(stored.map((body) => body.content)).to.deep.equal(['try me']);
  });

  it('marks a message failed when a moderator muted the user, and tells for how long', async () => {
    const muted: number[] = [];
    const outbox = outboxOn(
      backend(() => new ApiError(403, 'muted', 'A moderator muted you in this course.', 90_000)),
      undefined,
      undefined,
      muted,
    );
    outbox.send('Am I still here?');
    await waitUntil(() => outbox.$outgoing.get()[0]?.delivery === 'failed', 'not marked failed');
    expect(muted).to.deep.equal([90_000]);
    expect(attempts).to.have.length(1);
  });
});

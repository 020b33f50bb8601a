import { waitUntil } from '@open-wc/testing';
import type { MockSession } from '../../src/mock/index.js';
import { createChatSession, type ChatStore } from '../../src/state/index.js';

/** A store for `userId` in the mock scenario's course, not started. */
export function storeFor(mock: MockSession, userId: string): ChatStore {
  return createChatSession({
    apiBase: '/api',
    courseId: mock.scenario!.courseId,
    getAuthToken: () => mock.tokenFor(userId),
  });
}

/** Starts `store` and waits until it is live. */
export async function goLive(store: ChatStore): Promise<ChatStore> {
  await store.start();
  await waitUntil(() => store.$status.get() === 'live', 'never went live');
  return store;
}

import { waitUntil } from '@open-wc/testing';
import type { MockSession } from '../../src/mock/index.js';
import type { ChatMessage, SendMessageBody } from '../../src/protocol/index.js';
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

/** Someone writes straight through the backend, as from another page or device. */
export function postAs(
  mock: MockSession,
  userId: string,
  content: string,
  extra: Partial<Omit<SendMessageBody, 'client_id' | 'content'>> = {},
): ChatMessage {
  const outcome = mock.backend.send(userId, mock.scenario!.courseId, {
    client_id: crypto.randomUUID(),
    content,
    is_question: false,
    ...extra,
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

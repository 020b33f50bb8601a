import { waitUntil } from '@open-wc/testing';
import { startMockBackend, type MockSession, type StartMockOptions } from '../../src/mock/index.js';
import type { ChatMessage, SendMessageBody } from '../../src/protocol/index.js';
import { createChatSession, type ChatSessionOptions, type ChatStore } from '../../src/state/index.js';

export { storedMessage } from './fake-client.js';

/** A store for `userId` in the mock scenario's course, not started. */
export function storeFor(
  mock: MockSession,
  userId: string,
  options: Partial<Omit<ChatSessionOptions, 'apiBase' | 'courseId' | 'getAuthToken'>> = {},
): ChatStore {
  return createChatSession({
    apiBase: '/api',
    courseId: mock.scenario!.courseId,
    getAuthToken: () => mock.tokenFor(userId),
    ...options,
  });
}

/**
 * A fresh mock backend for each test of the calling suite, and live stores on it that are all
 * stopped after the test: `mock()` is the running backend, `live(userId)` a started store.
 */
export function useLiveStores(options: StartMockOptions) {
  let mock: MockSession | undefined;
  const stores: ChatStore[] = [];
  beforeEach(async () => {
    mock = await startMockBackend(options);
  });
  afterEach(async () => {
    stores.splice(0).forEach((store) => store.stop());
    localStorage.clear();
    await mock?.stop();
  });
  const running = () => {
    if (!mock) throw new Error('The mock backend is not running');
    return mock;
  };
  return {
    mock: running,
    live(userId: string, sessionOptions: Parameters<typeof storeFor>[2] = {}): Promise<ChatStore> {
      const store = storeFor(running(), userId, sessionOptions);
      stores.push(store);
      return goLive(store);
    },
  };
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

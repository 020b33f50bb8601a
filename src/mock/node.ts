/**
 * `course-chat/mock/node`: the mock backend for tests that run in Node (Vitest, Jest, node:test),
 * with or without a DOM environment. msw's Node interceptors answer `fetch` and `WebSocket` in the
 * process, so the element, the client or the host's own code reach it as they would a backend.
 */
import { setupServer } from 'msw/node';
import { startMockSession, type MockOptions, type MockSession } from './session.js';

export * from './shared.js';
export type { MockOptions, MockSession } from './session.js';

/**
 * Starts the mock backend in this process. Outside a page a relative `apiBase` resolves against
 * `http://localhost/`, so the default answers at `http://localhost/api`.
 */
export async function startMockBackend(options: MockOptions = {}): Promise<MockSession> {
  return startMockSession(options, async (handlers) => {
    const server = setupServer(...handlers);
    server.listen({ onUnhandledFrame: 'bypass' });
    return () => server.close();
  });
}

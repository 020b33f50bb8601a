// A Vitest, Jest or node:test host's set-up: the mock backend in Node.
import { startMockBackend } from 'course-chat/mock/node';

const mock = await startMockBackend({ scenario: 'busy-room', apiBase: 'http://localhost/api' });
const token: string = await mock.tokenFor(mock.scenario?.me.id ?? '');
console.log(token, mock.backend.faults);
// @ts-expect-error no service worker in Node
await startMockBackend({ serviceWorkerUrl: '/mockServiceWorker.js' });
await mock.stop();

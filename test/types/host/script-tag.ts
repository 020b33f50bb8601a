// The script-tag builds, imported by module path (as a page's inline module would from a CDN).
import type { CourseChat } from 'course-chat/course-chat.js';
import { startMockBackend } from 'course-chat/course-chat-mock.js';

const chat: CourseChat | null = document.querySelector('course-chat');
const mock = await startMockBackend({ scenario: 'quiet-room', serviceWorkerUrl: '/mockServiceWorker.js' });
if (chat && mock.scenario) {
  const me = mock.scenario.me.id;
  chat.getAuthToken = () => mock.tokenFor(me);
  chat.courseId = mock.scenario.courseId;
}
// @ts-expect-error scenarios are named
await startMockBackend({ scenario: 'crowded-room' });

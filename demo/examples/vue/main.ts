import { startMockBackend } from 'course-chat/mock';
import { createApp } from 'vue';
import { CourseChatRoom } from './course-chat-room.js';

// The mock backend stands in for the host's; a real app passes its course and its token source.
const mock = await startMockBackend({ scenario: 'busy-room', simulate: true });
if (!mock.scenario) throw new Error('The busy-room scenario names its course and people.');
const { courseId, me } = mock.scenario;

const app = createApp(CourseChatRoom, { courseId, getAuthToken: () => mock.tokenFor(me.id) });
// Vue's template compiler would otherwise try to resolve <course-chat> as a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('course-chat');
app.mount('#app');

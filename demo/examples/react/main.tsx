import { startMockBackend } from 'course-chat/mock';
import { createRoot } from 'react-dom/client';
import { CourseChatRoom } from './course-chat-room.js';

// The mock backend stands in for the host's; a real app passes its course and its token source.
const mock = await startMockBackend({ scenario: 'busy-room', simulate: true });
if (!mock.scenario) throw new Error('The busy-room scenario names its course and people.');
const { courseId, me } = mock.scenario;
const getAuthToken = () => mock.tokenFor(me.id);

const root = document.querySelector('#root');
if (!root) throw new Error('The page lacks #root');
createRoot(root).render(<CourseChatRoom courseId={courseId} getAuthToken={getAuthToken} />);

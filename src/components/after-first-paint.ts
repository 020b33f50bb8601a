// The settings, the help queue and search load together as the room connects
// (src/components/lazy.ts): one chunk, one request, compressed together rather than each on its own.
export { CourseChatSettings } from './course-chat-settings.js';
export { CourseChatHelpQueue } from './course-chat-help-queue.js';
export { CourseChatSearch } from './course-chat-search.js';

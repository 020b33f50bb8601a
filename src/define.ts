/**
 * Registers the course-chat elements. The package's only module with a side effect: import it
 * once (`import 'course-chat/define'`), or load the script-tag build, which includes it.
 * It also exports the classes it registers and the event types: a host that only imports this
 * module gets the tag map and event map in TypeScript, since those load with the declarations.
 * The stream, its message rows, the composer, the award dialog, the settings and the help queue are
 * not part of the first paint: `<course-chat>` loads and registers them as it connects or on first
 * use (src/components/lazy.ts), so only their types are here.
 */
import { CourseChat } from './components/course-chat.js';
import { defineOnce } from './components/lazy.js';

defineOnce('course-chat', CourseChat);

export { CourseChat };
export type { CourseChatMessage } from './components/course-chat-message.js';
export type { CourseChatStream } from './components/course-chat-stream.js';
export type { CourseChatComposer } from './components/course-chat-composer.js';
export type { CourseChatAwardDialog } from './components/course-chat-award-dialog.js';
export type { CourseChatHelpQueue } from './components/course-chat-help-queue.js';
export type { CourseChatSettings } from './components/course-chat-settings.js';
export type { CourseChatSearch } from './components/course-chat-search.js';
export type * from './components/events.js';

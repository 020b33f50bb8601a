/**
 * The course-chat package: what a host embeds and listens to. The element classes (unregistered;
 * see ./define), their events, the texts to translate, and the types of the data those carry.
 * The stores and the client inside the element are not part of it: they change with the element.
 */
export { CourseChat } from './components/course-chat.js';
export { CourseChatMessage } from './components/course-chat-message.js';
export { CourseChatComposer } from './components/course-chat-composer.js';
export { CourseChatHelpQueue } from './components/course-chat-help-queue.js';
export { CourseChatAwardDialog } from './components/course-chat-award-dialog.js';
export { CourseChatSettings } from './components/course-chat-settings.js';
export { CourseChatStream } from './components/course-chat-stream.js';
export * from './components/events.js';
export { allStrings as defaultStrings } from './components/all-strings.js';
export type { CourseChatStrings } from './components/strings.js';
export type { AnalyticsEvent, ChatNotification, Unread } from './state/index.js';
export type * from './protocol/index.js';

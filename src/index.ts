/** The course-chat package: elements (unregistered; see ./define), events, stores and client. */
export { CourseChat } from './components/course-chat.js';
export { CourseChatMessage } from './components/course-chat-message.js';
export { CourseChatComposer } from './components/course-chat-composer.js';
export { CourseChatHelpQueue } from './components/course-chat-help-queue.js';
export { CourseChatAwardDialog } from './components/course-chat-award-dialog.js';
export { CourseChatSettings } from './components/course-chat-settings.js';
export {
  CourseChatAnalyticsEvent,
  CourseChatAuthRequiredEvent,
  CourseChatErrorEvent,
  CourseChatJumpEvent,
  CourseChatMessageActionEvent,
  CourseChatNavigateEvent,
  CourseChatNotificationEvent,
  CourseChatUnreadEvent,
  type MessageAction,
  type NavigationTarget,
} from './components/events.js';
export { StoreController } from './components/store-controller.js';
export { defaultStrings, type CourseChatStrings } from './components/strings.js';
export * from './state/index.js';
export { ApiError, createApiClient, type ApiClient, type ApiClientOptions, type ApiErrorCode } from './client/index.js';
export type * from './protocol/index.js';

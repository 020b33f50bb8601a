// What the room shows or offers at once, but paints first without: one chunk, fetched as the room
// connects (src/components/lazy.ts), one request compressed as a whole rather than a file each.
// The live room's elements are defined as it arrives (`liveRoom`); each other part is defined, or
// created, on its own first use.
export { CourseChatStream } from './course-chat-stream.js';
export { CourseChatMessage } from './course-chat-message.js';
export { CourseChatComposer } from './course-chat-composer.js';
export { CourseChatSettings } from './course-chat-settings.js';
export { CourseChatHelpQueue } from './course-chat-help-queue.js';
export { CourseChatSearch } from './course-chat-search.js';
export { CourseChatLowBalance } from './course-chat-low-balance.js';
export { roomStateStyles } from './room-states.styles.js';
export { CourseChatAwardDialog } from './course-chat-award-dialog.js';
export { CourseChatMessageMenu } from './course-chat-message-menu.js';
export { carryOut } from './message-actions.js';

export * from './types.js';
export {
  createChatSession,
  createChatStore,
  typingDisplayMs,
  typingThrottleMs,
  type ChatSessionOptions,
} from './chat-store.js';
export { groupThreads, mergeMessages } from './messages.js';
export { similarQuestions } from './similar.js';
export { mentionCandidates, mentionQueryAt, mentionSegments, participants, type TextSegment } from './mentions.js';

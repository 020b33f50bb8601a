export * from './types.js';
export { createChatSession, type ChatSessionOptions } from './session.js';
export { typingDisplayMs, typingThrottleMs } from './presence.js';
export { groupThreads, mergeMessages } from './messages.js';
export { similarQuestions, similarSearchQuery } from './similar.js';
export { mentionSegments, participants, type TextSegment } from './mentions.js';
export { mentionCandidates, mentionQueryAt } from './mention-candidates.js';

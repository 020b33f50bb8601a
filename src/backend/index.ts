/**
 * What both backends share and the client never ships: the room rules and their storage
 * interface, the refusal messages, the limits a deployment sets, token signing, and the parsing
 * of what arrives. It depends on src/protocol only; src/mock and server/src depend on it.
 */
export * from './outcome.js';
export * from './parse.js';
export * from './jwt.js';
export * from './throttle.js';
export * from './limits.js';
export * from './refusals.js';
export * from './room-store.js';
export * from './room-rules.js';
export * from './moderation-rules.js';
export * from './visibility.js';
export * from './hmac.js';
export * from './frames.js';
export * from './search.js';

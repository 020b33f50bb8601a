/**
 * The course-chat wire protocol: types and validators shared by the client, the mock backend and
 * the Worker; what only the backends use lives in src/backend. Described for people in docs/protocol.md.
 */
export * from './schema.js';
export * from './entities.js';
export * from './errors.js';
export * from './rest.js';
export * from './search.js';
export * from './socket.js';
export * from './moderation.js';
export * from './rules.js';
export * from './text.js';

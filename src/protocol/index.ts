/**
 * The course-chat wire protocol: types and validators shared by the client, the mock backend and
 * the Worker. Described for people in docs/protocol.md.
 */
export * from './schema.js';
export * from './entities.js';
export * from './errors.js';
export * from './outcome.js';
export * from './parse.js';
export * from './rest.js';
export * from './socket.js';
export * from './rules.js';
export * from './text.js';
export * from './throttle.js';
export * from './jwt.js';

export * from './api-client.js';
export * from './socket-url.js';
// Types only: the socket itself (partysocket with it) loads as a chunk of its own, see connection.ts.
export type * from './room-socket.js';

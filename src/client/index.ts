export * from './api-client.js';
export * from './room-socket.js';

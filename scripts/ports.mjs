// Ports for the dev servers, the tests and the benchmarks: a free loopback one, and listening on a
// chosen one with a sentence (not a stack trace) when that fails.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Where the dev servers listen unless HOST says otherwise: this machine only. */
export const loopback = '127.0.0.1';

/** Whether `host` means every address of this machine. */
export const everywhere = (host) => host === '0.0.0.0' || host === '::';

/** The host part of an address a browser on this machine opens for a server listening on `host`. */
export function browsable(host) {
  if (everywhere(host)) return loopback;
  return host.includes(':') ? `[${host}]` : host;
}

/** An error whose message is the whole story for a person who typed `npm start`. */
export class ListenError extends Error {}

/**
 * Listens on `port` at `host`; a refusal rejects with a ListenError naming `setting`, the
 * environment variable that picks another port.
 * @param {import('node:net').Server} server
 * @param {{ port: number, host: string, setting: string }} where
 */
export function listen(server, { port, host, setting }) {
  return new Promise((resolve, reject) => {
    const refused = (error) => {
      server.off('listening', listening);
      reject(new ListenError(refusal(error, { port, host, setting })));
    };
    const listening = () => {
      server.off('error', refused);
      resolve(server.address().port);
    };
    server.once('error', refused);
    server.once('listening', listening);
    try {
      server.listen(port, host);
    } catch (error) {
      refused(error);
    }
  });
}

function refusal(error, { port, host, setting }) {
  switch (error.code) {
    case 'ERR_SOCKET_BAD_PORT':
      return `${setting} must be a port number (0 to 65535), not "${process.env[setting] ?? port}".`;
    case 'EADDRINUSE':
      return `Port ${port} is in use: set ${setting} to another port.`;
    case 'EACCES':
      return `Port ${port} needs privileges here: set ${setting} to a port above 1023.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${host} is not an address of this machine: set HOST to one that is (or leave it unset).`;
    default:
      return `Cannot listen on ${host}:${port} (${error.code ?? error.message}).`;
  }
}

/** Fails as `listen` would if `port` is taken now, for servers started by another program. */
export async function ensureFree(where) {
  const probe = createServer();
  await listen(probe, where);
  await new Promise((resolve) => probe.close(resolve));
}

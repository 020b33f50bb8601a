// `npm start`, the demo half of `npm run start:server` and the browser scripts: the repository
// served as web-dev-server.config.mjs describes. We listen ourselves (web-dev-server's middleware
// mode) because its own CLI listens on every interface when asked for 127.0.0.1, and answers a busy
// port with a stack trace and exit code 0.
import { startDevServer } from '@web/dev-server';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import config from '../web-dev-server.config.mjs';
import { browsable, listen, ListenError } from './ports.mjs';

/**
 * Serves the repository on `host` (loopback by default) and `port` (0: any free one).
 * @param {{ port?: number, host?: string }} where
 * @returns {Promise<{ origin: string, port: number, stop: () => Promise<void> }>}
 */
export async function serveRepository({ port = config.port, host = config.hostname } = {}) {
  const http = createServer();
  const devServer = await startDevServer({
    config: { ...config, port, middlewareMode: { server: http } },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
  http.on('request', devServer.koaApp.callback());
  const stop = async () => {
    http.closeAllConnections();
    await Promise.all([devServer.stop(), new Promise((resolve) => http.close(resolve))]);
  };
  try {
    const bound = await listen(http, { port, host, setting: 'PORT' });
    return { origin: `http://${browsable(host)}:${bound}`, port: bound, stop };
  } catch (error) {
    await devServer.stop();
    throw error;
  }
}

/** Prints why a server could not start in one line and exits non-zero; anything else is a bug. */
export function exitOnListenError(error) {
  if (!(error instanceof ListenError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const served = await serveRepository().catch(exitOnListenError);
  console.log(`The demo is at ${served.origin}/demo/ (the mock backend, in your browser). Ctrl+C stops it.`);
  const stop = () => served.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Serves MSW's service worker at the site root, where it must live to control every page, straight
// from the installed package so its version always matches the library's.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const workerPath = require.resolve('msw/mockServiceWorker.js');

export async function mockServiceWorkerMiddleware(context, next) {
  if (context.path !== '/mockServiceWorker.js') return next();
  context.type = 'application/javascript';
  context.set('Service-Worker-Allowed', '/');
  context.body = await readFile(workerPath, 'utf8');
}

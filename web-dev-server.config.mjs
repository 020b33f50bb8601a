// What `npm start` serves (through scripts/dev-server.mjs): the demo with TypeScript compiled on the
// fly, bare imports resolved from node_modules, and MSW's service worker at the root so the mock
// backend can answer requests. On this machine only unless HOST names another address.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { mockServiceWorkerMiddleware } from './scripts/msw-middleware.mjs';
import { nodeEnvShimPlugin } from './scripts/node-env-shim.mjs';
import { loopback } from './scripts/ports.mjs';

const port = Number(process.env.PORT ?? 8000);
// Relative to this file, not to where the command was typed.
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  rootDir: here('.'),
  port,
  hostname: process.env.HOST || loopback,
  appIndex: undefined,
  open: false,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  watch: false,
  middleware: [
    mockServiceWorkerMiddleware,
    // `/` lands on the demo rather than a directory listing.
    (context, next) => {
      if (context.path === '/') context.redirect('/demo/');
      return next();
    },
  ],
  plugins: [nodeEnvShimPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('tsconfig.json') })],
};

// `npm start`: serves the demo with TypeScript compiled on the fly, bare imports resolved from
// node_modules, and MSW's service worker at the root so the mock backend can answer requests.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { mockServiceWorkerMiddleware } from './scripts/msw-middleware.mjs';
import { nodeEnvShimPlugin } from './scripts/node-env-shim.mjs';

const port = Number(process.env.PORT ?? 8000);

export default {
  rootDir: '.',
  port,
  hostname: '127.0.0.1',
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
  plugins: [nodeEnvShimPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
};

import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync } from 'node:fs';
import { chromeArgs, findChrome } from './scripts/chrome.mjs';
import { mockServiceWorkerMiddleware } from './scripts/msw-middleware.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { nodeEnvShim } from './scripts/node-env-shim.mjs';
import { ssrRenderPlugin } from './test/ssr/ssr-render-plugin.mjs';
import { touchPlugin } from './scripts/touch-plugin.mjs';
import { networkPlugin } from './scripts/network-plugin.mjs';
import { failRequests } from './scripts/fail-request-plugin.mjs';
import { defaultReporter } from '@web/test-runner';

/**
 * Starts the reference Worker (wrangler dev, local D1) once for the whole run, so the conformance
 * suite can prove the same protocol against it as against the mock. Its commands also let tests
 * send what a browser cannot (a Cookie header), and reach a second Worker configured as in
 * production (dev endpoints off), a third with other room limits and a fourth for moderation (MODQ's
 * secret, a short edit window), each started only when a test asks for it.
 */
function workerBackendPlugin() {
  let worker;
  let production;
  let configured;
  let moderation;
  return {
    name: 'course-chat-worker-backend',
    async serverStart({ config }) {
      if (!existsSync(new URL('./server/test-server.mjs', import.meta.url))) return;
      const { startWorkerForTests } = await import('./server/test-server.mjs');
      // The test pages' own origin: the element sends credentials, and only listed origins get them.
      worker = await startWorkerForTests({ pageOrigin: `http://${config.hostname ?? 'localhost'}:${config.port}` });
    },
    async serverStop() {
      await Promise.all([
        worker?.stop(),
        ...[production, configured, moderation].map((started) => started?.then((it) => it.stop())),
      ]);
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('worker-')) return undefined;
      if (!worker) throw new Error('The Worker backend did not start.');
      switch (command) {
        case 'worker-api-base':
          return worker.apiBase;
        case 'worker-production-api-base': {
          const { startWorker } = await import('./server/test-server.mjs');
          production ??= startWorker({ dev: false });
          return (await production).apiBase;
        }
        case 'worker-configured-api-base': {
          // A Worker whose deployment sets the room limits in the payload, started on first use.
          const { startWorker } = await import('./server/test-server.mjs');
          configured ??= startWorker({ limits: payload.limits });
          return (await configured).apiBase;
        }
        case 'worker-moderation-api-base': {
          // A Worker with MODQ's secret and the room limits in the payload, started on first use.
          const { startWorker } = await import('./server/test-server.mjs');
          moderation ??= startWorker({ limits: payload.limits, modq: { secret: payload.modqSecret } });
          return (await moderation).apiBase;
        }
        case 'worker-fetch': {
          const { url, method, headers, body } = payload;
          const response = await fetch(url, { method, headers, body });
          return { status: response.status, body: await response.text() };
        }
        default:
          return undefined;
      }
    },
  };
}

/**
 * `emulate-media-features` sets media features ({ name, value } pairs, replacing those set before) as
 * they are: `emulateMedia` of @web/test-runner-commands drops `forcedColors` under Puppeteer.
 */
function emulateMediaFeaturesPlugin() {
  return {
    name: 'course-chat-emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      await session.browser.getPage(session.id).emulateMediaFeatures(payload);
      return true;
    },
  };
}

// The chunk of what the room's first paint does without, which a test fails to load.
const requestFailures = failRequests(['/src/components/after-first-paint.ts']);

export default {
  files: ['test/**/*.test.ts'],
  // msw's interceptors ship a Node build too; the browser one is what pages need.
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One page at a time: the tests time real network round trips, and CI machines have two cores.
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [mockServiceWorkerMiddleware, requestFailures.middleware],
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head>${nodeEnvShim}</head><body><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    workerBackendPlugin(),
    emulateMediaFeaturesPlugin(),
    touchPlugin(),
    networkPlugin(),
    requestFailures.plugin,
    ssrRenderPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs },
      // Each page in its own browser context: msw's service worker is per context, and two test
      // files sharing one would unregister or reload each other's.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter()],
};

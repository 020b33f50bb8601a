/**
 * `course-chat/mock`: an in-browser backend for the protocol, for demos, UI tests and hosts trying
 * the widget before their backend exists. msw is an optional peer dependency used only here.
 */
import { setupWorker } from 'msw/browser';
import { startMockSession, type MockOptions, type MockSession } from './session.js';

export * from './shared.js';
export type { MockOptions, MockSession } from './session.js';

export interface StartMockOptions extends MockOptions {
  /** Where the page serves msw's `mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
}

/**
 * msw reloads a page that is not yet controlled when a registration of its worker exists. That is
 * the case when another page (a second tab, a parallel test file) registered the worker while this
 * one loaded; the worker claims every page as it activates, so waiting for that avoids the reload.
 */
async function awaitPendingController(workerUrl: string, timeoutMs = 5000): Promise<void> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container || container.controller) return;
  const scriptUrl = new URL(workerUrl, location.href).href;
  const registrations = await container.getRegistrations();
  const activating = registrations.some((registration) =>
    [registration.installing, registration.waiting, registration.active].some(
      (worker) => worker?.scriptURL === scriptUrl && worker.state !== 'activated',
    ),
  );
  if (!activating) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    container.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Starts the mock backend in this page: msw's service worker answers the protocol at `apiBase`. */
export async function startMockBackend(options: StartMockOptions = {}): Promise<MockSession> {
  return startMockSession(options, async (handlers) => {
    const worker = setupWorker(...handlers);
    const workerUrl = options.serviceWorkerUrl ?? '/mockServiceWorker.js';
    await awaitPendingController(workerUrl);
    await worker.start({ serviceWorker: { url: workerUrl }, quiet: true, onUnhandledFrame: 'bypass' });
    return () => worker.stop();
  });
}

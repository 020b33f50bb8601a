/**
 * `course-chat/mock`: an in-browser backend for the protocol, for demos, UI tests and hosts trying
 * the widget before their backend exists. msw is an optional peer dependency used only here.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { MockBackend, type MockBackendOptions } from './backend.js';
import { mockHandlers } from './handlers.js';
import { loadScenario, type ScenarioInfo, type ScenarioName } from './scenarios.js';
import { startSimulation, type Simulation, type SimulationOptions } from './simulation.js';

export { MockBackend, MockSocket } from './backend.js';
export type { ApiRequest, ApiResponse, MockBackendOptions, ReportRecord, Role, SocketSink } from './backend.js';
export type { Outcome } from '../protocol/index.js';
export { Faults, type InjectedFailure, type RouteName } from './faults.js';
export { mockHandlers, resolveApiBase, webSocketUrl, type MockHandlerOptions } from './handlers.js';
export { loadScenario, scenarioNames, type ScenarioInfo, type ScenarioName, type ScenarioPerson } from './scenarios.js';
export { startSimulation, type Simulation, type SimulationOptions } from './simulation.js';

export interface StartMockOptions {
  /** Defaults to `busy-room`; `null` starts an empty backend (create courses with `/dev/fixtures`). */
  scenario?: ScenarioName | null;
  apiBase?: string;
  /** Simulated classmates and STs act in the room; pass options to tune them. */
  simulate?: boolean | SimulationOptions;
  secret?: string;
  /** The backend's clock, milliseconds since the epoch (tests move time this way). */
  now?: MockBackendOptions['now'];
  /** Room limits other than the protocol's defaults (tests shorten the rate limit this way). */
  limits?: MockBackendOptions['limits'];
  /** Where the page serves msw's `mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  seed?: number;
}

export interface MockSession {
  backend: MockBackend;
  scenario: ScenarioInfo | null;
  /** A host bearer JWT for a user, as the host platform would hand to `getAuthToken`. */
  tokenFor(userId: string, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The one worker of the page: msw registers a single service worker per scope. */
let running: { worker: SetupWorker; stop: () => Promise<void> } | null = null;

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

export async function startMockBackend(options: StartMockOptions = {}): Promise<MockSession> {
  await running?.stop();
  const backend = new MockBackend({
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const scenario =
    options.scenario === null
      ? null
      : loadScenario(backend, options.scenario ?? 'busy-room', { seed: options.seed ?? 7 });
  const worker = setupWorker(...mockHandlers(backend, { apiBase: options.apiBase ?? '/api' }));
  const workerUrl = options.serviceWorkerUrl ?? '/mockServiceWorker.js';
  await awaitPendingController(workerUrl);
  await worker.start({
    serviceWorker: { url: workerUrl },
    quiet: true,
    onUnhandledFrame: 'bypass',
  });
  let simulation: Simulation | null = null;
  if (options.simulate && scenario) {
    const tuning = options.simulate === true ? {} : options.simulate;
    simulation = startSimulation(backend, scenario, { seed: options.seed ?? 7, ...tuning });
  }
  const session = {
    worker,
    async stop() {
      if (running === session) running = null;
      simulation?.stop();
      backend.closeAllSockets();
      await worker.stop();
    },
  };
  running = session;
  return {
    backend,
    scenario,
    tokenFor: (userId, ttlSeconds) => backend.issueHostToken(userId, ttlSeconds),
    stop: () => session.stop(),
  };
}

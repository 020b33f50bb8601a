/**
 * One running mock backend, whatever intercepts the requests: a service worker in a page
 * (`course-chat/mock`) or msw's Node interceptors (`course-chat/mock/node`).
 */
import type { AnyHandler } from 'msw';
import { MockBackend, type MockBackendOptions } from './backend.js';
import { mockHandlers } from './handlers.js';
import { loadScenario, type ScenarioInfo, type ScenarioName } from './scenarios.js';
import { startSimulation, type Simulation, type SimulationOptions } from './simulation.js';

/** What both entries accept. */
export interface MockOptions {
  /** Defaults to `busy-room`; `null` starts an empty backend (create courses with `/dev/fixtures`). */
  scenario?: ScenarioName | null;
  /** Relative to the page (`/api`, the default) or absolute (`http://localhost/api`). */
  apiBase?: string;
  /** Simulated classmates and STs act in the room; pass options to tune them. */
  simulate?: boolean | SimulationOptions;
  secret?: string;
  /** The backend's clock, milliseconds since the epoch (tests move time this way). */
  now?: MockBackendOptions['now'];
  /** Room limits other than the protocol's defaults (tests shorten the rate limit this way). */
  limits?: MockBackendOptions['limits'];
  /** The secret MODQ signs its decisions with. */
  modqSecret?: MockBackendOptions['modqSecret'];
  seed?: number;
}

export interface MockSession {
  backend: MockBackend;
  scenario: ScenarioInfo | null;
  /** A host bearer JWT for a user, as the host platform would hand to `getAuthToken`. */
  tokenFor(userId: string, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Puts the handlers in front of the network; resolves to what takes them away again. */
export type Intercept = (handlers: AnyHandler[]) => Promise<() => Promise<void> | void>;

/** msw intercepts once per page or process, so a new session replaces the running one. */
let running: MockSession | null = null;

export async function startMockSession(options: MockOptions, intercept: Intercept): Promise<MockSession> {
  await running?.stop();
  const backend = new MockBackend({
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.modqSecret === undefined ? {} : { modqSecret: options.modqSecret }),
  });
  const scenario =
    options.scenario === null
      ? null
      : loadScenario(backend, options.scenario ?? 'busy-room', { seed: options.seed ?? 7 });
  const release = await intercept(mockHandlers(backend, { apiBase: options.apiBase ?? '/api' }));
  let simulation: Simulation | null = null;
  if (options.simulate && scenario) {
    const tuning = options.simulate === true ? {} : options.simulate;
    simulation = startSimulation(backend, scenario, { seed: options.seed ?? 7, ...tuning });
  }
  const session: MockSession = {
    backend,
    scenario,
    tokenFor: (userId, ttlSeconds) => backend.issueHostToken(userId, ttlSeconds),
    async stop() {
      if (running === session) running = null;
      simulation?.stop();
      backend.closeAllSockets();
      await release();
    },
  };
  running = session;
  return session;
}

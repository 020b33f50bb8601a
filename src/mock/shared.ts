/** What both mock entries (the page's and Node's) export beside `startMockBackend`. */
export { MockBackend, MockSocket } from './backend.js';
export type { ApiRequest, ApiResponse, MockBackendOptions, Role, SocketSink } from './backend.js';
export type { DecisionAudit, Outcome } from '../backend/index.js';
export type { ModqSignature } from './moderation.js';
export { Faults, type InjectedFailure, type RouteName } from './faults.js';
export { mockHandlers, resolveApiBase, webSocketUrl, type MockHandlerOptions } from './handlers.js';
export { loadScenario, scenarioNames, type ScenarioInfo, type ScenarioName, type ScenarioPerson } from './scenarios.js';
export { startSimulation, type Simulation, type SimulationOptions } from './simulation.js';

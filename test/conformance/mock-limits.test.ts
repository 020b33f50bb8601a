import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { configuredLimits, configuredLimitsSuite } from './limits.js';

// The mock set up as a deployment with other limits: through its options, as a host would.
const apiBase = `${location.origin}/api`;
let session: MockSession | undefined;

before(async () => {
  session = await startMockBackend({ scenario: null, apiBase, limits: configuredLimits });
});

after(async () => {
  await session?.stop();
});

configuredLimitsSuite({ name: 'mock', apiBase });

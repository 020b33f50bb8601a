import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { moderationLimits, moderationModqSecret, moderationSuite } from './moderation.js';

// The mock with a short edit window and MODQ's secret, through its options, as a host would set them.
const apiBase = `${location.origin}/api`;
let session: MockSession | undefined;

before(async () => {
  session = await startMockBackend({
    scenario: null,
    apiBase,
    limits: moderationLimits,
    modqSecret: moderationModqSecret,
  });
});

after(async () => {
  await session?.stop();
});

moderationSuite({ name: 'mock', apiBase });

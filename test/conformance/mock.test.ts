import { startMockBackend, type MockSession } from '../../src/mock/index.js';
import { richTextSuite } from './rich-text.js';
import { searchSuite } from './search.js';
import { securitySuite } from './security.js';
import { conformanceSuite } from './suite.js';

// The mock behind an absolute apiBase, started empty: the suite creates every course it uses.
const apiBase = `${location.origin}/api`;
let session: MockSession | undefined;

before(async () => {
  session = await startMockBackend({ scenario: null, apiBase });
});

after(async () => {
  await session?.stop();
});

conformanceSuite({ name: 'mock', apiBase });
securitySuite({ name: 'mock', apiBase });
richTextSuite({ name: 'mock', apiBase });
searchSuite({ name: 'mock', apiBase });

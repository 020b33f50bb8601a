import { executeServerCommand } from '@web/test-runner-commands';
import { conformanceSuite } from './suite.js';

// web-test-runner.config.mjs starts the Worker under wrangler dev before any test runs.
const apiBase = await executeServerCommand<string, undefined>('worker-api-base');

conformanceSuite({ name: 'Cloudflare Worker', apiBase });

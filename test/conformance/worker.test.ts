import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { errorBody, paths, roomResponse } from '../../src/protocol/index.js';
import { configuredLimits, configuredLimitsSuite } from './limits.js';
import { moderationLimits, moderationModqSecret, moderationSuite } from './moderation.js';
import { richTextSuite } from './rich-text.js';
import { searchSuite } from './search.js';
import { securitySuite } from './security.js';
import { conformanceSuite } from './suite.js';
import { Course, Wire } from './wire.js';

// web-test-runner.config.mjs starts the Worker under wrangler dev before any test runs.
const apiBase = await executeServerCommand<string, undefined>('worker-api-base');

conformanceSuite({ name: 'Cloudflare Worker', apiBase });
securitySuite({ name: 'Cloudflare Worker', apiBase });
richTextSuite({ name: 'Cloudflare Worker', apiBase });
searchSuite({ name: 'Cloudflare Worker', apiBase });
configuredLimitsSuite({
  name: 'Cloudflare Worker',
  apiBase: await executeServerCommand<string, { limits: typeof configuredLimits }>('worker-configured-api-base', {
    limits: configuredLimits,
  }),
});

/** A request made from Node, for headers a page may not set. */
const nodeFetch = (url: string, headers: Record<string, string>, method = 'GET', body?: string) =>
  executeServerCommand<{ status: number; body: string }, unknown>('worker-fetch', { url, method, headers, body });

moderationSuite({
  name: 'Cloudflare Worker',
  apiBase: await executeServerCommand<string, { limits: typeof moderationLimits; modqSecret: string }>(
    'worker-moderation-api-base',
    { limits: moderationLimits, modqSecret: moderationModqSecret },
  ),
  serverPost: async (url, body, headers) => {
    const reply = await nodeFetch(url, headers, 'POST', body);
    return { status: reply.status, json: JSON.parse(reply.body) as unknown, headers: new Headers() };
  },
});

describe('Cloudflare Worker: deployment settings', function () {
  this.timeout(60_000);

  it('accepts the host JWT in the session cookie, and nothing else there', async () => {
    const wire = new Wire(apiBase);
    const course = await Course.create(wire, { students: 1 });
    const [ana] = course.students;
    const url = `${apiBase}${paths.room(course.id)}`;
    const ok = await nodeFetch(url, { cookie: `theme=dark; course_chat_session=${ana!.token}` });
    expect(ok.status).to.equal(200);
    expect(roomResponse.parse(JSON.parse(ok.body)).me.id).to.equal(ana!.id);
    const other = await nodeFetch(url, { cookie: `session=${ana!.token}` });
    expect(errorBody.parse(JSON.parse(other.body)).error.code).to.equal('unauthenticated');
    await course.dispose();
  });

  it('answers the dev endpoints with 404 unless they are switched on', async () => {
    const production = new Wire(await executeServerCommand<string, undefined>('worker-production-api-base'));
    for (const path of [paths.devToken(), paths.devFixtures()]) {
      const reply = await production.call('POST', path, { body: { user_id: 'anyone' } });
      expect(reply.status, path).to.equal(404);
    }
    await production.fails('unauthenticated', 'GET', paths.room('linalg-101'));
    // Nor does the admin call exist without ADMIN_SECRET.
    const admin = await production.call('POST', '/admin/revoke', { body: { course_id: 'c', user_id: 'u' } });
    expect(admin.status).to.equal(404);
  });
});

// `npm start`, as the README tells a newcomer to run it: the demo on the mock backend, served on this
// machine only, and a plain sentence when the port is taken.
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { setTimeout } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../scripts/ports.mjs';
import { arrival, launchBrowser, live, runScript, say } from '../demo/helpers.mjs';

/** An IPv4 address of this machine other than loopback, if it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

/** Whether anything accepts a TCP connection at `host`:`port`. */
function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', { timeout: 120_000 }, () => {
  let server;
  let origin;
  let port;

  before(async () => {
    port = await freePort();
    server = runScript('start', { PORT: String(port) });
    [, origin] = await server.until(/The demo is at (http:\/\/\S+)\/demo\//);
  });

  after(() => server?.stop());

  it('serves the demo page at the address it prints', async () => {
    assert.equal(origin, `http://127.0.0.1:${port}`);
    const response = await fetch(`${origin}/demo/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<course-chat id="me"/);
  });

  it('listens on this machine only', { skip: !outside && 'this machine has no other address' }, async () => {
    assert.equal(await answers('127.0.0.1', port), true);
    assert.equal(await answers(outside, port), false, `the demo answers on ${outside}`);
  });

  it('goes live on the mock in the browser: two people of one room, a message between them', async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors } = await browser.open(`${origin}/demo/?simulate=off`);
      await live(page, '#me');
      await live(page, '#other');
      const text = `Anyone up for problem set 4? (${Date.now()})`;
      await say(page, '#me', text);
      const me = await page.$eval('#me-name', (name) => name.textContent);
      assert.match(await arrival(page, '#other', text), new RegExp(me));
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});

describe('a busy port', { timeout: 60_000 }, () => {
  const taken = createServer();
  let port;

  before(async () => {
    port = await freePort();
    await new Promise((resolve) => taken.listen(port, '127.0.0.1', resolve));
  });

  after(() => new Promise((resolve) => taken.close(resolve)));

  /** What `npm run <script>` says and how it ends with `env`, if it ends within 20 s. */
  async function refusal(script, env) {
    const run = runScript(script, env);
    try {
      const code = await Promise.race([run.exited, setTimeout(20_000, 'still running')]);
      return { code, stderr: run.stderr.trim(), stdout: run.stdout.trim() };
    } finally {
      await run.stop();
    }
  }

  it('stops npm start with one line that says so, and a failure code', async () => {
    assert.deepEqual(await refusal('start', { PORT: String(port) }), {
      code: 1,
      stderr: `Port ${port} is in use: set PORT to another port.`,
      stdout: '',
    });
  });

  it('stops npm run start:server before it starts anything, for either of its ports', async () => {
    const free = String(await freePort());
    assert.deepEqual(await refusal('start:server', { PORT: free, WORKER_PORT: String(port) }), {
      code: 1,
      stderr: `Port ${port} is in use: set WORKER_PORT to another port.`,
      stdout: '',
    });
    assert.deepEqual(await refusal('start:server', { PORT: String(port), WORKER_PORT: free }), {
      code: 1,
      stderr: `Port ${port} is in use: set PORT to another port.`,
      stdout: '',
    });
  });
});

// `npm start`, as the README tells a newcomer to run it: the demo on the mock backend, served on this
// machine only, and a plain sentence when the port is taken.
/* global document -- in the functions that run in the page */
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { setTimeout } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../scripts/ports.mjs';
import { arrival, launchBrowser, live, runScript, say, useDemo } from '../demo/helpers.mjs';

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

describe("the demo's scenario switcher", { timeout: 120_000 }, () => {
  const demo = useDemo();

  /** The text of the room at `selector`, once `pattern` shows in it. */
  const shows = (page, selector, pattern) =>
    page.waitForFunction(
      (chat, source) => new RegExp(source).test(document.querySelector(chat)?.shadowRoot?.textContent ?? ''),
      { timeout: 30_000, polling: 100 },
      selector,
      pattern.source,
    );

  it('signs in as a student-teacher who can switch on Available to Help', async () => {
    const { page, errors } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=st-helping`);
    await live(page, '#me');
    assert.equal(await page.$eval('#scenario', (select) => select.value), 'st-helping');
    await page.locator('#me >>> course-chat-help-queue >>> .switch input').click();
    await shows(page, '#me', /Helping/);
    assert.deepEqual(errors, []);
  });

  it('fails every send in "Sends fail", so Message not sent and Retry can be seen', async () => {
    const { page } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=send-failure`);
    await live(page, '#me');
    await say(page, '#me', 'Will this one arrive?');
    await page.waitForFunction(
      () =>
        [...(document.querySelector('#me')?.shadowRoot?.querySelectorAll('course-chat-message') ?? [])].some(
          (row) => row.message?.delivery === 'failed' && row.shadowRoot.textContent.includes('Message not sent'),
        ),
      { timeout: 30_000, polling: 100 },
    );
  });

  it('fails every award in "Awards fail", so the failure and its Try again can be seen', async () => {
    const { page } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=award-failure`);
    await live(page, '#me');
    // This Helped! from the menu of someone else's message (More opens it once the row's actions come).
    const award = await page.waitForFunction(
      () => {
        const row = [...document.querySelector('#me').shadowRoot.querySelectorAll('course-chat-message')].findLast(
          (message) => !message.mine && message.awarded === 0 && message.shadowRoot.querySelector('.more'),
        );
        const menu = row?.shadowRoot.querySelector('course-chat-message-menu');
        if (row && !menu) row.shadowRoot.querySelector('.more').click();
        return menu?.shadowRoot?.querySelector('.award');
      },
      { timeout: 30_000, polling: 100 },
    );
    await award.evaluate((button) => button.click());
    const confirm = await page.waitForFunction(
      () => {
        const dialog = document.querySelector('#me').shadowRoot.querySelector('course-chat-award-dialog');
        return dialog?.shadowRoot?.querySelector('dialog[open] .confirm');
      },
      { timeout: 30_000, polling: 100 },
    );
    await confirm.evaluate((button) => button.click());
    await shows(page, '#me', /Unable to award points/);
    await shows(page, '#me', /Try again/);
  });

  it('names where a profile link would lead', async () => {
    const { page } = await demo.browser.open(`${demo.origin}/demo/?simulate=off`);
    await live(page, '#me');
    const alerted = new Promise((resolve) =>
      page.once('dialog', async (dialog) => {
        resolve(dialog.message());
        await dialog.dismiss();
      }),
    );
    // The rows come with the live room, after the first paint: wait for one with a profile link.
    const link = await page.waitForFunction(
      () =>
        [...(document.querySelector('#me')?.shadowRoot?.querySelectorAll('course-chat-message') ?? [])]
          .map((row) => row.shadowRoot?.querySelector('a[href*="/"]'))
          .find(Boolean),
      { timeout: 30_000, polling: 100 },
    );
    const linked = await link.evaluate((found) => {
      found.click();
      return found.getAttribute('href');
    });
    assert.ok(linked, 'no profile link in the room');
    assert.match(await alerted, /profile of (u|st)-/);
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

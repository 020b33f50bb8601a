// What the tests of the README's commands share: running an npm script as a newcomer would (in its
// own process group, so everything it starts stops with it) and driving its pages in Chromium.
/* global document -- in the functions that run in the page */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/browser.mjs';
import { freePort } from '../../scripts/ports.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `npm run <script>` in the repository with `env` added, its output kept. `until(pattern)` waits for
 * the output to match; `exited` resolves with the exit code; `stop` ends the whole process group.
 */
export function runScript(script, env = {}) {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: repoRoot,
    // The same Node as this test, whichever npm the PATH finds first.
    env: { ...process.env, ...env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const changed = new EventTarget();
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    changed.dispatchEvent(new Event('output'));
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    changed.dispatchEvent(new Event('output'));
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    /**
     * The first match of `pattern` in stdout, once it is there; rejects if the script ends first or
     * takes longer than `seconds`.
     */
    until(pattern, seconds = 90) {
      return new Promise((resolve, reject) => {
        const settle = (outcome) => {
          changed.removeEventListener('output', check);
          clearTimeout(timer);
          outcome();
        };
        const fail = (why) => () =>
          reject(new Error(`npm run ${script} ${why} before printing ${pattern}:\n${stdout}\n${stderr}`));
        const check = () => {
          const found = pattern.exec(stdout);
          if (found) settle(() => resolve(found));
        };
        const timer = setTimeout(() => settle(fail(`took over ${seconds} s`)), seconds * 1000);
        changed.addEventListener('output', check);
        check();
        void exited.then((code) => settle(fail(`exited with ${code}`)));
      });
    },
    async stop() {
      if (!groupAlive()) return;
      process.kill(-child.pid, 'SIGTERM');
      for (const deadline = Date.now() + 10_000; groupAlive() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (groupAlive()) process.kill(-child.pid, 'SIGKILL');
    },
  };
}

/** Headless Chromium; every page error fails the page's `errors` list. */
export async function launchBrowser() {
  const browser = await launchChromium();
  return {
    async open(url, viewport = { width: 1280, height: 800 }) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
      await page.goto(url);
      return { page, errors };
    },
    close: () => browser.close(),
  };
}

// Polled on a timer: a page behind another gets no animation frames, so the default never fires.

/** Resolves once `<course-chat>` at `selector` shows a live room with `online` people in it. */
export async function live(page, selector, online = 1) {
  await page.waitForFunction(
    (chat, count) => {
      const shown = document.querySelector(chat)?.shadowRoot?.querySelector('.online')?.textContent ?? '';
      return Number.parseInt(shown, 10) >= count;
    },
    { timeout: 30_000, polling: 100 },
    selector,
    online,
  );
}

/** Types `text` into the room's composer and sends it with Enter, as a person would. */
export async function say(page, selector, text) {
  await page.bringToFront();
  await page.locator(`${selector} >>> course-chat-composer >>> textarea`).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The names shown on the row of the message `text` in the room at `selector`, once it is there. */
export async function arrival(page, selector, text) {
  const row = await page.waitForFunction(
    (chat, content) =>
      [...(document.querySelector(chat)?.shadowRoot?.querySelectorAll('course-chat-message') ?? [])].find(
        (candidate) => candidate.message?.content === content,
      ),
    { timeout: 30_000, polling: 100 },
    selector,
    text,
  );
  return row.evaluate((found) => found.shadowRoot.textContent);
}

/**
 * `npm start` on a free port and a browser, for the calling suite: `origin` is where the demo is
 * served, `browser` opens its pages. Both stop after the suite.
 */
export function useDemo() {
  const running = { origin: '', browser: undefined };
  let server;
  before(async () => {
    server = runScript('start', { PORT: '0' });
    [, running.origin] = await server.until(/The demo is at (http:\/\/\S+)\/demo\//);
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await server?.stop();
  });
  return running;
}

/**
 * `npm run start:server` on free ports with a fresh local D1, and a browser, for the calling suite:
 * `printed` is what it printed up to Ctrl+C, `addressOf(name)` the address on the line naming
 * `name`. Everything stops, and the database goes, after the suite.
 */
export function useStartServer(prefix) {
  const state = mkdtempSync(join(tmpdir(), prefix));
  const running = {
    printed: '',
    browser: undefined,
    addressOf: (name) => new RegExp(`^ +${name} .*?(http://\\S+)$`, 'm').exec(running.printed)?.[1],
  };
  let server;
  before(async () => {
    // A free port is free when asked, not when wrangler binds it: the ephemeral ports its own
    // helpers take meanwhile can land on it. Then wrangler says so and the start is tried anew.
    for (let attempt = 1; ; attempt++) {
      const [port, workerPort] = [await freePort(), await freePort()];
      server = runScript('start:server', { PORT: String(port), WORKER_PORT: String(workerPort), WORKER_STATE: state });
      try {
        running.printed = (await server.until(/Press Ctrl\+C[^\n]*\n/)).input;
        break;
      } catch (error) {
        await server.stop();
        if (attempt === 3 || !/Address already in use/.test(String(error))) throw error;
      }
    }
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await server?.stop();
    rmSync(state, { recursive: true, force: true });
  });
  return running;
}

// What the browser benchmarks share: the dev server (TypeScript compiled on the fly, msw's service
// worker at the root) with headless Chromium on one of its pages, and a table printer.
import { startDevServer } from '@web/dev-server';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from '../scripts/chrome.mjs';
import config from '../web-dev-server.config.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Serves the repository, opens `path` in headless Chromium and waits until the page has set
 * `globalThis[ready]`. Returns the page, a DevTools session on it, and `close`.
 */
export async function openPage(path, ready, viewport = { width: 1280, height: 800 }) {
  const port = await freePort();
  const server = await startDevServer({
    config: { ...config, port },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${port}${path}`);
    await page.waitForFunction((name) => name in globalThis, {}, ready);
    return { page, cdp: await page.createCDPSession(), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Prints `rows` (arrays of cells) under `title` as an aligned table, `header` first. */
export function printTable(title, header, rows) {
  const table = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0)));
  const line = (row) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd : cell.padStart).call(cell, widths[column])).join('  ');
  console.log(`\n${title}\n`);
  console.log(line(table[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));
}

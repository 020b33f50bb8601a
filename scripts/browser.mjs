// What the scripts that drive a browser share: the repository served by the dev server (TypeScript
// compiled on the fly, msw's service worker at the root) with headless Chromium on one of its pages.
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from './chrome.mjs';
import { serveRepository } from './dev-server.mjs';

/** Headless Chromium as every script and test here launches it. */
export function launchChromium() {
  return puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
}

/** Serves the repository and opens `path` in headless Chromium; `close` stops both. */
export async function servedPage(path, { viewport = { width: 1280, height: 800 }, waitUntil = 'load' } = {}) {
  const server = await serveRepository({ port: 0 });
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
    await page.goto(`${server.origin}${path}`, { waitUntil });
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// Takes the README's screenshot of the demo: starts the dev server, opens the busy room in
// headless Chromium, lets the simulated classmates talk for a moment, and saves docs/screenshot.png.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from './chrome.mjs';
import config from '../web-dev-server.config.mjs';

const port = 8123;
const server = await startDevServer({
  config: { ...config, port },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
try {
  const page = await browser.newPage();
  await page.setViewport({
    width: Number(process.env.WIDTH ?? 1280),
    height: Number(process.env.HEIGHT ?? 800),
    deviceScaleFactor: 1,
  });
  await page.goto(`http://127.0.0.1:${port}/demo/${process.env.QUERY ?? ''}`, { waitUntil: 'networkidle0' });
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.SETTLE_MS ?? 4000)));
  await page.screenshot({ path: process.env.OUT ?? 'docs/screenshot.png' });
  console.log(`saved ${process.env.OUT ?? 'docs/screenshot.png'}`);
} finally {
  await browser.close();
  await server.stop();
}

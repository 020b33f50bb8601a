// Takes the README's screenshot of the demo: starts the dev server, opens the busy room in
// headless Chromium, lets the simulated classmates talk for a moment, and saves docs/screenshot.png.
import { servedPage } from './browser.mjs';

const { page, close } = await servedPage(`/demo/${process.env.QUERY ?? ''}`, {
  viewport: { width: Number(process.env.WIDTH ?? 1280), height: Number(process.env.HEIGHT ?? 800) },
  waitUntil: 'networkidle0',
});
try {
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.SETTLE_MS ?? 4000)));
  await page.screenshot({ path: process.env.OUT ?? 'docs/screenshot.png' });
  console.log(`saved ${process.env.OUT ?? 'docs/screenshot.png'}`);
} finally {
  await close();
}

// Where Chromium lives and how it is launched, shared by the test runner, the benchmarks and the
// screenshot script. Test tools may not download browsers here: we use the system's.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChrome() {
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error("No Chrome or Chromium found: install Debian's chromium or set CHROME_PATH.");
  return found;
}

export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

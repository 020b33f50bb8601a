// What the browser benchmarks share: a page of the served repository in headless Chromium, and a
// table printer.
import { servedPage } from '../scripts/browser.mjs';

/**
 * Serves the repository, opens `path` in headless Chromium and waits until the page has set
 * `globalThis[ready]`. Returns the page, a DevTools session on it, and `close`.
 */
export async function openPage(path, ready, viewport = { width: 1280, height: 800 }) {
  const { page, close } = await servedPage(path, { viewport });
  try {
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

// Renders `<course-chat>` as a server would, with @lit-labs/ssr from the built package, and records
// every browser-only global that the package's own code reached for while being imported and
// rendered. Used by render.test.mjs, and run as a script by the browser hydration test's command:
// `node test/ssr/render-shell.mjs '{"courseId":"linalg-101"}'` prints the markup.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { fileURLToPath } from 'node:url';

/** Globals a server does not have (some Node has, but a server render must not use them either). */
export const browserOnly = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'matchMedia',
  'getComputedStyle',
  'innerWidth',
  'innerHeight',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'ResizeObserver',
  'IntersectionObserver',
  'MutationObserver',
  'Notification',
];

const distDirectory = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Each browser-only global the package's code touched, with where. */
const touched = new Map();

for (const name of browserOnly) {
  const own = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      // The first frame past this getter says whose code asked: only the package's counts.
      const caller = new Error().stack?.split('\n')[2] ?? '';
      if (caller.includes(distDirectory)) touched.set(name, caller.trim());
      return own?.get ? own.get.call(globalThis) : own?.value;
    },
  });
}

/**
 * The server's HTML for `<course-chat course-id=… api-base=…>`, and the browser-only globals the
 * package touched on the way (none, when it renders as a server must).
 */
export async function renderShell({ courseId, apiBase = '/api' }) {
  await import('course-chat/define');
  const markup = await collectResult(
    render(html`<course-chat course-id=${courseId} api-base=${apiBase}></course-chat>`),
  );
  return { markup, touched: new Map(touched) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { markup, touched: used } = await renderShell(JSON.parse(process.argv[2] ?? '{}'));
  if (used.size > 0) throw new Error(`The server render touched ${[...used.keys()].join(', ')}`);
  process.stdout.write(markup);
}

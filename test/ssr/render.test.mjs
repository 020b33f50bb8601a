// Server-side rendering, as a Next.js or Nuxt server would do it: `<course-chat>` rendered by
// @lit-labs/ssr in Node from the built package gives a declarative shadow DOM shell (header and
// loading state), and nothing in the package reaches for a browser global on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderShell } from './render-shell.mjs';

test('renders the shell of the room without touching browser globals', async () => {
  const { markup, touched } = await renderShell({ courseId: 'linalg-101', apiBase: '/api' });
  assert.deepEqual(Object.fromEntries(touched), {});
  const host = markup.match(/<course-chat\s[^>]*>/)?.[0] ?? '';
  assert.match(host, /course-id="linalg-101"/);
  assert.match(host, /api-base="\/api"/);
  assert.match(host, /theme="auto"/);
  // The shadow root is declarative, with the element's styles inside it, then the shell.
  assert.ok(markup.includes(`${host}<template shadowroot="open" shadowrootmode="open"><style>`));
  const shell = markup.slice(markup.indexOf('</style>')).replace(/<!--[^>]*-->/g, '');
  assert.match(shell, /<div class="header" part="header">/);
  // The whole title stays readable where a narrow header cuts it with an ellipsis.
  assert.match(shell, /<h2 title="Course Chat">Course Chat<\/h2>/);
  assert.match(shell, /<a class="back" href="#"\s*>Back to Course<\/a\s*>/);
  assert.match(shell, /<div class="loading" role="status">Loading chat…<\/div>/);
  assert.match(shell, /<\/template><\/course-chat>$/);
});

test('renders the same shell for every request: nothing of one render stays for the next', async () => {
  const first = await renderShell({ courseId: 'linalg-101' });
  const second = await renderShell({ courseId: 'linalg-101' });
  assert.equal(second.markup, first.markup);
  assert.equal(second.touched.size, 0);
});

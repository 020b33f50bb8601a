// The script-tag build (dist/course-chat.js, minified and tree-shaken by rollup) in headless
// Chromium on the in-browser mock backend, through the stream benchmark's page: what the browser
// tests prove on the sources must hold for the bundle hosts load too. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPage } from '../../bench/lib.mjs';

describe('the script-tag build', () => {
  let opened;
  const probe = (name, ...args) =>
    opened.page.evaluate((probe, args) => globalThis.courseChatBench[probe](...args), name, args);

  before(async () => {
    opened = await openPage('/bench/index.html', 'courseChatBench');
  });
  after(() => opened?.close());

  it('shows messages that arrive while the reader is at the newest, down to the last one', async () => {
    await probe('seed', 300);
    await probe('open');
    // The probe rejects unless the last of them is painted as the newest row (within its limit).
    const burst = await probe('burst', 20, 200);
    assert.ok(Number.isFinite(burst.toLastPaintedMs));
  });
});

// The demo's Offline scenario through `npm start`, as a newcomer would try it: the browser goes
// offline (as DevTools' Offline does), a message fails with Retry, and Retry sends it once back.
/* global document -- in the functions that run in the page */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrival, live, say, useDemo } from './helpers.mjs';

describe("the demo's Offline scenario", { timeout: 120_000 }, () => {
  const demo = useDemo();

  /** The delivery of `#me`'s message saying `text`, once it is `state`. */
  const delivery = (page, text, state) =>
    page.waitForFunction(
      (content, wanted) =>
        [...(document.querySelector('#me')?.shadowRoot?.querySelectorAll('course-chat-message') ?? [])].find(
          (row) => row.message?.content === content && row.message?.delivery === wanted,
        ),
      { timeout: 30_000, polling: 100 },
      text,
      state,
    );

  it('says how to go offline; offline, a send fails with Retry, and Retry sends it once online', async () => {
    const { page, errors } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=offline`);
    await live(page, '#me');
    assert.equal(await page.$eval('#scenario', (select) => select.value), 'offline');
    assert.match(await page.$eval('.hint', (hint) => hint.textContent), /turn this browser offline/);

    await page.setOfflineMode(true);
    await page.waitForFunction(() => document.querySelector('#me').shadowRoot.textContent.includes('You are offline'), {
      timeout: 30_000,
      polling: 100,
    });
    await say(page, '#me', 'Sent while offline');
    const failed = await delivery(page, 'Sent while offline', 'failed');
    assert.match(await failed.evaluate((row) => row.shadowRoot.textContent), /Message not sent\./);

    await page.setOfflineMode(false);
    await live(page, '#me');
    await failed.evaluate((row) => row.shadowRoot.querySelector('.delivery.failed button').click());
    await delivery(page, 'Sent while offline', 'sent');
    // Once: it reaches the other room, and only one of it.
    await arrival(page, '#other', 'Sent while offline');
    const copies = await page.$eval(
      '#other',
      (chat) =>
        [...chat.shadowRoot.querySelectorAll('course-chat-message')].filter(
          (row) => row.message?.content === 'Sent while offline',
        ).length,
    );
    assert.equal(copies, 1, 'the other room got it more than once');
    assert.deepEqual(errors, []);
  });
});

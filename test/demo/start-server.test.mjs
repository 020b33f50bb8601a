// `npm run start:server`, as the README tells a newcomer to run it: the Worker and the demo start,
// print an address per seeded person, and two of those addresses chat through the real Worker.
/* global document, getComputedStyle -- in the functions that run in the page */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../scripts/ports.mjs';
import { arrival, launchBrowser, live, repoRoot, runScript, say } from './helpers.mjs';

/** server/seed.sql's people, as (id, name) pairs, read from its users insert. */
function seededPeople() {
  const seed = readFileSync(join(repoRoot, 'server', 'seed.sql'), 'utf8');
  const users = /INSERT INTO users[^;]*/.exec(seed)?.[0] ?? '';
  return [...users.matchAll(/\('([\w-]+)', '([^']+)'/g)].map(([, id, name]) => ({ id, name }));
}

describe('npm run start:server', { timeout: 240_000 }, () => {
  const state = mkdtempSync(join(tmpdir(), 'course-chat-start-server-'));
  let server;
  let browser;
  let printed;

  before(async () => {
    const [port, workerPort] = [await freePort(), await freePort()];
    server = runScript('start:server', { PORT: String(port), WORKER_PORT: String(workerPort), WORKER_STATE: state });
    printed = (await server.until(/Press Ctrl\+C[^\n]*\n/)).input;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(state, { recursive: true, force: true });
  });

  /** The address printed on the line that names `name`. */
  const addressOf = (name) => new RegExp(`^ +${name} .*?(http://\\S+)$`, 'm').exec(printed)?.[1];

  it('prints an address for every seeded person, with their name and role', () => {
    const people = seededPeople();
    assert.ok(people.length >= 6, 'server/seed.sql seeds its people');
    for (const { id, name } of people) {
      const address = addressOf(name);
      assert.ok(address, `no address for ${name}:\n${printed}`);
      assert.equal(new URL(address).searchParams.get('me'), id);
    }
    assert.match(printed, /^ +Ana Lima +student, /m);
    assert.match(printed, /^ +Chen Wei +student-teacher, /m);
    assert.match(printed, /^ +Omar Haddad +not enrolled, /m);
    assert.match(printed, /&other=/, 'the second-person parameter is explained');
  });

  it('carries a message each way between a student and a student-teacher in their own windows', async () => {
    // A small laptop: the old half-width column turned the help queue into a tab here.
    const viewport = { width: 1100, height: 800 };
    const ana = await browser.open(addressOf('Ana Lima'), viewport);
    const chen = await browser.open(addressOf('Chen Wei'), viewport);
    await live(ana.page, '#me', 2);
    await live(chen.page, '#me', 2);

    const question = `Does a zero determinant mean the columns are dependent? (${Date.now()})`;
    await say(ana.page, '#me', question);
    assert.match(await arrival(chen.page, '#me', question), /Ana Lima/);
    const answer = `Yes: they span a flat box, so its volume is zero. (${Date.now()})`;
    await say(chen.page, '#me', answer);
    assert.match(await arrival(ana.page, '#me', answer), /Chen Wei/);

    for (const [window, name] of [
      [ana, 'Ana Lima'],
      [chen, 'Chen Wei'],
    ]) {
      const shown = await window.page.evaluate(() => {
        const chats = document.querySelectorAll('course-chat');
        const chat = chats[0];
        const queue = chat.shadowRoot.querySelector('course-chat-help-queue');
        const tabs = chat.shadowRoot.querySelector('.tabs');
        return {
          rooms: chats.length,
          signedInAs: document.querySelector('#me-name').textContent,
          course: document.querySelector('#course-title').textContent,
          share: chat.getBoundingClientRect().width / document.querySelector('main').clientWidth,
          queueShown: getComputedStyle(queue).display !== 'none' && queue.getBoundingClientRect().width > 0,
          tabsShown: getComputedStyle(tabs).display !== 'none',
        };
      });
      assert.deepEqual(
        { ...shown, share: shown.share > 0.9 },
        { rooms: 1, signedInAs: name, course: 'Linear Algebra', share: true, queueShown: true, tabsShown: false },
        `${name}'s window`,
      );
      assert.deepEqual(window.errors, [], `${name}'s window threw`);
    }
  });
});

// `npm run start:server`, as the README tells a newcomer to run it: the Worker and the demo start,
// print an address per seeded person, and two of those addresses chat through the real Worker.
/* global document, getComputedStyle -- in the functions that run in the page */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { arrival, live, repoRoot, say, useStartServer } from './helpers.mjs';

/** server/seed.sql's people, as (id, name) pairs, read from its users insert. */
function seededPeople() {
  const seed = readFileSync(join(repoRoot, 'server', 'seed.sql'), 'utf8');
  const users = /INSERT INTO users[^;]*/.exec(seed)?.[0] ?? '';
  return [...users.matchAll(/\('([\w-]+)', '([^']+)'/g)].map(([, id, name]) => ({ id, name }));
}

describe('npm run start:server', { timeout: 240_000 }, () => {
  const server = useStartServer('course-chat-start-server-');
  const { addressOf } = server;

  it('prints an address for every seeded person, with their name and role', () => {
    const people = seededPeople();
    assert.ok(people.length >= 6, 'server/seed.sql seeds its people');
    for (const { id, name } of people) {
      const address = addressOf(name);
      assert.ok(address, `no address for ${name}:\n${server.printed}`);
      assert.equal(new URL(address).searchParams.get('me'), id);
    }
    assert.match(server.printed, /^ +Ana Lima +student, /m);
    assert.match(server.printed, /^ +Chen Wei +student-teacher, /m);
    assert.match(server.printed, /^ +Omar Haddad +not enrolled, /m);
    assert.match(server.printed, /&other=/, 'the second-person parameter is explained');
  });

  it('carries a message each way between a student and a student-teacher in their own windows', async () => {
    // A small laptop: the old half-width column turned the help queue into a tab here.
    const viewport = { width: 1100, height: 800 };
    const ana = await server.browser.open(addressOf('Ana Lima'), viewport);
    const chen = await server.browser.open(addressOf('Chen Wei'), viewport);
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

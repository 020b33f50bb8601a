// The README's moderation walkthroughs, run as a newcomer would: a moderator and a muted student in
// the mock demo (`npm start`), and on the reference Worker (`npm run start:server`).
/* global document -- in the functions that run in the page */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrival, live, say, useDemo, useStartServer } from './helpers.mjs';

/** The text of the room at `selector`, its help queue and its Reported queue, once `pattern` shows there. */
const shows = (page, selector, pattern) =>
  page.waitForFunction(
    (chat, source) => {
      const room = document.querySelector(chat)?.shadowRoot;
      const queue = room?.querySelector('course-chat-help-queue')?.shadowRoot;
      const reported = queue?.querySelector('course-chat-reported')?.shadowRoot;
      const composer = room?.querySelector('course-chat-composer')?.shadowRoot;
      const text = [room, queue, reported, composer].map((root) => root?.textContent ?? '').join(' ');
      return new RegExp(source).test(text.replace(/\s+/g, ' '));
    },
    { timeout: 30_000, polling: 100 },
    selector,
    pattern.source,
  );

/** Clicks the decision `decision` on the Reported queue's entry for `text` in the room at `selector`. */
const decide = (page, selector, text, decision) =>
  page.evaluate(
    (chat, content, name) => {
      const queue = document.querySelector(chat).shadowRoot.querySelector('course-chat-help-queue').shadowRoot;
      const item = [...queue.querySelector('course-chat-reported').shadowRoot.querySelectorAll('li')].find((entry) =>
        entry.textContent.includes(content),
      );
      item.querySelector(`[data-decision="${name}"]`).click();
    },
    selector,
    text,
    decision,
  );

/** Whether the room at `selector` shows the message `text`. */
const holds = (page, selector, text) =>
  page.evaluate(
    (chat, content) =>
      [...document.querySelector(chat).shadowRoot.querySelectorAll('course-chat-message')].some(
        (row) => row.message?.content === content,
      ),
    selector,
    text,
  );

describe('moderation in the mock demo (npm start)', { timeout: 120_000 }, () => {
  const demo = useDemo();

  it('signs in as a moderator, whose Reported queue hides a message from the student beside them', async () => {
    const { page, errors } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=moderation`);
    await live(page, '#me', 2);
    assert.equal(await page.$eval('#scenario', (select) => select.value), 'moderation');
    await shows(page, '#me', /Reported \(2\)/);
    await shows(page, '#me', /3 reports: Spam · Hidden pending review/);
    const offTopic = 'Anyone watching the match tonight? Way more fun than eigenvalues.';
    assert.equal(await holds(page, '#other', offTopic), true, 'the student beside sees it before');
    await decide(page, '#me', offTopic, 'hide');
    await page.waitForFunction(
      (content) =>
        ![...document.querySelector('#other').shadowRoot.querySelectorAll('course-chat-message')].some(
          (row) => row.message?.content === content,
        ),
      { timeout: 30_000, polling: 100 },
      offTopic,
    );
    assert.deepEqual(errors, []);
  });

  it('signs in as a student a moderator muted: the composer says until when', async () => {
    const { page, errors } = await demo.browser.open(`${demo.origin}/demo/?simulate=off&scenario=muted`);
    await live(page, '#me', 2);
    await shows(page, '#me', /A moderator muted you in this course until \d{1,2}:\d{2}/);
    // The second participant is the moderator who muted them.
    await shows(page, '#other', /Reported \(0\)/);
    assert.deepEqual(errors, []);
  });
});

describe('moderation on the Worker (npm run start:server)', { timeout: 240_000 }, () => {
  const server = useStartServer('course-chat-moderation-');

  it('prints the seeded moderator, who reviews a report, mutes its author and hides the message', async () => {
    assert.match(server.printed, /^ +Maya Rossi +moderator, /m);
    const viewport = { width: 1100, height: 800 };
    const maya = await server.browser.open(server.addressOf('Maya Rossi'), viewport);
    const ben = await server.browser.open(server.addressOf('Ben Okafor'), viewport);
    await live(maya.page, '#me', 2);
    await live(ben.page, '#me', 2);
    await shows(maya.page, '#me', /Reported \(0\)/);

    const spam = `Cheap answers to every problem set, DM me (${Date.now()})`;
    await say(ben.page, '#me', spam);
    await arrival(maya.page, '#me', spam);
    // Ana reports it, as her Report would: through the Worker's API with her token.
    const apiBase = new URL(server.addressOf('Ana Lima')).searchParams.get('backend');
    const { token } = await (
      await fetch(`${apiBase}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 'u-ana' }),
      })
    ).json();
    const messageId = await ben.page.evaluate(
      (content) =>
        [...document.querySelector('#me').shadowRoot.querySelectorAll('course-chat-message')].find(
          (row) => row.message?.content === content,
        ).message.id,
      spam,
    );
    const reported = await fetch(`${apiBase}/courses/linalg-101/chat/messages/${messageId}/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ reason: 'spam' }),
    });
    assert.equal(reported.status, 201);
    await shows(maya.page, '#me', /Reported \(1\)/);
    await shows(maya.page, '#me', /1 report: Spam/);

    await decide(maya.page, '#me', spam, 'mute');
    await shows(ben.page, '#me', /A moderator muted you in this course until \d{1,2}:\d{2}/);
    await decide(maya.page, '#me', spam, 'hide');
    await shows(maya.page, '#me', /Hidden pending review/);
    await ben.page.waitForFunction(
      (id) =>
        [...document.querySelector('#me').shadowRoot.querySelectorAll('course-chat-message')].some(
          (row) => row.message?.id === id && row.message.hidden,
        ),
      { timeout: 30_000, polling: 100 },
      messageId,
    );
    assert.equal(await holds(ben.page, '#me', spam), false, 'its author sees it removed, without its text');
    assert.deepEqual([...maya.errors, ...ben.errors], []);
  });
});

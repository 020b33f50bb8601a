// Every entry of the package imported in Node by its name, as a server-rendering host's code or its
// tests would: none may touch a browser global on import. Under the `node` condition the
// script-tag entry is the unbundled registration module, whose lit brings its own DOM shim.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// lit's DOM shim installs it on globalThis when the first entry loads.
const registry = () => globalThis.customElements;

/** The elements of the room's first paint, registered as the entry loads. */
const tags = ['course-chat'];
/** The rest register as `<course-chat>` connects or first uses them (src/components/lazy.ts). */
const onFirstUse = [
  'course-chat-stream',
  'course-chat-message',
  'course-chat-composer',
  'course-chat-help-queue',
  'course-chat-award-dialog',
  'course-chat-settings',
  'course-chat-low-balance',
];

describe('the package’s entries in Node', () => {
  it('course-chat/course-chat.js (the script-tag entry) registers the first paint’s elements without a browser', async () => {
    const entry = await import('course-chat/course-chat.js');
    for (const tag of tags) assert.ok(registry().get(tag), `<${tag}> is not registered`);
    for (const tag of onFirstUse) assert.equal(registry().get(tag), undefined, `<${tag}> is registered before its use`);
    assert.equal(registry().get('course-chat'), entry.CourseChat);
  });

  it('course-chat/define registers the same classes the package exports', async () => {
    const [define, main] = await Promise.all([import('course-chat/define'), import('course-chat')]);
    assert.equal(define.CourseChat, main.CourseChat);
    assert.equal(registry().get('course-chat'), main.CourseChat);
  });

  it('course-chat exports what a host embeds and listens to, not the stores or the client inside', async () => {
    const names = Object.keys(await import('course-chat'));
    assert.deepEqual(
      names.filter((name) => !/^CourseChat\w*$/.test(name) && name !== 'defaultStrings'),
      [],
      'exports besides the element classes, their events and the strings',
    );
    for (const name of ['CourseChat', 'CourseChatNavigateEvent', 'CourseChatAnalyticsEvent', 'defaultStrings']) {
      assert.ok(names.includes(name), `course-chat does not export ${name}`);
    }
  });

  it('course-chat/react is a types-only entry that loads as an empty module', async () => {
    assert.deepEqual(Object.keys(await import('course-chat/react')), []);
  });
});

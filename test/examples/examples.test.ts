import { expect, waitUntil } from '@open-wc/testing';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';

/**
 * Every page in demo/examples/ embeds the built package as a host would; each is loaded in a frame
 * with its own mock backend and must show a live room whose events reach the host's code.
 */
const examples = [
  { name: 'plain HTML with the script-tag module', page: '/demo/examples/script-tag/index.html' },
  { name: 'React 19', page: '/demo/examples/react/index.html' },
  { name: 'Vue 3', page: '/demo/examples/vue/index.html' },
];

/** What the examples need built: the package's script-tag modules and the bundles of the examples. */
const builtFiles = [
  '/dist/course-chat.js',
  '/dist/course-chat-mock.js',
  '/demo/examples/build/react.js',
  '/demo/examples/build/vue.js',
];

before(async () => {
  for (const file of builtFiles) {
    const response = await fetch(file, { method: 'HEAD' });
    if (!response.ok) throw new Error(`${file} is missing: run \`npm run build && npm run build:examples\`.`);
  }
});

for (const example of examples) {
  describe(`example: ${example.name}`, () => {
    let frame: HTMLIFrameElement;
    let chat: CourseChat;

    const page = () => frame.contentDocument!;
    const rows = () => [...chat.shadowRoot!.querySelectorAll<CourseChatMessage>('course-chat-message')];
    /** The host's own list of the events its code received. */
    const hostEvents = () => [...page().querySelectorAll('.events li')].map((item) => item.textContent);

    before(async () => {
      frame = document.createElement('iframe');
      frame.style.cssText = 'inline-size: 1100px; block-size: 800px; border: 0';
      frame.src = example.page;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      await waitUntil(() => page().querySelector('course-chat')?.shadowRoot, 'the page never rendered <course-chat>', {
        timeout: 10_000,
      });
      chat = page().querySelector('course-chat')!;
      await waitUntil(() => rows().length > 0, 'no messages from the mock backend', { timeout: 10_000 });
    });

    after(() => frame.remove());

    it('shows the busy room with its messages', async () => {
      expect(chat.shadowRoot!.querySelector('h2')!.textContent).to.equal('Linear Algebra Chat');
      const log = chat.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
      expect(log.getBoundingClientRect().height).to.be.greaterThan(100);
      const newest = rows().at(-1)!;
      expect(newest.shadowRoot!.querySelector('.content')!.textContent).to.equal(newest.message!.content);
      expect(newest.message!.content).not.to.equal('');
    });

    it('hands analytics events to the host’s code', async () => {
      await waitUntil(() => hostEvents().includes('analytics: page_view'), 'the host never heard page_view');
    });

    it('lets the host’s code route "Back to Course" and a profile link', async () => {
      chat.shadowRoot!.querySelector<HTMLAnchorElement>('.back')!.click();
      await waitUntil(
        () => hostEvents().includes('navigate: course /courses/linalg-101'),
        `the host never routed Back to Course; it heard ${hostEvents().join(', ')}`,
      );

      const named = rows().find((row) => row.shadowRoot!.querySelector('.meta a.profile'))!;
      const author = named.message!.author;
      const expected = author.is_student_teacher
        ? `navigate: st-profile /student-teachers/${author.id} (${author.id})`
        : `navigate: profile /users/${author.id} (${author.id})`;
      named.shadowRoot!.querySelector<HTMLAnchorElement>('.meta a.profile')!.click();
      await waitUntil(() => hostEvents().includes(expected), `the host never heard "${expected}"`);
      expect(frame.contentWindow!.location.pathname).to.equal(example.page);
    });

    it('loads what the first paint does without on first use, and it works', async () => {
      const queue = chat.shadowRoot!.querySelector('course-chat-help-queue')!;
      await waitUntil(() => queue.shadowRoot, 'the help queue never loaded');
      const settings = chat.shadowRoot!.querySelector('course-chat-settings')!;
      await waitUntil(() => settings.shadowRoot?.querySelector('.toggle'), 'the settings never loaded');
      const toggle = settings.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!;
      toggle.click();
      await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true', 'the settings did not open');
      toggle.click();
      const dialog = chat.shadowRoot!.querySelector('course-chat-award-dialog')!;
      // This Helped! from the menu of someone else's message: the menu comes after the first paint too.
      const another = () =>
        rows().findLast((row) => !row.mine && row.awarded === 0 && row.shadowRoot!.querySelector('.more'));
      await waitUntil(another, 'no message of someone else to award');
      const row = another()!;
      row.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
      const item = () =>
        row
          .shadowRoot!.querySelector('course-chat-message-menu')
          ?.shadowRoot?.querySelector<HTMLButtonElement>('.award');
      await waitUntil(item, 'no This Helped! in the menu');
      item()!.click();
      await waitUntil(() => dialog.shadowRoot?.querySelector('dialog')?.open, 'the award dialog did not open');
      dialog.shadowRoot!.querySelector('dialog')!.close();
      // The composer's @-suggestions, from the moment its text area is first used.
      const composer = chat.shadowRoot!.querySelector('course-chat-composer')!;
      const textarea = composer.shadowRoot!.querySelector('textarea')!;
      textarea.focus();
      textarea.value = '@';
      textarea.setSelectionRange(1, 1);
      textarea.dispatchEvent(new InputEvent('input'));
      await waitUntil(() => composer.shadowRoot!.querySelector('[role="option"]'), 'no one suggested after @');
      textarea.value = '';
      textarea.dispatchEvent(new InputEvent('input'));
      // The parts are found from the module's URL: beside the script-tag module, where one file
      // holds them all (it compresses better than several), or, through `course-chat/define` in a
      // bundler that splits code, beside the host's bundle, a file each.
      const scriptTag = example.page.includes('script-tag');
      const folder = scriptTag ? '/dist/lazy/' : '/demo/examples/build/';
      const loaded = frame
        .contentWindow!.performance.getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname);
      for (const part of scriptTag ? ['after-first-paint'] : ['room-socket', 'after-first-paint'])
        expect(
          loaded.some((path) => path.startsWith(`${folder}${part}-`)),
          `${part} from ${folder}`,
        ).to.be.true;
    });
  });
}

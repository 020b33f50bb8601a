// First, before lit loads: LitElement takes over server-rendered shadow roots only with this.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import { postAs, rowWith, shadow, useMockBackend } from '../components/helpers.js';

/**
 * A page whose server rendered `<course-chat>` (render-shell.mjs: @lit-labs/ssr from the built
 * package): the browser shows the shell at once, hydrates it in place, and the room goes live.
 */
describe('<course-chat> rendered on the server and hydrated in the browser', () => {
  const running = useMockBackend({ scenario: 'quiet-room' });
  let page: HTMLElement;
  beforeEach(() => {
    page = document.createElement('main');
    document.body.append(page);
  });
  afterEach(() => page.remove());

  it('hydrates the server’s shell in place, and the room goes live', async () => {
    const mock = running();
    const markup = await executeServerCommand<string, { courseId: string; apiBase: string }>('ssr-render', {
      courseId: mock.scenario!.courseId,
      apiBase: '/api',
    });
    // As the browser's parser reads a page: the shadow root is there before the element upgrades.
    page.setHTMLUnsafe(markup);
    const el = page.querySelector<CourseChat>('course-chat')!;
    const heading = shadow(el).querySelector('h2')!;
    expect(heading.textContent).to.equal('Course Chat');
    expect(shadow(el).querySelector('.loading')?.textContent).to.equal('Loading chat…');
    // The host's script signs in as the page starts.
    el.getAuthToken = () => mock.tokenFor(mock.scenario!.me.id);
    await el.updateComplete;
    await waitUntil(() => shadow(el).querySelector('.online'), 'the room never went live');
    // Hydrated, not rendered again beside what the server sent: the same nodes, once, kept up to date.
    expect(shadow(el).querySelector('h2')).to.equal(heading);
    expect(shadow(el).querySelectorAll('.header')).to.have.length(1);
    expect(heading.textContent).to.equal(`${mock.scenario!.title} Chat`);
    await expect(el).to.be.accessible();
    postAs(mock, mock.scenario!.other.id, 'Hello from the other side');
    await waitUntil(() => rowWith(el, 'Hello from the other side'), 'no live message');
  });
});

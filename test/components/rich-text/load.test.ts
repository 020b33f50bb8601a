import { expect, waitUntil } from '@open-wc/testing';
import { mayBeRichText, richText } from '../../../src/components/rich-text/load.js';
import { openRoom, postAs, rowWith, useMockBackend } from '../helpers.js';

const rendererFetched = () =>
  performance.getEntriesByType('resource').some((entry) => /rich-text\/(render|markdown|tex)/.test(entry.name));

/** The renderer is not part of what a room with plain text needs: it loads with the first message that may use it. */
describe('the rich-text renderer loads on first use', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  // Every source module is a resource here, more than the 250 a page records by default: without
  // room for them all, the renderer's fetch would go unrecorded.
  before(() => performance.setResourceTimingBufferSize(5000));

  it('knows plain text from text that may use Markdown or math', () => {
    for (const plain of ['A = [[1,2],[3,4]]', 'is 3 > 2? yes - of course', 'Costs 5 dollars.', 'rank(A) = n'])
      expect(mayBeRichText(plain), plain).to.be.false;
    for (const rich of ['*a*', '`x`', '$x$', '[a](https://b.c)', '> q', '- item', '1. item', '```\nx\n```'])
      expect(mayBeRichText(rich), rich).to.be.true;
  });

  it('shows plain messages without loading it, and loads it for the first that may need it', async () => {
    const { me, other } = mock().scenario!;
    const el = await openRoom(mock(), me.id);
    postAs(mock(), other.id, 'What is A = [[1,2],[3,4]] times 2?');
    await waitUntil(() => rowWith(el, 'What is A = [[1,2],[3,4]] times 2?'));
    expect(richText.get()).to.equal(undefined);
    expect(rendererFetched()).to.be.false;

    postAs(mock(), other.id, 'Each entry: $2a_{ij}$');
    await waitUntil(() => rowWith(el, 'Each entry: $2a_{ij}$')?.shadowRoot?.querySelector('math'), 'no math');
    expect(richText.get()).not.to.equal(undefined);
    expect(rendererFetched()).to.be.true;
  });
});

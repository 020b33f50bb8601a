import { expect, waitUntil } from '@open-wc/testing';
import { openRoom, postAs, rows, useMockBackend } from '../helpers.js';
import { expectInert, xssCalls, xssCorpus } from './xss.js';

/**
 * The XSS corpus in the room as a person sees it: each payload arrives as someone's message and
 * renders as text or inert markup, and none of them runs.
 */
describe('<course-chat> renders hostile Markdown inert', () => {
  const mock = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });

  it(`shows all ${xssCorpus.length} payloads as text or inert markup, and runs none`, async () => {
    expect(xssCorpus.length).to.be.at.least(40);
    const { me, other } = mock().scenario!;
    const el = await openRoom(mock(), me.id);
    await expect(el).to.be.accessible();
    for (const payload of xssCorpus) postAs(mock(), other.id, payload);
    await waitUntil(() => rows(el).length === xssCorpus.length, 'not every payload arrived');
    // Those that may be Markdown render once the renderer has loaded.
    await waitUntil(() => rows(el).filter((row) => row.shadowRoot!.querySelector('.rich')).length > 40, 'no rich text');
    for (const row of rows(el)) expectInert(row);
    expect(xssCalls()).to.equal(0);
    await expect(el).to.be.accessible();
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { MockSession } from '../../src/mock/index.js';
import { action, openRoom, postAs, rows, rowWith, useMockBackend } from './helpers.js';

/** Desktop, with a mouse: a row's actions are a toolbar over it, found on hover, moving nothing. */
describe('<course-chat-message> actions with a mouse', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  it('shows the actions on hover without moving any row, each at least 24 by 24 pixels', async () => {
    for (const line of ['First', 'Second', 'Third']) postAs(mock, mock.scenario!.other.id, line);
    const el = await openRoom(mock, mock.scenario!.me.id);
    await waitUntil(() => rowWith(el, 'Third'));
    await expect(el).to.be.accessible();
    const tops = () => rows(el).map((row) => Math.round(row.getBoundingClientRect().top));
    const before = tops();
    const second = rowWith(el, 'Second')!;
    const box = second.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 80), Math.round(box.top + box.height / 2)] });
    const award = action(second, 'award')!;
    await waitUntil(() => getComputedStyle(award.parentElement!).opacity === '1', 'the actions never showed');
    expect(tops(), 'a row moved when the pointer came').to.deep.equal(before);
    for (const button of [award, action(second, 'reply')!, action(second, 'report')!]) {
      const size = button.getBoundingClientRect();
      expect(size.height, button.className).to.be.at.least(24);
      expect(size.width, button.className).to.be.at.least(24);
    }
    await expect(el).to.be.accessible();
  });
});

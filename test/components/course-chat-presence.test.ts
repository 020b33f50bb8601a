import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CourseChat } from '../../src/components/course-chat.js';
import type { MockSession } from '../../src/mock/index.js';
import { helpQueueOf, openRoom, rowWith, shadow, textareaOf, useMockBackend } from './helpers.js';

/** Who is online and who is typing say only what is true now, or nothing. */
describe('<course-chat> presence and typing', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });

  const typing = (el: CourseChat) => shadow(el).querySelector('.typing')!.textContent!.trim();
  const header = (el: CourseChat) => shadow(el).querySelector('.header')!.textContent!;
  const helpers = (el: CourseChat) => shadow(helpQueueOf(el)).textContent!;

  async function typeAs(el: CourseChat, text: string): Promise<void> {
    textareaOf(el).focus();
    await sendKeys({ type: text });
  }

  it('stops showing a typist once their message arrives, not seconds later', async () => {
    const me = await openRoom(mock, mock.scenario!.me.id);
    await expect(me).to.be.accessible();
    const other = await openRoom(mock, mock.scenario!.other.id);
    await typeAs(other, 'Is the exam open book?');
    await waitUntil(() => typing(me).includes(mock.scenario!.other.name), 'the typist never showed');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowWith(me, 'Is the exam open book?'), 'the message never arrived');
    await me.updateComplete;
    expect(typing(me)).to.equal('');
  });

  it('shows no count, no helpers and no typist while reconnecting, and the live ones once back', async () => {
    const me = await openRoom(mock, mock.scenario!.me.id);
    const other = await openRoom(mock, mock.scenario!.other.id);
    await waitUntil(() => header(me).includes('2 online'));
    await typeAs(other, 'Half a thought');
    await waitUntil(() => typing(me) !== '', 'the typist never showed');

    mock.backend.faults.refuseSockets(1013);
    mock.backend.faults.dropSockets({ userId: mock.scenario!.me.id });
    await waitUntil(() => shadow(me).querySelector('.banner'), 'never reconnecting');
    await me.updateComplete;
    expect(header(me)).not.to.include('online');
    expect(typing(me)).to.equal('');
    await helpQueueOf(me).updateComplete;
    expect(helpers(me)).to.include('Who is online shows again once reconnected.');
    await expect(me).to.be.accessible();

    mock.backend.faults.refuseSockets(null);
    shadow(me).querySelector<HTMLButtonElement>('.banner button')!.click();
    await waitUntil(() => header(me).includes('2 online'), 'the live count never came back', { timeout: 8000 });
    expect(helpers(me)).not.to.include('Who is online shows again');
  });
});

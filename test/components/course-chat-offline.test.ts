import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { MockSession } from '../../src/mock/index.js';
import { openRoom, rowWith, shadow, textareaOf, useMockBackend } from './helpers.js';

/** The browser goes offline and online again, by Chromium's own word (CDP), not a faked event. */
const network = (offline: boolean) => executeServerCommand('network-offline', { offline });

/** A student whose network goes away in the middle of the conversation, with the in-page mock. */
describe('<course-chat> offline', () => {
  const running = useMockBackend({ scenario: 'quiet-room', limits: { min_send_interval_ms: 0 } });
  let mock: MockSession;
  beforeEach(() => {
    mock = running();
  });
  afterEach(() => network(false));

  it('says it is offline, does not send, and sends once on Retry when the network is back', async () => {
    const { me, courseId } = mock.scenario!;
    const el = await openRoom(mock, me.id);
    await expect(el).to.be.accessible();

    await network(true);
    await waitUntil(() => shadow(el).querySelector('.banner')?.textContent?.includes('You are offline'));
    textareaOf(el).focus();
    await sendKeys({ type: 'Anyone still here?' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowWith(el, 'Anyone still here?')?.message?.delivery === 'failed', 'the send did not fail');
    const row = rowWith(el, 'Anyone still here?')!;
    expect(shadow(row).querySelector('.delivery.failed')!.textContent).to.include('Message not sent.');
    expect(mock.backend.messages(courseId)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    await network(false);
    await waitUntil(() => !shadow(el).querySelector('.banner'), 'the room never came back online', { timeout: 8000 });
    shadow(row).querySelector<HTMLButtonElement>('.delivery.failed button')!.click();
    await waitUntil(() => rowWith(el, 'Anyone still here?')?.message?.delivery === 'sent', 'Retry did not send it');
    expect(mock.backend.messages(courseId).map((message) => message.content)).to.deep.equal(['Anyone still here?']);
  });

  it('leaves the room with the network and comes back with it, catching up on what was said meanwhile', async () => {
    const { me, other, courseId } = mock.scenario!;
    const el = await openRoom(mock, me.id);
    await expect(el).to.be.accessible();
    const present = () => mock.backend.online(courseId).some((user) => user.id === me.id);
    expect(present(), 'not in the room before going offline').to.be.true;

    await network(true);
    // The socket does not outlive the network: the room sees the student leave.
    await waitUntil(() => !present(), 'the socket stayed open without a network');
    mock.backend.send(other.id, courseId, {
      client_id: crypto.randomUUID(),
      content: 'Said meanwhile',
      is_question: false,
    });

    await network(false);
    await waitUntil(present, 'the room never saw the student come back', { timeout: 8000 });
    await waitUntil(() => rowWith(el, 'Said meanwhile'), 'what was said meanwhile never arrived');
    await waitUntil(() => !shadow(el).querySelector('.banner'), 'the banner stayed after coming back');
  });
});

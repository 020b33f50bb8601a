import { expect, waitUntil } from '@open-wc/testing';
import { ArrivalAnnouncer } from '../../src/components/arrival-announcer.js';
import { ControllerHost } from './helpers.js';

/** What a screen reader hears of arrivals, on a host of its own: no room needed. */
describe('ArrivalAnnouncer', () => {
  let host: ControllerHost;
  let announcer: ArrivalAnnouncer;

  beforeEach(() => {
    host = new ControllerHost();
    announcer = new ArrivalAnnouncer(host, (count) => `${count} new messages`);
  });

  afterEach(() => announcer.hostDisconnected());

  it('leaves a few arrivals to the log, each read as it comes', () => {
    announcer.arrived(2);
    announcer.arrived(1);
    host.update();
    expect(announcer.burst).to.equal('');
    expect(host.requests).to.equal(0);
  });

  it('counts a burst in the next update, and asks for one when none comes', async () => {
    announcer.arrived(5);
    host.update();
    expect(announcer.burst).to.equal('5 new messages');
    // The burst is over: an update comes to say so, without the stream changing again.
    await waitUntil(() => host.requests > 0, 'no update asked for');
  });

  it('says the count at most once while the burst goes on', () => {
    announcer.arrived(4);
    host.update();
    announcer.arrived(4);
    host.update();
    expect(announcer.burst).to.equal('4 new messages');
  });

  it('goes back to reading each message once the burst has been quiet for a while', async () => {
    announcer.arrived(4);
    host.update();
    await waitUntil(() => announcer.burst === '', 'the burst summary stayed', { timeout: 4000 });
    announcer.arrived(1);
    host.update();
    expect(announcer.burst).to.equal('');
  });
});

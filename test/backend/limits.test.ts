import { expect } from '@open-wc/testing';
import { limitVariables, pointsInRange, roomLimitsFromVariables, roomLimitsWith } from '../../src/backend/index.js';
import { defaultLimits } from '../../src/protocol/index.js';

describe('room limits', () => {
  it('keeps every default a deployment leaves unset or empty', () => {
    expect(roomLimitsFromVariables({})).to.deep.equal(defaultLimits);
    expect(roomLimitsFromVariables({ MAX_MESSAGE_LENGTH: '' })).to.deep.equal(defaultLimits);
  });

  it('reads each limit from its upper-case variable', () => {
    expect(limitVariables.min_send_interval_ms).to.equal('MIN_SEND_INTERVAL_MS');
    const limits = roomLimitsFromVariables({ MAX_MESSAGE_LENGTH: ' 500 ', MIN_SEND_INTERVAL_MS: '0' });
    expect(limits).to.deep.equal({ ...defaultLimits, max_message_length: 500, min_send_interval_ms: 0 });
  });

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => roomLimitsFromVariables({ MAX_AWARD_POINTS: '2.5' })).to.throw(/MAX_AWARD_POINTS/);
    expect(() => roomLimitsFromVariables({ HISTORY_PAGE_SIZE: 'many' })).to.throw(/HISTORY_PAGE_SIZE/);
  });

  it('refuses limits the protocol or the client could not live with', () => {
    expect(() => roomLimitsWith({ max_message_length: 0 })).to.throw(/max_message_length/);
    expect(() => roomLimitsWith({ heartbeat_interval_ms: 500 })).to.throw(/heartbeat_interval_ms/);
    expect(() => roomLimitsWith({ default_award_points: 30 })).to.throw(/default_award_points/);
    expect(() => roomLimitsWith({ history_page_size: 201 })).to.throw(/history_page_size/);
  });

  it('allows award points from 1 to the maximum, whole numbers only', () => {
    expect([0, 1, 20, 21, 1.5, -5].map((points) => pointsInRange(points, 20))).to.deep.equal([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

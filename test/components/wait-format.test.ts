import { expect } from '@open-wc/testing';
import { formatWait } from '../../src/components/wait-format.js';

/** How long a question has waited, as the help queue writes it. */
describe('formatWait', () => {
  const asked = '2026-03-02T09:00:00Z';
  const after = (minutes: number) => Date.parse(asked) + minutes * 60_000;

  it('says nothing under a minute, then minutes, then hours within a day', () => {
    expect(formatWait(asked, after(0.4), 'en')).to.equal('');
    expect(formatWait(asked, after(12), 'en')).to.equal('12 minutes');
    expect(formatWait(asked, after(5 * 60 + 10), 'en')).to.equal('5 hours');
  });

  it('counts days after a day and weeks after two, never hundreds of hours', () => {
    expect(formatWait(asked, after(191 * 60), 'en')).to.equal('8 days');
    expect(formatWait(asked, after(24 * 60), 'en')).to.equal('1 day');
    expect(formatWait(asked, after(20 * 24 * 60), 'en')).to.equal('3 weeks');
  });

  it('writes the unit in the language asked for', () => {
    const days = new Intl.NumberFormat('fr', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(8);
    expect(formatWait(asked, after(191 * 60), 'fr')).to.equal(days);
  });
});

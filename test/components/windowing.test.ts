import { expect } from '@open-wc/testing';
import type { StreamMessage, Thread } from '../../src/state/index.js';
import {
  emptySlice,
  estimatedRowPx,
  HeightCache,
  locate,
  rowBudget,
  rowsOf,
  sliceOf,
  type SliceRequest,
} from '../../src/components/windowing.js';
import { storedMessage } from '../state/fake-client.js';

function message(id: string): StreamMessage {
  return { ...storedMessage({ id, seq: 1 }), delivery: 'sent' };
}

/** Thread `t<index>` with `replies` replies `t<index>r<n>`. */
function thread(index: number, replies = 0): Thread {
  return {
    message: message(`t${index}`),
    replies: Array.from({ length: replies }, (_, n) => message(`t${index}r${n + 1}`)),
  };
}

/** `count` single-row threads. */
const threads = (count: number) => Array.from({ length: count }, (_, index) => thread(index));

function request(fields: Partial<SliceRequest> = {}): SliceRequest {
  return { heights: new HeightCache(), viewport: 600, anchor: null, messages: 0, reach: 1, ...fields };
}

/** The windowing maths of the stream, without a DOM: which threads render around the view. */
describe('windowing', () => {
  it('counts a thread as its message and its replies', () => {
    expect(rowsOf(thread(0))).to.equal(1);
    expect(rowsOf(thread(0, 2))).to.equal(3);
  });

  it('locates a message as a thread or as a reply within one, and a missing one nowhere', () => {
    const stream = [thread(0), thread(1, 2)];
    expect(locate(stream, 't1')).to.deep.equal({ index: 1, above: 0 });
    expect(locate(stream, 't1r2')).to.deep.equal({ index: 1, above: 2 });
    expect(locate(stream, 'gone')).to.deep.equal({ index: -1, above: 0 });
  });

  describe('HeightCache', () => {
    it('estimates every row before any is measured', () => {
      const heights = new HeightCache();
      expect(heights.perRow).to.equal(estimatedRowPx);
      expect(heights.heightOf(thread(0, 1))).to.equal(2 * estimatedRowPx);
    });

    it('takes a measured thread as measured, and an unmeasured one at the mean measured row', () => {
      const heights = new HeightCache();
      heights.measure(thread(0), 40);
      heights.measure(thread(1, 1), 120);
      expect(heights.perRow).to.equal(160 / 3);
      expect(heights.heightOf(thread(1, 1))).to.equal(120);
      expect(heights.heightOf(thread(2))).to.equal(160 / 3);
    });

    it('adds the mean row for each reply a thread gained since it was measured', () => {
      const heights = new HeightCache();
      heights.measure(thread(0), 50);
      expect(heights.heightOf(thread(0, 2))).to.equal(150);
    });

    it('replaces a measurement rather than adding to it, and forgets all on clear', () => {
      const heights = new HeightCache();
      heights.measure(thread(0), 50);
      heights.measure(thread(0), 70);
      expect(heights.perRow).to.equal(70);
      heights.clear();
      expect(heights.perRow).to.equal(estimatedRowPx);
    });
  });

  describe('sliceOf', () => {
    it('renders nothing of an empty stream', () => {
      expect(sliceOf([], request())).to.deep.equal(emptySlice);
    });

    it('renders a stream within the row budget whole, its view at the newest', () => {
      const stream = threads(100);
      const slice = sliceOf(stream, request({ messages: 100 }));
      expect(slice).to.deep.equal({ start: 0, end: 100, before: 0, after: 0, top: 100 * estimatedRowPx - 600 });
    });

    it('puts the view where the anchor message was, however far down its thread', () => {
      const stream = [thread(0), thread(1, 3), thread(2)];
      const anchor = { id: 't1r2', index: 1, delta: 10 };
      const slice = sliceOf(stream, request({ messages: 6, anchor }));
      expect(slice.top).to.equal(estimatedRowPx + 2 * estimatedRowPx - 10);
    });

    it('keeps the view at the anchor thread’s place when its message is gone', () => {
      const stream = threads(5);
      const slice = sliceOf(stream, request({ messages: 5, anchor: { id: 'gone', index: 3, delta: 0 } }));
      expect(slice.top).to.equal(3 * estimatedRowPx);
    });

    it('renders only the threads around the newest of a long stream, space standing for the rest', () => {
      const count = 10_000;
      const stream = threads(count);
      const slice = sliceOf(stream, request({ messages: count }));
      const total = count * estimatedRowPx;
      expect(slice.end).to.equal(count);
      // The view and one viewport above it, give or take the thread the edge falls in.
      expect(slice.end - slice.start).to.be.within(600 / estimatedRowPx, (3 * 600) / estimatedRowPx + 2);
      expect(slice.before).to.equal(slice.start * estimatedRowPx);
      expect(slice.after).to.equal(0);
      expect(slice.before + (slice.end - slice.start) * estimatedRowPx + slice.after).to.equal(total);
    });

    it('renders the threads around an anchor far up a long stream, on both sides of the view', () => {
      const stream = threads(10_000);
      const slice = sliceOf(stream, request({ messages: 10_000, anchor: { id: 't5000', index: 5000, delta: 0 } }));
      expect(slice.start).to.be.below(5000);
      expect(slice.end).to.be.above(5000 + 600 / estimatedRowPx);
      expect(slice.top).to.equal(5000 * estimatedRowPx);
    });

    it('gives up the side farther from the view to stay within the row budget', () => {
      // Huge threads: one viewport either side would hold far more rows than the budget allows.
      const stream = Array.from({ length: 50 }, (_, index) => thread(index, 99));
      const heights = new HeightCache();
      for (const each of stream) heights.measure(each, 100);
      const slice = sliceOf(stream, request({ heights, messages: 5000, viewport: 1000, reach: 10 }));
      const rows = stream.slice(slice.start, slice.end).reduce((sum, each) => sum + rowsOf(each), 0);
      expect(rows).to.be.at.most(rowBudget);
      // The view shows the last ten threads: what stays is among them.
      expect(slice.start).to.be.at.least(40);
      expect(slice.end - slice.start).to.be.at.least(1);
    });
  });
});

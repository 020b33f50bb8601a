// The message stream of <course-chat> in a room of 10,000 messages (ROOM_SIZE to change it), in
// headless Chromium: the script-tag build on the in-browser mock backend (bench/page.ts), figures
// read off the page. Long tasks are the browser's own (PerformanceObserver 'longtask': tasks over
// 50 ms); heap is V8's used heap after a forced garbage collection. Prints figures; asserts nothing.
import { openPage, printTable } from './lib.mjs';

const size = Number(process.env.ROOM_SIZE ?? 10_000);
const burst = 1000;
const missed = 1000;

const { page, cdp, close } = await openPage('/bench/index.html', 'courseChatBench');
try {
  const probe = (name, ...args) =>
    page.evaluate((probe, args) => globalThis.courseChatBench[probe](...args), name, args);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };

  await probe('seed', size);
  const seeded = await heap();
  const open = await probe('open');
  const opened = await heap();
  const all = await probe('loadAll');
  const loaded = await heap();
  const scroll = await probe('scroll', 0.5, 300);
  const drag = await probe('drag', 100);
  const flood = await probe('burst', burst, 1000);
  const resume = await probe('resume', missed);
  const math = await probe('firstMath');

  const ms = (value) => `${Math.round(value)} ms`;
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const tasks = ({ longTasks, longestTaskMs }) =>
    longTasks === 0 ? 'none over 50 ms' : `${longTasks} over 50 ms, longest ${ms(longestTaskMs)}`;
  const count = (value) => value.toLocaleString('en');

  printTable(
    `Message stream: ${count(size)} messages, viewport 1280×800, log ${open.logHeight} px tall`,
    ['measure', 'figure', 'long tasks'],
    [
      ['history response → first message painted', ms(open.historyToPaintMs), ''],
      ['element created → first message painted', ms(open.openToPaintMs), tasks(open)],
      ['rows in the DOM on opening', count(open.rows), ''],
      [`load all ${count(size)} (${all.pages} older pages, scrolling to the top)`, ms(all.ms), tasks(all)],
      ['  most rows in the DOM meanwhile', count(all.mostRows), ''],
      ['  worst frame gap meanwhile', ms(all.worstFrameMs), ''],
      [
        `scroll ½ viewport a frame, ${scroll.frames} frames`,
        `worst frame gap ${ms(scroll.worstFrameMs)}`,
        tasks(scroll),
      ],
      ['  most rows in the DOM meanwhile', count(scroll.mostRows), ''],
      [
        `drag the scrollbar top to bottom, ${drag.frames} frames`,
        `worst frame gap ${ms(drag.worstFrameMs)}`,
        tasks(drag),
      ],
      ['  most rows in the DOM meanwhile', count(drag.mostRows), ''],
      ['heap: mock backend seeded, no element', mb(seeded), ''],
      ['heap: element open (first page)', mb(opened), ''],
      [`heap: all ${count(size)} loaded`, mb(loaded), ''],
      [`  the element's share at ${count(size)}`, mb(loaded - seeded), ''],
      [
        `burst of ${count(burst)} messages sent within ${ms(flood.sendMs)}`,
        `last painted at ${ms(flood.toLastPaintedMs)}`,
        tasks(flood),
      ],
      ['  stream updates / frames meanwhile', `${flood.updates} / ${flood.frames}`, ''],
      ['  worst frame gap meanwhile', ms(flood.worstFrameMs), ''],
      ['  rows in the DOM after', count(flood.rows), ''],
      [`resume after ${count(missed)} missed: Retry → newest painted`, ms(resume.lastMissedPaintedMs), tasks(resume)],
      [`  Retry → live (${resume.requests} requests)`, ms(resume.untilLiveMs), ''],
      ['first message with math: sent → formula painted (renderer loaded on the way)', ms(math.ms), tasks(math)],
    ],
  );
} finally {
  await close();
}

/**
 * The page bench/stream.bench.mjs drives: `<course-chat>` from the script-tag build on the
 * in-browser mock backend, in a room as large as asked, and probes that read figures off the page
 * (long tasks, frames, DOM updates, rows). Each probe answers plain numbers.
 */
import type { CourseChatMessage } from '../src/components/course-chat-message.js';
import type { CourseChat } from '../src/components/course-chat.js';
import { startMockBackend, type MockSession } from '../src/mock/index.js';

let mock: MockSession | undefined;
let chat: CourseChat | undefined;
let posted = 0;

// Every request of a run is looked at afterwards, more than the default buffer holds.
performance.setResourceTimingBufferSize(100_000);
const longTasks: PerformanceEntry[] = [];
const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
longTaskObserver.observe({ type: 'longtask', buffered: true });

function session(): MockSession & { scenario: NonNullable<MockSession['scenario']> } {
  const scenario = mock?.scenario;
  if (!mock || !scenario) throw new Error('Seed the room first');
  return { ...mock, scenario };
}

function root(): ShadowRoot {
  const found = chat?.shadowRoot;
  if (!found) throw new Error('Open the element first');
  return found;
}

const rows = (): CourseChatMessage[] => [...root().querySelectorAll('course-chat-message')];
const seqOf = (row: CourseChatMessage | undefined) => Number(/^message (\d+)/.exec(row?.message?.content ?? '')?.[1]);
const lastShown = () => seqOf(rows().at(-1));

function log(): HTMLElement {
  const found = root().querySelector<HTMLElement>('.log');
  if (!found) throw new Error('The stream is not shown');
  return found;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Waits for the first frame in which `done` holds; answers the time just after it was painted. */
async function paintedWhen(done: () => boolean, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  do {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${done}`);
    await nextFrame();
  } while (!done());
  // A task queued during a frame runs after that frame has painted.
  return new Promise((resolve) => setTimeout(() => resolve(performance.now())));
}

/** How many tasks over 50 ms started since `since`, and the longest (0 when none did). */
function tasksSince(since: number) {
  longTasks.push(...longTaskObserver.takeRecords());
  const tasks = longTasks.filter((task) => task.startTime >= since);
  return { longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)) };
}

/** Counts frames from now on; the function it answers stops counting and tells the longest gap. */
function countFrames(): () => { frames: number; worstFrameMs: number } {
  let frames = 0;
  let worst = 0;
  let last = performance.now();
  let counting = true;
  const tick = (now: number) => {
    frames += 1;
    worst = Math.max(worst, now - last);
    last = now;
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    counting = false;
    return { frames, worstFrameMs: worst };
  };
}

/**
 * Posts messages `message <seq>` from three people: every twentieth a question the next two
 * answer, every seventh long enough to wrap, so rows differ in height as in a real room. Askers
 * mark the first answer helpful for questions before `answeredBefore`: a real help queue is short.
 */
function post(count: number, at?: (seq: number) => number, answeredBefore = 0): void {
  const { backend, scenario } = session();
  let question = '';
  let asker = '';
  for (let seq = posted + 1; seq <= posted + count; seq++) {
    const author = scenario.people[seq % 3] ?? scenario.me;
    const body = {
      client_id: crypto.randomUUID(),
      content: `message ${seq}${seq % 7 === 0 ? ', with a longer remark that runs well past the end of one line' : ''}`,
      is_question: seq % 20 === 0,
      ...(question && seq % 20 !== 0 && seq % 20 <= 2 ? { reply_to_id: question } : {}),
    };
    const send = () => backend.send(author.id, scenario.courseId, body);
    const outcome = at ? backend.at(at(seq), send) : send();
    if (!outcome.ok) throw new Error(outcome.error.message);
    if (body.is_question) [question, asker] = [outcome.value.id, author.id];
    else if (body.reply_to_id && seq < answeredBefore) backend.markHelpful(asker, scenario.courseId, outcome.value.id);
  }
  posted += count;
}

async function toNewest(): Promise<void> {
  log().scrollTop = log().scrollHeight;
  await paintedWhen(() => log().scrollHeight - log().scrollTop - log().clientHeight < 2);
  await nextFrame();
}

const probes = {
  /** A room with `size` messages of history, one every half minute up to now. */
  async seed(size: number) {
    mock = await startMockBackend({
      scenario: 'quiet-room',
      limits: { min_send_interval_ms: 0, history_page_size: 200 },
    });
    posted = 0;
    const start = Date.now() - size * 30_000;
    post(size, (seq) => start + seq * 30_000, size - 100);
    return { messages: posted };
  },

  /** Opens the element on the room, as tall as the viewport leaves room for. */
  async open() {
    const { scenario, tokenFor } = session();
    const started = performance.now();
    chat = document.createElement('course-chat');
    chat.style.height = `${innerHeight - 100}px`;
    chat.courseId = scenario.courseId;
    chat.getAuthToken = () => tokenFor(scenario.me.id);
    document.body.append(chat);
    const painted = await paintedWhen(() => rows().length > 0);
    const history = performance
      .getEntriesByType('resource')
      .find((entry) => entry.startTime >= started && /\/messages\?limit=/.test(entry.name));
    return {
      historyToPaintMs: history instanceof PerformanceResourceTiming ? painted - history.responseEnd : NaN,
      openToPaintMs: painted - started,
      rows: rows().length,
      logHeight: log().clientHeight,
      ...tasksSince(started),
    };
  },

  /** Reads back to the first message a page at a time, as someone scrolling to the top does. */
  async loadAll() {
    const started = performance.now();
    const frames = countFrames();
    let mostRows = rows().length;
    const older = () => root().querySelector<HTMLButtonElement>('.older');
    while (older()) {
      log().scrollTop = 0;
      await paintedWhen(() => {
        const button = older();
        return !button || (!button.disabled && log().scrollTop > 0);
      });
      mostRows = Math.max(mostRows, rows().length);
    }
    const pages = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime >= started && entry.name.includes('before=')).length;
    return { ms: performance.now() - started, pages, mostRows, ...frames(), ...tasksSince(started) };
  },

  /** Scrolls down from the top, `viewports` of the log's height every frame, for `count` frames. */
  async scroll(viewports: number, count: number) {
    log().scrollTop = 0;
    await paintedWhen(() => true);
    const started = performance.now();
    const frames = countFrames();
    let mostRows = 0;
    for (let frame = 0; frame < count; frame++) {
      log().scrollTop += log().clientHeight * viewports;
      await nextFrame();
      mostRows = Math.max(mostRows, rows().length);
    }
    return { first: seqOf(rows()[0]), mostRows, ...frames(), ...tasksSince(started) };
  },

  /** Drags through the whole stream in `count` jumps, one a frame, as a scrollbar thumb does. */
  async drag(count: number) {
    const started = performance.now();
    const frames = countFrames();
    let mostRows = 0;
    for (let jump = 1; jump <= count; jump++) {
      log().scrollTop = ((log().scrollHeight - log().clientHeight) * jump) / count;
      await nextFrame();
      mostRows = Math.max(mostRows, rows().length);
    }
    return { mostRows, ...frames(), ...tasksSince(started) };
  },

  /** `count` messages from classmates within `overMs`, the reader at the newest. */
  async burst(count: number, overMs: number) {
    await toNewest();
    let updates = 0;
    const observer = new MutationObserver(() => (updates += 1));
    observer.observe(root(), { childList: true, characterData: true, subtree: true });
    const first = posted;
    const started = performance.now();
    const frames = countFrames();
    while (posted < first + count) {
      const due = Math.ceil((count * Math.min(1, (performance.now() - started) / overMs)) / 4) * 4;
      post(Math.min(first + count, first + due) - posted);
      await new Promise((resolve) => setTimeout(resolve));
    }
    const sendMs = performance.now() - started;
    const painted = await paintedWhen(() => lastShown() === first + count);
    observer.disconnect();
    return {
      sendMs,
      toLastPaintedMs: painted - started,
      updates,
      rows: rows().length,
      ...frames(),
      ...tasksSince(started),
    };
  },

  /**
   * The reader loses the connection, `count` messages arrive meanwhile, the connection comes back
   * and they press Retry: until every missed message is in and the room is live again.
   */
  async resume(count: number) {
    await toNewest();
    const { backend, scenario } = session();
    const banner = () => root().querySelector<HTMLButtonElement>('.banner button');
    backend.faults.refuseSockets(1013);
    backend.faults.dropSockets({ userId: scenario.me.id });
    await paintedWhen(() => banner() !== null);
    post(count);
    backend.faults.refuseSockets(null);
    const started = performance.now();
    banner()?.click();
    const painted = await paintedWhen(() => banner() === null && lastShown() === posted);
    // Live once the last catch-up request (the help queue's) is answered: wait for the network to
    // fall quiet, then take the last answer.
    const answered = () =>
      Math.max(
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime >= started && entry instanceof PerformanceResourceTiming)
          .map((entry) => (entry as PerformanceResourceTiming).responseEnd),
      );
    let last = answered();
    for (let quiet = 0; quiet < 10;) {
      await nextFrame();
      quiet = answered() === last ? quiet + 1 : 0;
      last = answered();
    }
    return {
      lastMissedPaintedMs: painted - started,
      untilLiveMs: answered() - started,
      requests: performance.getEntriesByType('resource').filter((entry) => entry.startTime >= started).length,
      ...tasksSince(started),
    };
  },

  /**
   * The room's first message with math (run last: its text is not "message N"): sent by someone
   * else → its formula painted, the rich-text renderer loading on the way.
   */
  async firstMath() {
    const { backend, scenario } = session();
    const started = performance.now();
    const content = 'Why is $\\det(A - \\lambda I) = 0$ for $A = \\begin{pmatrix} 2 & 1 \\\\ 1 & 2 \\end{pmatrix}$?';
    const sent = backend.send(scenario.other.id, scenario.courseId, {
      client_id: crypto.randomUUID(),
      content,
      is_question: false,
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const painted = await paintedWhen(() => rows().some((row) => row.shadowRoot?.querySelector('math mtable')));
    return { ms: painted - started, ...tasksSince(started) };
  },
};

Object.assign(globalThis, { courseChatBench: probes });

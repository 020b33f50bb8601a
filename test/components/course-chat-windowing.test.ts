import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CourseChatMessage } from '../../src/components/course-chat-message.js';
import type { CourseChat } from '../../src/components/course-chat.js';
import { helpQueueOf, highlightedRow, logOf, newMessagesOf, rows, shadow, useMockBackend } from './helpers.js';

/** Most rows the stream may hold in the DOM, however long the room. */
const rowLimit = 300;
const roomSize = 10_000;

/** A long-lived room: the stream renders the part around the view, whatever the room's size. */
describe('<course-chat> in a room of 10,000 messages', () => {
  const session = useMockBackend({
    scenario: 'quiet-room',
    limits: { min_send_interval_ms: 0, history_page_size: 200 },
  });
  let posted = 0;
  beforeEach(() => (posted = 0));

  /**
   * Posts messages `message <seq>` from three people: every twentieth a question that the next two
   * answer, every seventh long enough to wrap, so rows differ in height as in a real room.
   */
  function post(count: number, at?: (index: number) => number): void {
    const { backend, scenario } = session();
    const { courseId, people } = scenario!;
    let question = '';
    for (let seq = posted + 1; seq <= posted + count; seq++) {
      const author = people[seq % 3]!;
      const body = {
        client_id: crypto.randomUUID(),
        content: `message ${seq}${seq % 7 === 0 ? ', with a longer remark that runs well past the end of one line of the log' : ''}`,
        is_question: seq % 20 === 0,
        ...(question && seq % 20 !== 0 && seq % 20 <= 2 ? { reply_to_id: question } : {}),
      };
      const outcome = at
        ? backend.at(at(seq), () => backend.send(author.id, courseId, body))
        : backend.send(author.id, courseId, body);
      if (!outcome.ok) throw new Error(outcome.error.message);
      if (body.is_question) question = outcome.value.id;
    }
    posted += count;
  }

  /** The room's history, one message every half minute up to now. */
  function history(): void {
    const start = Date.now() - roomSize * 30_000;
    post(roomSize, (seq) => start + seq * 30_000);
  }

  async function open(): Promise<CourseChat> {
    const { scenario, tokenFor } = session();
    const el = await fixture<CourseChat>(
      html`<course-chat
        style="height: 600px"
        course-id=${scenario!.courseId}
        .getAuthToken=${() => tokenFor(scenario!.me.id)}
      ></course-chat>`,
    );
    await waitUntil(() => rows(el).length > 0, 'no messages shown');
    // The help queue loads after the stream; its banner and counts must not land mid-measurement.
    const openQuestions = session()
      .backend.messages(scenario!.courseId)
      .filter((m) => m.question_status === 'open').length;
    const tab = () => shadow(el).querySelector('#queue-tab')?.textContent ?? '';
    await waitUntil(() => tab().includes(`(${openQuestions})`), 'the help queue never loaded', { timeout: 10_000 });
    await frames(3);
    return el;
  }

  const log = (el: CourseChat) => logOf(el)!;
  const older = (el: CourseChat) => shadow(el).querySelector<HTMLButtonElement>('.older');
  const seqOf = (row: CourseChatMessage) => Number(/^message (\d+)/.exec(row.message?.content ?? '')?.[1]);
  const seqs = (el: CourseChat) => rows(el).map(seqOf);
  const atBottom = (el: CourseChat) => log(el).scrollHeight - log(el).scrollTop - log(el).clientHeight < 48;

  function frames(count: number): Promise<void> {
    return new Promise((resolve) => {
      const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
      next(count);
    });
  }

  /** The first row the reader sees, and how far below the top of the log it is. */
  function firstInView(el: CourseChat): { seq: number; offset: number } {
    const top = log(el).getBoundingClientRect().top;
    const row = rows(el).find((candidate) => candidate.getBoundingClientRect().bottom > top)!;
    return { seq: seqOf(row), offset: row.getBoundingClientRect().top - top };
  }

  function offsetOf(el: CourseChat, seq: number): number | undefined {
    const row = rows(el).find((candidate) => seqOf(candidate) === seq);
    return row && row.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
  }

  async function scrollTo(el: CourseChat, top: number): Promise<void> {
    log(el).scrollTop = top;
    await frames(3);
  }

  /** Scrolls to the top, which loads the next older page, and waits until it is in. */
  async function readOlderPage(el: CourseChat): Promise<void> {
    log(el).scrollTop = 0;
    await waitUntil(() => !older(el) || (!older(el)!.disabled && log(el).scrollTop > 0), 'no older page came');
    await frames(2);
  }

  it('is accessible, and renders at most 300 rows from the newest message back to the oldest', async () => {
    history();
    const el = await open();
    await expect(el).to.be.accessible();
    expect(seqs(el).at(-1)).to.equal(roomSize);
    let most = rows(el).length;
    while (older(el)) {
      await readOlderPage(el);
      most = Math.max(most, rows(el).length);
    }
    await scrollTo(el, 0);
    expect(seqs(el).slice(0, 3)).to.deep.equal([1, 2, 3]);

    // The middle of the scroll range shows the middle of the room.
    await scrollTo(el, (log(el).scrollHeight - log(el).clientHeight) / 2);
    expect(firstInView(el).seq).to.be.within(roomSize * 0.25, roomSize * 0.75);
    most = Math.max(most, rows(el).length);

    await scrollTo(el, log(el).scrollHeight);
    expect(seqs(el).at(-1)).to.equal(roomSize);
    most = Math.max(most, rows(el).length);
    expect(most).to.be.at.most(rowLimit);
  });

  it('keeps the reader’s place when an older page loads above', async () => {
    history();
    const el = await open();
    await readOlderPage(el);
    session().backend.faults.delay(400, 'messages');
    await scrollTo(el, 0);
    expect(older(el)!.disabled, 'the older page is not loading').to.be.true;
    const before = firstInView(el);
    await waitUntil(() => !older(el)!.disabled, 'the older page never came');
    await frames(3);
    expect(offsetOf(el, before.seq)).to.be.closeTo(before.offset, 1);
    expect(rows(el).length).to.be.at.most(rowLimit);
  });

  it('keeps the reader’s place while messages arrive, counts them, and jumps to them', async () => {
    history();
    const el = await open();
    await readOlderPage(el);
    await scrollTo(el, log(el).scrollHeight / 3);
    const before = firstInView(el);
    post(5);
    await waitUntil(() => newMessagesOf(el), 'no new-messages jump');
    expect(newMessagesOf(el)!.textContent?.trim()).to.match(/^5 new messages\b/);
    await frames(2);
    expect(offsetOf(el, before.seq)).to.be.closeTo(before.offset, 1);

    newMessagesOf(el)!.click();
    await waitUntil(() => seqs(el).at(-1) === roomSize + 5 && atBottom(el), 'did not jump to the newest');
    post(1);
    await waitUntil(() => seqs(el).at(-1) === roomSize + 6, 'the next message did not arrive');
    await frames(3);
    expect(atBottom(el), 'left the bottom').to.be.true;
    expect(newMessagesOf(el)).to.be.null;
    expect(rows(el).length).to.be.at.most(rowLimit);
  });

  it('jumps from the help queue to a question 10,000 messages up', async () => {
    history();
    const el = await open();
    const queue = helpQueueOf(el);
    await waitUntil(() => shadow(el).textContent?.includes(`Help queue (${roomSize / 20})`), 'the help queue is short');
    shadow(queue).querySelector<HTMLButtonElement>('.question button')!.click();
    await waitUntil(() => highlightedRow(el), 'the question was not shown', {
      timeout: 15_000,
    });
    await frames(3);
    const question = highlightedRow(el)!;
    expect(seqOf(question)).to.equal(20);
    const view = log(el).getBoundingClientRect();
    const box = question.getBoundingClientRect();
    expect(box.top).to.be.within(view.top, view.bottom);
    expect(rows(el).length).to.be.at.most(rowLimit);
  });

  it('stays at the newest through a reconnect that brings 1,000 missed messages', async () => {
    history();
    const el = await open();
    const { backend, scenario } = session();
    backend.faults.refuseSockets(1013);
    backend.faults.dropSockets({ userId: scenario!.me.id });
    const retry = () => shadow(el).querySelector<HTMLButtonElement>('.banner button');
    await waitUntil(retry, 'no Reconnecting banner');
    post(1000);
    backend.faults.refuseSockets(null);
    retry()!.click();
    await waitUntil(() => !retry() && seqs(el).at(-1) === roomSize + 1000, 'the missed messages did not come');
    await frames(3);
    expect(atBottom(el), 'left the bottom').to.be.true;
    expect(newMessagesOf(el)).to.be.null;
    expect(rows(el).length).to.be.at.most(rowLimit);
  });

  it('takes a burst of 1,000 messages in at most one update per animation frame', async () => {
    history();
    const el = await open();
    let elapsed = 0;
    let counting = true;
    const tick = () => {
      elapsed += 1;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    let updates = 0;
    const observer = new MutationObserver(() => (updates += 1));
    observer.observe(shadow(el), { childList: true, characterData: true, subtree: true });

    // Four messages every timer turn: about a second for all of them.
    for (let sent = 0; sent < 1000; sent += 4) {
      post(4);
      await new Promise((resolve) => setTimeout(resolve));
    }
    await waitUntil(() => seqs(el).at(-1) === roomSize + 1000, 'the burst did not arrive', { timeout: 10_000 });
    counting = false;
    observer.disconnect();

    expect(updates).to.be.greaterThan(0);
    expect(updates, `${updates} updates in ${elapsed} frames`).to.be.at.most(elapsed);
    const shown = seqs(el);
    expect(shown).to.deep.equal(shown.map((_, index) => shown[0]! + index));
    expect(shown.length).to.be.at.most(rowLimit);
    await frames(2);
    expect(atBottom(el), 'left the bottom').to.be.true;
  });
});

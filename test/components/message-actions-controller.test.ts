import { expect, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import type { CourseChatAwardDialog } from '../../src/components/course-chat-award-dialog.js';
import type { CourseChatComposer } from '../../src/components/course-chat-composer.js';
import {
  CourseChatMessageActionEvent,
  type MessageAction,
  type MessageActionDetails,
} from '../../src/components/events.js';
import { MessageActionsController, type ActionStore } from '../../src/components/message-actions-controller.js';
import { messageActionsStrings as strings } from '../../src/components/message-actions-strings.js';
import { undoAwardMs } from '../../src/components/message-actions.js';
import { defaultStrings } from '../../src/components/strings.js';
import type { StreamMessage } from '../../src/state/index.js';
import { roomOf, storedMessage } from '../state/fake-client.js';
import { ControllerHost } from './helpers.js';

/** What a row's buttons do, over a store that records its calls: no room needed. */
describe('MessageActionsController', () => {
  const ben = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false };
  const message: StreamMessage = { ...storedMessage({ id: 'm1', seq: 1, author: ben }), delivery: 'sent' };
  const $balance = atom(50);
  let calls: string[];
  let awardAccepted: boolean;
  /** The backend's answer to the last award. */
  let awarding: Promise<boolean>;
  let composer: { replyTo?: StreamMessage; focused: boolean; focus(): void };
  let shownInDialog: StreamMessage[];
  let host: ControllerHost;
  let actions: MessageActionsController;
  /** The controller's clock: timers run only when a test advances it. */
  let now: number;
  let timers: { at: number; run: () => void }[];
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0))
      if (timer.at <= now) timer.run();
      else timers.push(timer);
  };

  beforeEach(() => {
    $balance.set(50);
    now = 0;
    timers = [];
    calls = [];
    awardAccepted = true;
    composer = {
      focused: false,
      focus() {
        this.focused = true;
      },
    };
    shownInDialog = [];
    const store: ActionStore = {
      $messages: atom([message]),
      $room: atom(roomOf()),
      $balance,
      retry: (clientId) => void calls.push(`retry ${clientId}`),
      markQuestion: async (id) => void calls.push(`mark-question ${id}`),
      markHelpful: (id) => void calls.push(`mark-helpful ${id}`),
      award: (id, points) => {
        calls.push(`award ${id} ${points}`);
        awarding = Promise.resolve(awardAccepted);
        return awarding;
      },
      report: async (id, body) => void calls.push(`report ${id} ${body.reason} ${body.note ?? ''}`.trim()),
      beginEdit: (id) => void calls.push(`edit ${id}`),
      deleteMessage: async (id) => void calls.push(`delete ${id}`),
      moderate: async (decision) => void calls.push(JSON.stringify(decision)),
    };
    host = new ControllerHost();
    actions = new MessageActionsController(host, {
      store: () => store,
      composer: () => composer as unknown as CourseChatComposer,
      awardDialog: async () =>
        ({ show: async (m: StreamMessage) => void shownInDialog.push(m) }) as unknown as CourseChatAwardDialog,
      strings: () => defaultStrings,
      later: (ms, run) => {
        const timer = { at: now + ms, run };
        timers.push(timer);
        return () => void timers.splice(timers.indexOf(timer) >>> 0, 1);
      },
    });
  });
  afterEach(() => host.disconnect());

  const act = (action: MessageAction, id = 'm1', details?: MessageActionDetails) =>
    actions.handle(new CourseChatMessageActionEvent(action, id, details));

  it('hands each action on a message to the room', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await act('retry');
    await act('mark-question');
    await act('mark-helpful');
    await act('edit');
    await act('delete');
    await act('hide');
    await act('restore');
    await act('mute', 'm1', { until });
    expect(calls).to.deep.equal([
      `retry ${message.client_id}`,
      'mark-question m1',
      'mark-helpful m1',
      'edit m1',
      'delete m1',
      JSON.stringify({ action: 'hide', message_id: 'm1' }),
      JSON.stringify({ action: 'restore', message_id: 'm1' }),
      JSON.stringify({ action: 'mute', user_id: 'ben', until }),
    ]);
  });

  it('ignores an action on a message the room no longer has', async () => {
    await act('delete', 'gone');
    expect(calls).to.deep.equal([]);
  });

  it('reports with the chosen reason once "Reported… Undo" has had its few seconds, and Undo sends nothing', async () => {
    await act('report', 'm1', { report: { reason: 'other', note: 'Asks for exam answers.' } });
    expect(actions.confirmation).to.equal(strings.reportPending);
    advance(undoAwardMs - 1);
    expect(calls, 'reported inside the undo window').to.deep.equal([]);
    advance(1);
    expect(calls).to.deep.equal(['report m1 other Asks for exam answers.']);
    expect(actions.confirmation).to.equal('');

    await act('report', 'm1', { report: { reason: 'spam' } });
    actions.undo();
    advance(10 * undoAwardMs);
    expect(calls).to.have.length(1);
  });

  it('sends a report waiting out its undo window at once when a long-press award comes, and awards once for two presses', async () => {
    const points = roomOf().limits.default_award_points;
    await act('report', 'm1', { report: { reason: 'spam' } });
    await act('quick-award');
    expect(calls, 'the report was lost').to.deep.equal(['report m1 spam']);
    await act('quick-award');
    advance(undoAwardMs);
    expect(calls).to.deep.equal(['report m1 spam', `award m1 ${points}`]);
  });

  it('replies in the composer, and awards through the dialog once it has loaded', async () => {
    await act('reply');
    expect(composer.replyTo).to.equal(message);
    expect(composer.focused).to.be.true;
    await act('award');
    await waitUntil(() => shownInDialog.length > 0, 'the dialog was never shown');
    expect(shownInDialog).to.deep.equal([message]);
  });

  it('offers Undo on a long-press award, and sends exactly one award once the undo window has passed', async () => {
    const points = roomOf().limits.default_award_points;
    await act('quick-award');
    expect(actions.confirmation).to.equal(strings.awardPending(points, 'Ben'));
    advance(undoAwardMs - 1);
    expect(calls, 'sent inside the undo window').to.deep.equal([]);
    advance(1);
    expect(calls).to.deep.equal([`award m1 ${points}`]);
    await awarding;
    await Promise.resolve();
    expect(actions.confirmation).to.equal(strings.awarded(points, 'Ben'));
    advance(3000);
    expect(actions.confirmation).to.equal('');
    expect(calls).to.have.length(1);
  });

  it('sends nothing when the long-press award is undone, however long after', async () => {
    await act('quick-award');
    actions.undo();
    expect(actions.confirmation).to.equal('');
    advance(10 * undoAwardMs);
    expect(calls).to.deep.equal([]);
  });

  it('gives up an award still in its undo window when the room leaves the page', async () => {
    await act('quick-award');
    host.disconnect();
    advance(undoAwardMs);
    expect(calls).to.deep.equal([]);
  });

  it('quick-awards no more than the balance, and nothing from an empty one', async () => {
    $balance.set(2);
    await act('quick-award');
    advance(undoAwardMs);
    $balance.set(0);
    await act('quick-award');
    advance(undoAwardMs);
    expect(calls).to.deep.equal(['award m1 2']);
  });

  it('confirms only an award the backend recorded', async () => {
    awardAccepted = false;
    await act('quick-award');
    advance(undoAwardMs);
    // The controller's wait on this answer was made first, so it has gone on by the time ours does.
    await awarding;
    expect(calls).to.have.length(1);
    expect(actions.confirmation).to.equal('');
  });
});

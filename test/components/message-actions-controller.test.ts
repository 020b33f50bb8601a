import { expect, waitUntil } from '@open-wc/testing';
import { atom } from 'nanostores';
import type { CourseChatAwardDialog } from '../../src/components/course-chat-award-dialog.js';
import type { CourseChatComposer } from '../../src/components/course-chat-composer.js';
import { CourseChatMessageActionEvent, type MessageAction } from '../../src/components/events.js';
import { MessageActionsController, type ActionStore } from '../../src/components/message-actions-controller.js';
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

  beforeEach(() => {
    $balance.set(50);
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
      report: async (id) => void calls.push(`report ${id}`),
    };
    host = new ControllerHost();
    actions = new MessageActionsController(host, {
      store: () => store,
      composer: () => composer as unknown as CourseChatComposer,
      awardDialog: async () =>
        ({ show: async (m: StreamMessage) => void shownInDialog.push(m) }) as unknown as CourseChatAwardDialog,
      strings: () => defaultStrings,
    });
  });
  afterEach(() => host.disconnect());

  const act = (action: MessageAction, id = 'm1') => actions.handle(new CourseChatMessageActionEvent(action, id));

  it('hands each action on a message to the room', () => {
    act('retry');
    act('mark-question');
    act('mark-helpful');
    act('report');
    expect(calls).to.deep.equal([`retry ${message.client_id}`, 'mark-question m1', 'mark-helpful m1', 'report m1']);
  });

  it('ignores an action on a message the room no longer has', () => {
    act('report', 'gone');
    expect(calls).to.deep.equal([]);
  });

  it('replies in the composer, and awards through the dialog once it has loaded', async () => {
    act('reply');
    expect(composer.replyTo).to.equal(message);
    expect(composer.focused).to.be.true;
    act('award');
    await waitUntil(() => shownInDialog.length > 0, 'the dialog was never shown');
    expect(shownInDialog).to.deep.equal([message]);
  });

  it('quick-awards the default points, confirms for a moment, then clears the confirmation', async () => {
    act('quick-award');
    await waitUntil(() => actions.confirmation !== '', 'no confirmation');
    const points = roomOf().limits.default_award_points;
    expect(calls).to.deep.equal([`award m1 ${points}`]);
    expect(actions.confirmation).to.equal(defaultStrings.awarded(points, 'Ben'));
    await waitUntil(() => actions.confirmation === '', 'the confirmation stayed', { timeout: 5000 });
  });

  it('quick-awards no more than the balance, and nothing from an empty one', async () => {
    $balance.set(2);
    act('quick-award');
    $balance.set(0);
    act('quick-award');
    expect(calls).to.deep.equal(['award m1 2']);
  });

  it('confirms only an award the backend recorded', async () => {
    awardAccepted = false;
    act('quick-award');
    // The controller's wait on this answer was made first, so it has gone on by the time ours does.
    await awarding;
    expect(calls).to.have.length(1);
    expect(actions.confirmation).to.equal('');
    expect(host.requests).to.equal(0);
  });
});

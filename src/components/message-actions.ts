import type { StreamMessage } from '../state/index.js';
import type { CourseChatMessageActionEvent } from './events.js';
import type { ActionStore, Later, MessageActionsController } from './message-actions-controller.js';
import { messageActionsStrings } from './message-actions-strings.js';

/** How long a quick award's thanks stay up. */
const confirmationMs = 3000;
/**
 * How long a long-press award or a report can be undone before it is sent: a slip of the thumb
 * costs nothing.
 */
export const undoAwardMs = 4000;

/** What waits out its undo window in each room, and what it is about. */
const waiting = new WeakMap<MessageActionsController, { about: string; send: () => void }>();

const timeout: Later = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Carries out what a message row's buttons and menu ask: retry, reply, mark as a question or as
 * helpful, award, report, edit, delete, and a moderator's hide, restore and mute. A long-press
 * award and a report wait out their undo window first (shown by `actions`).
 */
export function carryOut(actions: MessageActionsController, event: CourseChatMessageActionEvent): void {
  const { options } = actions;
  const store = options.store();
  const message = store?.$messages.get().find((m) => m.id === event.messageId);
  if (!store || !message) return;
  const strings = { ...messageActionsStrings, ...options.strings() };
  switch (event.action) {
    case 'retry':
      store.retry(message.client_id);
      break;
    case 'reply': {
      const composer = options.composer();
      if (composer) {
        composer.replyTo = message;
        composer.focus();
      }
      break;
    }
    case 'mark-question':
      void store.markQuestion(message.id);
      break;
    case 'mark-helpful':
      store.markHelpful(message.id);
      break;
    case 'award':
      void options.awardDialog().then((dialog) => dialog?.show(message));
      break;
    case 'quick-award':
      quickAward(actions, store, message, strings);
      break;
    case 'report': {
      const { report } = event.details;
      // The message leaves the reporter's stream once the report is sent, after its undo window.
      if (report)
        afterUndo(actions, `report ${message.id}`, strings.reportPending, () => void store.report(message.id, report));
      break;
    }
    case 'edit':
      store.beginEdit(message.id);
      break;
    case 'delete':
      void store.deleteMessage(message.id);
      break;
    case 'hide':
    case 'restore':
      void store.moderate({ action: event.action, message_id: message.id });
      break;
    case 'mute':
      void store.moderate({ action: 'mute', user_id: message.author.id, until: event.details.until });
      break;
  }
}

/** A long press on This Helped! awards the default points once its undo window has passed. */
function quickAward(
  actions: MessageActionsController,
  store: ActionStore,
  message: StreamMessage,
  strings: typeof messageActionsStrings,
): void {
  const room = store.$room.get();
  if (!room) return;
  const points = Math.min(room.limits.default_award_points, store.$balance.get());
  if (points < 1) return;
  afterUndo(actions, `award ${message.id}`, strings.awardPending(points, message.author.name), () => {
    void store.award(message.id, points).then((recorded) => {
      if (!recorded) return;
      actions.show(strings.awarded(points, message.author.name));
      actions.ending = (actions.options.later ?? timeout)(confirmationMs, () => actions.show(''));
    });
  });
}

/**
 * Shows `pending` with Undo, and does `send` once the undo window has passed; one thing waits at a
 * time. The same again (`about` the same) within the window replaces the first: a second long press
 * on This Helped! awards once. Something else sends the first at once: what was not undone is not lost.
 */
function afterUndo(actions: MessageActionsController, about: string, pending: string, send: () => void): void {
  const earlier = waiting.get(actions);
  if (actions.pending && earlier && earlier.about !== about) {
    actions.pending();
    actions.pending = undefined;
    earlier.send();
  } else actions.undo();
  waiting.set(actions, { about, send });
  actions.pending = (actions.options.later ?? timeout)(undoAwardMs, () => {
    actions.pending = undefined;
    actions.show('');
    send();
  });
  actions.show(pending);
}

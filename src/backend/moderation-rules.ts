/**
 * Moderation's rules, written once for both backends (docs/protocol.md, "Moderation"): reports
 * and the hiding they trigger, authors editing and deleting their messages, and decisions, which
 * a moderator takes in the room and the platform's MODQ sends signed; both are applied by
 * `applyDecision`. The signature itself is checked before (hmac.ts).
 */
import {
  normaliseContent,
  textLength,
  type ChatMessage,
  type DecisionResponse,
  type EditBody,
  type MessageReport,
  type ModerationDecision,
  type ReportBody,
  type ReportedResponse,
  type ReportResponse,
  type ServerFrame,
  type SignedDecisionBody,
} from '../protocol/index.js';
import { done, type Outcome } from './outcome.js';
import { refusals } from './refusals.js';
import { wait, type DecisionAudit, type RoomContext, type Rule } from './room-store.js';
import { announceUpdate, viewFor, visibleMessage } from './visibility.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The room answer's moderation fields: `moderator` only for moderators, `muted_until` only while
 * a mute lasts.
 */
export function moderationFields(
  moderator: boolean,
  mutedUntil: string | null,
  now: number,
): { moderator?: true; muted_until?: string } {
  return {
    ...(moderator ? { moderator: true as const } : {}),
    ...(mutedUntil !== null && Date.parse(mutedUntil) > now ? { muted_until: mutedUntil } : {}),
  };
}

/** `moderationFields` for a user of the room. */
export function* moderationOf(room: RoomContext, userId: string): Rule<{ moderator?: true; muted_until?: string }> {
  const moderator = yield* wait(room.records.isModerator(userId));
  return moderationFields(moderator, yield* wait(room.live.mutedUntil(userId)), room.now);
}

/** `muted` with the time left while the user is muted; null when they may write. */
export function* muteRefusal(room: RoomContext, userId: string): Rule<Outcome<never> | null> {
  const until = yield* wait(room.live.mutedUntil(userId));
  const left = until === null ? 0 : Date.parse(until) - room.now;
  return left > 0 ? refusals.muted(left) : null;
}

/**
 * One report per person per message (201, then 200 changing nothing). The message leaves the
 * reporter's own view at once; what a new report then sets off is `actOnReport`. A muted user may
 * still report: it only protects the others.
 */
export function* report(
  room: RoomContext,
  reporterId: string,
  messageId: string,
  body: ReportBody,
): Rule<Outcome<ReportResponse>> {
  const { records, now } = room;
  const note = body.note?.trim() ? body.note.trim() : null;
  if (body.reason === 'other' && note === null) return refusals.noteRequired();
  const message = yield* visibleMessage(room, reporterId, messageId);
  if (!message) return refusals.messageNotFound();
  if (message.deleted) return refusals.messageDeleted();
  if (message.author.id === reporterId) return refusals.selfReport();
  const reportId = records.newId('report');
  const filed = { reporter_id: reporterId, reason: body.reason, note, created_at: iso(now) };
  const count = yield* wait(records.addReport(messageId, reportId, filed));
  if (count === null)
    return done({ reported: true as const, hidden: (yield* messageBeingReported(room, messageId)).hidden === true });
  const hidden = yield* actOnReport(room, { report_id: reportId, message_id: messageId, report: filed, count });
  return done({ reported: true as const, hidden }, 201);
}

/** A new report as stored, with `count`, the distinct people with an open report on its message now. */
export interface StoredReport {
  report_id: string;
  message_id: string;
  report: MessageReport;
  count: number;
}

/**
 * What a new report sets off once stored: at `limits.report_hide_threshold` distinct open reports
 * its message is hidden for everyone, moderators hear of it, and MODQ gets it; answers whether the
 * message is hidden now. The Worker runs it again for a report whose room died after storing it
 * (server/src/modq-outbox.ts): a message already hidden is not announced again.
 */
export function* actOnReport(room: RoomContext, stored: StoredReport): Rule<boolean> {
  const { records, live, limits } = room;
  const { message_id: messageId, count } = stored;
  const message = yield* messageBeingReported(room, messageId);
  let hidden = message.hidden === true;
  if (!hidden && count >= limits.report_hide_threshold && (yield* wait(records.setHidden(messageId, true)))) {
    hidden = true;
    live.broadcast({ type: 'message_hidden', message_id: messageId });
  }
  yield* toModerators(room, { type: 'reported', message_id: messageId, report_count: count, hidden });
  yield* wait(
    records.queueForModq({
      report_id: stored.report_id,
      course_id: records.courseId,
      message: hidden ? { ...message, hidden: true } : message,
      report: stored.report,
      report_count: count,
      hidden,
    }),
  );
  return hidden;
}

function* messageBeingReported(room: RoomContext, messageId: string): Rule<ChatMessage> {
  const message = yield* wait(room.records.message(messageId));
  if (!message) throw new Error(`message ${messageId} vanished while being reported`);
  return message;
}

/**
 * The author's new text, within `limits.edit_window_ms` of sending, checked and normalised as a
 * send is; everyone who sees the message gets the new text live. Muted authors may not edit: an
 * edit writes as a send does.
 */
export function* editMessage(
  room: RoomContext,
  userId: string,
  messageId: string,
  body: EditBody,
): Rule<Outcome<ChatMessage>> {
  const { records, limits, now } = room;
  const message = yield* visibleMessage(room, userId, messageId);
  if (!message) return refusals.messageNotFound();
  if (message.author.id !== userId) return refusals.notAuthor();
  if (message.deleted) return refusals.messageDeleted();
  if (now - Date.parse(message.created_at) >= limits.edit_window_ms) return refusals.editWindowClosed();
  const muted = yield* muteRefusal(room, userId);
  if (muted) return muted;
  const content = normaliseContent(body.content);
  if (content.length === 0) return refusals.emptyMessage();
  if (textLength(content) > limits.max_message_length) return refusals.tooLong(limits.max_message_length);
  yield* wait(records.editMessage(messageId, content, iso(now)));
  return done(yield* changed(room, userId, messageId));
}

/**
 * The author deletes their message, at any time (again: 200, unchanged). Its row stays, empty, so
 * its thread reads on; an open question leaves the queue; the points it earned stay in the ledger.
 */
export function* deleteMessage(room: RoomContext, userId: string, messageId: string): Rule<Outcome<ChatMessage>> {
  const message = yield* visibleMessage(room, userId, messageId);
  if (!message) return refusals.messageNotFound();
  if (message.author.id !== userId) return refusals.notAuthor();
  if (!(yield* wait(room.records.deleteMessage(messageId, iso(room.now))))) return done(message);
  return done(yield* changed(room, userId, messageId));
}

/** The changed message announced to whoever sees it, and as its author sees it. */
function* changed(room: RoomContext, authorId: string, messageId: string): Rule<ChatMessage> {
  const message = yield* wait(room.records.message(messageId));
  if (!message) throw new Error(`message ${messageId} vanished while being changed`);
  yield* announceUpdate(room, message);
  const view = yield* viewFor(room, authorId, message);
  return view ?? message;
}

/** `GET …/chat/reports`: the messages awaiting a decision, for moderators only. */
export function* reportedMessages(room: RoomContext, userId: string): Rule<Outcome<ReportedResponse>> {
  if (!(yield* wait(room.records.isModerator(userId)))) return refusals.notModerator();
  return done({ reported: yield* wait(room.records.reportedMessages()) });
}

/** A decision by a moderator of the course, from the room. */
export function* moderate(
  room: RoomContext,
  moderatorId: string,
  decision: ModerationDecision,
): Rule<Outcome<DecisionResponse>> {
  if (!(yield* wait(room.records.isModerator(moderatorId)))) return refusals.notModerator();
  return yield* applyDecision(room, decision, { id: room.records.newId('decision'), actor: moderatorId });
}

/** A decision MODQ signed (the signature and its timestamp already checked): replayed ids refused. */
export function* applySignedDecision(room: RoomContext, body: SignedDecisionBody): Rule<Outcome<DecisionResponse>> {
  const { decision_id: id, moderator_id: moderatorId, course_id: _course, ...decision } = body;
  return yield* applyDecision(room, decision, { id, actor: `modq:${moderatorId ?? ''}` });
}

/**
 * Applies a decision, whoever took it: checked, then audited (a decision id already audited is
 * `replayed` and changes nothing), then stored and announced live. `hide` and `restore` change who
 * sees the message; `restore` and `dismiss` close its reports; `mute` and `unmute` say until when
 * a user may not write, to them and to moderators.
 */
export function* applyDecision(
  room: RoomContext,
  decision: ModerationDecision,
  by: { id: string; actor: string },
): Rule<Outcome<DecisionResponse>> {
  const { records, live, now } = room;
  const checked = yield* decisionRefusal(room, decision);
  if (checked) return checked;
  const audit: DecisionAudit = {
    ...by,
    action: decision.action,
    message_id: decision.message_id ?? null,
    user_id: decision.user_id ?? null,
    until: decision.action === 'mute' ? (decision.until ?? null) : null,
    reason: decision.reason ?? null,
    at: iso(now),
  };
  if (!(yield* wait(records.recordDecision(audit)))) return refusals.replayed();
  const messageId = audit.message_id ?? '';
  switch (decision.action) {
    case 'hide':
      if (yield* wait(records.setHidden(messageId, true)))
        live.broadcast({ type: 'message_hidden', message_id: messageId });
      break;
    case 'restore': {
      const shown = yield* wait(records.setHidden(messageId, false));
      yield* wait(records.closeReports(messageId, audit.at));
      const message = yield* wait(records.message(messageId));
      if (shown && message) live.broadcast({ type: 'message_restored', data: message });
      yield* toModerators(room, { type: 'reported', message_id: messageId, report_count: 0, hidden: false });
      break;
    }
    case 'dismiss': {
      yield* wait(records.closeReports(messageId, audit.at));
      const hidden = (yield* wait(records.message(messageId)))?.hidden === true;
      yield* toModerators(room, { type: 'reported', message_id: messageId, report_count: 0, hidden });
      break;
    }
    case 'mute':
    case 'unmute': {
      const userId = audit.user_id ?? '';
      yield* wait(records.setMute(userId, audit.until));
      live.setMutedUntil(userId, audit.until);
      const frame = { type: 'muted', user_id: userId, until: audit.until } as const;
      live.toUser(userId, frame);
      yield* toModerators(room, frame, userId);
      break;
    }
  }
  return done({ applied: true as const });
}

/** Why a decision cannot apply to this room: what it lacks, or a message or person not of it. */
function* decisionRefusal(room: RoomContext, decision: ModerationDecision): Rule<Outcome<never> | null> {
  if (decision.action === 'mute' || decision.action === 'unmute') {
    if (decision.user_id === undefined) return refusals.decisionIncomplete('a user_id');
    if (decision.action === 'mute') {
      if (decision.until === undefined) return refusals.decisionIncomplete('until');
      if (Date.parse(decision.until) <= room.now) return refusals.muteInPast();
    }
    const known = yield* wait(room.records.participantsAmong([decision.user_id]));
    return known.length === 0 ? refusals.noSuchUser() : null;
  }
  if (decision.message_id === undefined) return refusals.decisionIncomplete('a message_id');
  return (yield* wait(room.records.message(decision.message_id))) ? null : refusals.messageNotFound();
}

/** A frame for the course's moderators' sockets only (but `except`, who already has it). */
function* toModerators(room: RoomContext, frame: ServerFrame, except?: string): Rule<void> {
  for (const moderator of yield* wait(room.records.moderators()))
    if (moderator !== except) room.live.toUser(moderator, frame);
}

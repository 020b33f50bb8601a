import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import type {
  ChatMessage,
  ReportBody,
  ReportedResponse,
  RoomDecisionBody,
  RoomResponse,
  ServerFrame,
} from '../protocol/index.js';
import type { Lifetime } from './lifetime.js';
import type { Notices } from './notices.js';
import type { AnalyticsEvent, NoticeKind } from './types.js';

type ModerationFrame = Extract<ServerFrame, { type: 'message_hidden' | 'message_restored' | 'muted' | 'reported' }>;

export interface ModerationOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  lifetime: Lifetime;
  notices: Notices;
  /** A stored message the room holds (in the stream or the help queue), by id. */
  find(messageId: string): ChatMessage | undefined;
  /** The backend's new copy of a message: the stream and the help queue take it. */
  changed(message: ChatMessage): void;
  track(event: AnalyticsEvent): void;
}

/**
 * Moderation as one user sees it: editing and deleting their own messages, reporting others' (hidden
 * then for the reporter only), messages hidden and restored by moderators, their own mute, and, for
 * a moderator, the Reported queue and decisions.
 */
export function createModeration(options: ModerationOptions) {
  const { api, courseId, $room, notices } = options;
  const $editing = atom<ChatMessage | null>(null);
  const $mutedUntil = atom<string | null>(null);
  const $reported = atom<ReportedResponse['reported']>([]);
  /** Hidden by moderation and neither this user's nor theirs to review: left out, until restored. */
  const $removed = atom<ReadonlySet<string>>(new Set());
  /** Reported by this user, who sees them no more. */
  const $reportedByMe = atom<ReadonlySet<string>>(new Set());
  const $moderator = computed($room, (room) => room?.moderator === true);
  const me = () => $room.get()?.me.id;

  /** The mute as the backend last told it; it lifts by itself at its end. */
  function muted(until: string | null): void {
    $mutedUntil.set(until);
    if (until !== null) liftAt(until);
  }
  function liftAt(until: string): void {
    // A timer longer than setTimeout's 32-bit range would fire at once: a far end is waited in steps.
    options.lifetime.later(Math.min(Date.parse(until) - Date.now(), 2 ** 31 - 1), () => {
      if ($mutedUntil.get() !== until) return;
      if (Date.parse(until) <= Date.now()) $mutedUntil.set(null);
      else liftAt(until);
    });
  }

  /** The moderator's queue, read again whole: one request at a time, the last change included. */
  let reading: Promise<void> | undefined;
  let readAgain = false;
  function readReported(): Promise<void> {
    if (!$moderator.get()) return Promise.resolve();
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        $reported.set((await api.reported(courseId)).reported);
      } while (readAgain && !options.lifetime.ended);
    })().finally(() => (reading = undefined));
    return reading;
  }

  function hidden(messageId: string): ChatMessage | undefined {
    const message = options.find(messageId);
    // Not held: history leaves it out, or gives its author and moderators the hidden copy.
    if (!message) return undefined;
    if (message.author.id === me()) return { ...message, hidden: true, content: '', mentions: [] };
    if ($moderator.get()) return { ...message, hidden: true };
    $removed.set(new Set([...$removed.get(), messageId]));
    return undefined;
  }

  function restored(message: ChatMessage): ChatMessage {
    const removed = new Set($removed.get());
    if (removed.delete(message.id)) $removed.set(removed);
    return message;
  }

  /** Runs `request`; its failure becomes the `failed` notice. */
  async function attempt(request: () => Promise<void>, failed: NoticeKind): Promise<void> {
    try {
      await request();
    } catch (error) {
      notices.failed(failed, error);
    }
  }

  return {
    $editing: $editing as ReadableAtom<ChatMessage | null>,
    $mutedUntil: $mutedUntil as ReadableAtom<string | null>,
    $reported: $reported as ReadableAtom<ReportedResponse['reported']>,
    /** Left out of the stream and the help queue: reported by this user, or hidden by moderation. */
    $hidden: computed([$reportedByMe, $removed], (reported, removed) => new Set([...reported, ...removed])),
    $moderator,

    roomLoaded(room: RoomResponse): void {
      muted(room.muted_until ?? null);
    },

    /** A send was refused as muted for `ms` more. */
    refusedAsMuted(ms: number): void {
      muted(new Date(Date.now() + ms).toISOString());
    },

    /** After each (re)connect: a moderator's queue, or the user's mute, may have changed meanwhile. */
    async catchUp(): Promise<void> {
      // Only someone muted asks: an unmute missed while away would keep them from writing until its end.
      if ($mutedUntil.get() !== null) muted((await api.room(courseId)).muted_until ?? null);
      await readReported();
    },

    /** A moderation frame; the message it brings for the stream and the help queue, if any. */
    apply(frame: ModerationFrame): ChatMessage | undefined {
      switch (frame.type) {
        case 'message_hidden':
          return hidden(frame.message_id);
        case 'message_restored':
          return restored(frame.data);
        case 'muted':
          if (frame.user_id === me()) muted(frame.until);
          return undefined;
        case 'reported':
          readReported().catch(() => undefined);
          return undefined;
      }
    },

    report: (messageId: string, body: ReportBody) =>
      attempt(async () => {
        await api.report(courseId, messageId, body);
        $reportedByMe.set(new Set([...$reportedByMe.get(), messageId]));
        options.track({
          name: 'message_reported',
          data: { course_id: courseId, message_id: messageId, reason: body.reason },
        });
      }, 'report_failed'),

    beginEdit(messageId: string): void {
      const message = options.find(messageId);
      if (message && message.author.id === me() && !message.deleted) $editing.set(message);
    },
    cancelEdit: (): void => $editing.set(null),

    edit: (messageId: string, content: string) =>
      attempt(async () => {
        options.changed((await api.edit(courseId, messageId, content)).message);
        if ($editing.get()?.id === messageId) $editing.set(null);
      }, 'edit_failed'),

    deleteMessage: (messageId: string) =>
      attempt(async () => {
        options.changed((await api.deleteMessage(courseId, messageId)).message);
        if ($editing.get()?.id === messageId) $editing.set(null);
      }, 'delete_failed'),

    moderate: (decision: RoomDecisionBody) =>
      attempt(async () => {
        await api.moderate(courseId, decision);
        // The queue shows the decision at once, whether or not its frame comes first.
        if (decision.message_id !== undefined) await readReported();
      }, 'moderation_failed'),
  };
}

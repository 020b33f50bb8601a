import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import type { ChatMessage, GoodwillAward, RoomResponse, RoomSettings, User } from '../protocol/index.js';
import type { Notices } from './notices.js';
import type { ChatNotification, StreamMessage, Unread } from './types.js';

/** A reader at the bottom of a busy room reads constantly; the marker is saved this often at most. */
const readMarkerIntervalMs = 1000;

export interface AttentionOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  $messages: ReadableAtom<readonly StreamMessage[]>;
  $hasOlder: ReadableAtom<boolean>;
  $people: ReadableAtom<ReadonlyMap<string, User>>;
  /** Every open question, loaded or not: an answer to one of mine may reply to an old one. */
  $openQuestions: ReadableAtom<ReadonlyMap<string, ChatMessage>>;
  onNotification?: ((notification: ChatNotification) => void) | undefined;
  /** Where the person hears that the room settings could not be saved, and were put back. */
  notices: Notices;
}

/**
 * The room's claims on the user's attention: the read marker and what is unread after it, the
 * "New messages" divider, room settings, and notifications for mentions, answers and points.
 */
export function createAttention(options: AttentionOptions) {
  const { api, courseId, $room, $messages, $hasOlder } = options;
  const $settings = atom<RoomSettings | null>(null);
  const $readSeq = atom(0);
  /** The marker as the room was opened: the divider stays where the unread messages began. */
  const $readSeqAtOpen = atom<number | null>(null);

  const $unread = computed([$messages, $readSeq, $room, $hasOlder], (messages, readSeq, room, hasOlder): Unread => {
    const me = room?.me.id;
    const loaded = messages.filter((m) => m.delivery === 'sent');
    // Every message after the marker is loaded: count them here. Otherwise (history not loaded
    // yet, or not back that far) the backend counted those up to the room's last_seq when it was
    // opened, and the newer ones are all loaded.
    const covered =
      (loaded[0]?.seq ?? Infinity) <= readSeq + 1 ||
      (!hasOlder && loaded.length > 0) ||
      readSeq >= (room?.last_seq ?? 0);
    /** The room whose counts stand for the messages up to its last_seq, when those are not all loaded. */
    const counted = covered ? null : room;
    const unread = loaded.filter((m) => m.seq > (counted?.last_seq ?? readSeq) && m.author.id !== me);
    return {
      count: (counted?.unread.count ?? 0) + unread.length,
      mentions:
        (counted?.unread.mentions ?? 0) + unread.filter((m) => me !== undefined && m.mentions.includes(me)).length,
    };
  });

  const $firstUnreadId = computed([$messages, $readSeqAtOpen, $room], (messages, since, room) =>
    since === null
      ? null
      : (messages.find((m) => m.delivery === 'sent' && m.seq > since && m.author.id !== room?.me.id)?.id ?? null),
  );

  let savedReadSeq = 0;
  let saving: ReturnType<typeof setTimeout> | undefined;

  async function saveReadMarker(): Promise<void> {
    saving = undefined;
    const seq = $readSeq.get();
    if (seq <= savedReadSeq) return;
    try {
      const saved = await api.markRead(courseId, seq);
      savedReadSeq = Math.max(savedReadSeq, saved.read_seq);
    } catch {
      // The marker is a convenience: the next read saves it again.
    }
  }

  function notify(notification: ChatNotification): void {
    if (!$settings.get()?.muted) options.onNotification?.(notification);
  }

  return {
    $settings: $settings as ReadableAtom<RoomSettings | null>,
    $readSeq: $readSeq as ReadableAtom<number>,
    $unread,
    $firstUnreadId,
    $readSeqAtOpen: $readSeqAtOpen as ReadableAtom<number | null>,

    /** A room response arrived (the first, or a renewal): settings and marker as the backend keeps them. */
    roomLoaded(room: RoomResponse): void {
      $settings.set(room.settings);
      savedReadSeq = Math.max(savedReadSeq, room.read_seq);
      $readSeq.set(Math.max($readSeq.get(), room.read_seq));
      // A first visit has no "since": everything is new, and the stream opens at the newest.
      if ($readSeqAtOpen.get() === null) $readSeqAtOpen.set(room.read_seq === 0 ? Infinity : room.read_seq);
    },

    /** Messages that arrived live, in order: a mention of me, or an answer to my question. */
    arrived(messages: readonly ChatMessage[]): void {
      const me = $room.get()?.me.id;
      if (me === undefined) return;
      const questions = options.$openQuestions.get();
      const loaded = $messages.get();
      for (const message of messages) {
        if (message.author.id === me) continue;
        const question =
          message.reply_to_id === null
            ? undefined
            : (questions.get(message.reply_to_id) ?? loaded.find((m) => m.id === message.reply_to_id));
        const kind = message.mentions.includes(me)
          ? 'mention'
          : question?.is_question && question.author.id === me
            ? 'answer'
            : null;
        if (kind)
          notify({ kind, courseId, messageId: message.id, from: message.author, text: message.content, points: 0 });
      }
    },

    /** An award committed in the room: points for me get my attention. */
    awarded(award: GoodwillAward): void {
      if (award.to_user_id !== $room.get()?.me.id) return;
      // A giver neither online nor the author of a loaded message is known by id alone.
      const from = options.$people.get().get(award.from_user_id) ?? {
        id: award.from_user_id,
        name: award.from_user_id,
        avatar_url: null,
        is_student_teacher: false,
      };
      const earnedBy = $messages.get().find((m) => m.id === award.reference_id);
      notify({
        kind: 'points',
        courseId,
        messageId: award.reference_id,
        from,
        text: earnedBy?.content ?? '',
        points: award.points,
      });
    },

    /** Everything loaded has been seen: the marker moves to the newest message, saved shortly. */
    markAllRead(): void {
      const newest = $messages.get().findLast((m) => m.delivery === 'sent')?.seq ?? 0;
      if (newest <= $readSeq.get()) return;
      $readSeq.set(newest);
      saving ??= setTimeout(() => void saveReadMarker(), readMarkerIntervalMs);
    },

    /** The user wrote: the divider has done its job. */
    wrote(): void {
      $readSeqAtOpen.set(Infinity);
    },

    async updateSettings(change: Partial<RoomSettings>): Promise<void> {
      const before = $settings.get();
      if (!before) return;
      $settings.set({ ...before, ...change });
      try {
        $settings.set((await api.updateSettings(courseId, change)).settings);
      } catch {
        // Only what this change touched goes back: another change may have been saved meanwhile.
        const undone = Object.keys(change).map((key) => [key, before[key as keyof RoomSettings]]);
        $settings.set({ ...before, ...$settings.get(), ...Object.fromEntries(undone) });
        options.notices.notify('settings_failed');
      }
    },

    stop(): void {
      clearTimeout(saving);
      if (saving !== undefined) void saveReadMarker();
    },
  };
}

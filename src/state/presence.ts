import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ClientFrame, PresentUser, RoomResponse, ServerFrame } from '../protocol/index.js';
import type { NoticeKind } from './types.js';

/** How long another participant shows as typing after their last typing frame. */
export const typingDisplayMs = 5_000;
/** The fewest milliseconds between two typing frames we send. */
export const typingThrottleMs = 3_000;

/** The frames about who is here and who is typing. */
export type PresenceFrame = Extract<ServerFrame, { type: 'presence' | 'user_joined' | 'user_left' | 'typing' }>;

export interface PresenceOptions {
  $room: ReadableAtom<RoomResponse | null>;
  /** Sends a frame if the socket is open; whether it did. */
  send(frame: ClientFrame): boolean;
  /** Sends a frame the backend may refuse; a refusal, or a closed socket, becomes a `failed` notice. */
  act(frame: ClientFrame, failed: NoticeKind): void;
  later(ms: number, run: () => void): void;
  /** The clock typing is timed by: the page's, or a test's. */
  now?: () => number;
}

/** Who is in the room now, the student-teachers among them, and who is typing. */
export function createPresence({ $room, send, act, later, now = Date.now }: PresenceOptions) {
  const $presence = atom<readonly PresentUser[]>([]);
  // Whether $presence is what the socket says now, or only the last it said before it closed.
  const $live = atom(false);
  const $typingUntil = atom<Readonly<Record<string, number>>>({});
  let lastTypingSentAt = 0;

  /** Keeps those typing for whom `still` holds; the same record when it holds for all. */
  function keepTyping(still: (userId: string, until: number) => boolean): void {
    const current = Object.entries($typingUntil.get());
    const kept = current.filter(([userId, until]) => still(userId, until));
    if (kept.length !== current.length) $typingUntil.set(Object.fromEntries(kept));
  }
  const stopTyping = (userId: string) => keepTyping((id) => id !== userId);

  return {
    $presence: $presence as ReadableAtom<readonly PresentUser[]>,
    $onlineCount: computed($presence, (users) => users.length),
    /** False while the socket is closed: then who is here is only who was, so nothing should claim it. */
    $presenceLive: $live as ReadableAtom<boolean>,
    $helpers: computed($presence, (users) =>
      users.filter((user) => user.is_student_teacher).sort((a, b) => Number(b.available) - Number(a.available)),
    ),
    $typing: computed([$typingUntil, $presence, $room], (until, users, room) =>
      users.filter((user) => user.id in until && user.id !== room?.me.id),
    ),

    apply(frame: PresenceFrame): void {
      switch (frame.type) {
        case 'presence':
          $presence.set(frame.users);
          $live.set(true);
          break;
        case 'user_joined':
          $presence.set([...$presence.get().filter((u) => u.id !== frame.user.id), frame.user]);
          break;
        case 'user_left':
          $presence.set($presence.get().filter((u) => u.id !== frame.user_id));
          stopTyping(frame.user_id);
          break;
        case 'typing':
          $typingUntil.set({ ...$typingUntil.get(), [frame.user_id]: now() + typingDisplayMs });
          later(typingDisplayMs, () => {
            const at = now();
            keepTyping((_, until) => until > at);
          });
          break;
      }
    },

    /**
     * The socket closed: who was here is kept, but no longer live, until the next `presence`; nobody
     * is known to be typing.
     */
    disconnected(): void {
      $live.set(false);
      $typingUntil.set({});
    },

    /** A message from `userId` arrived: what they were typing is sent, so they are not typing now. */
    spoke: stopTyping,

    typing(): void {
      const at = now();
      if (at - lastTypingSentAt < typingThrottleMs) return;
      if (send({ type: 'typing' })) lastTypingSentAt = at;
    },

    setAvailable(available: boolean): void {
      act({ type: 'set_available', available }, 'availability_failed');
    },
  };
}

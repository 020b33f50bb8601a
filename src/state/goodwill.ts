import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import type { ChatMessage, RoomResponse } from '../protocol/index.js';
import type { Notices } from './notices.js';
import type { AnalyticsEvent } from './types.js';

export interface GoodwillOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  /** The loaded message with this id: only a message in the stream can be awarded. */
  find(messageId: string): ChatMessage | undefined;
  notices: Notices;
  track(event: AnalyticsEvent): void;
}

/** Goodwill points: the user's balance, "This Helped!" awards, and what they already gave. */
export function createGoodwill({ api, courseId, $room, find, notices, track }: GoodwillOptions) {
  const $confirmedBalance = atom(0);
  /** The messages of awards sent but not yet answered, whose points are already off the balance. */
  const awardsInFlight = new Set<string>();
  const $pointsInFlight = atom(0);
  const $awarded = atom<Readonly<Record<string, number>>>({});

  const $balance = computed([$confirmedBalance, $pointsInFlight], (balance, inFlight) =>
    Math.max(0, balance - inFlight),
  );

  async function award(messageId: string, points: number): Promise<boolean> {
    const message = find(messageId);
    if (!message || awardsInFlight.has(messageId)) return false;
    awardsInFlight.add(messageId);
    $pointsInFlight.set($pointsInFlight.get() + points);
    try {
      const result = await api.award({
        recipient_id: message.author.id,
        points,
        reason: 'chat_help',
        reference_id: messageId,
      });
      $confirmedBalance.set(result.balance);
      $awarded.set({ ...$awarded.get(), [messageId]: result.award.points });
      track({ name: 'points_awarded', data: { points: result.award.points, recipient_id: result.award.to_user_id } });
      return true;
    } catch (error) {
      notices.failed('award_failed', error, () => void award(messageId, points));
      return false;
    } finally {
      awardsInFlight.delete(messageId);
      $pointsInFlight.set($pointsInFlight.get() - points);
    }
  }

  return {
    $balance,
    $lowBalance: computed(
      [$balance, $room],
      (balance, room) => room !== null && balance < room.limits.low_balance_threshold,
    ),
    $awarded: $awarded as ReadableAtom<Readonly<Record<string, number>>>,

    /** The balance as the backend says it is now (a room response, or a `balance` frame). */
    confirmed(balance: number): void {
      $confirmedBalance.set(balance);
    },

    /** What "This Helped!" already gave, so it says so after a reload; the room works without it. */
    async loadGiven(): Promise<void> {
      const given = await api.myAwards(courseId).catch(() => null);
      if (given)
        $awarded.set({
          ...Object.fromEntries(given.awards.map((award) => [award.reference_id, award.points])),
          ...$awarded.get(),
        });
    },

    award,
  };
}

import { atom, type ReadableAtom } from 'nanostores';
import { ApiError, type ApiClient } from '../client/api-client.js';
import { normaliseContent } from '../protocol/text.js';
import type { ChatMessage, User } from '../protocol/entities.js';
import type { RoomResponse, SendMessageBody } from '../protocol/rest.js';
import { loadDraft, loadOutbox, saveDraft, saveOutbox, type SessionStorageKeys } from './persistence.js';
import type { AnalyticsEvent, SendOptions, StreamMessage } from './types.js';

type Outgoing = StreamMessage & { body: SendMessageBody };

export interface OutboxOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  merge(messages: readonly ChatMessage[]): void;
  track(event: AnalyticsEvent): void;
  /** Resolves once the backend lets a request in again after refusing the sign-in (401). */
  admitted(): Promise<void>;
  /** The user wrote something. */
  wrote(): void;
  /** A send was refused because a moderator muted the user, for `retryAfterMs` more. */
  muted(retryAfterMs: number): void;
  sleep(ms: number): Promise<void>;
  ended(): boolean;
}

/**
 * Messages on their way and the composer's draft: shown at once, sent in order under their
 * `client_id` (so a resend is stored once), kept across reloads, and never dropped for a rate limit
 * or a sign-in that has to be renewed.
 */
export function createOutbox(options: OutboxOptions) {
  const { api, courseId } = options;
  const $outgoing = atom<readonly Outgoing[]>([]);
  const $cooldownUntil = atom(0);
  const $draft = atom('');
  let storageKeys: SessionStorageKeys | undefined;
  let delivery: Promise<void> = Promise.resolve();

  function settle(clientId: string, state: 'pending' | 'failed'): void {
    $outgoing.set($outgoing.get().map((m) => (m.client_id === clientId ? { ...m, delivery: state } : m)));
  }

  async function deliver(message: Outgoing): Promise<void> {
    while (!options.ended()) {
      try {
        const { message: stored } = await api.send(courseId, message.body);
        options.merge([stored]);
        options.track({ name: 'message_sent', data: { course_id: courseId, is_question: stored.is_question } });
        if (stored.is_question) options.track({ name: 'question_asked', data: { course_id: courseId } });
        return;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'rate_limited') {
          // Not lost, only early: wait out the limit and send again with the same client_id.
          const wait = error.retryAfterMs ?? 1000;
          $cooldownUntil.set(Math.max($cooldownUntil.get(), Date.now() + wait));
          await options.sleep(wait);
        } else if (error instanceof ApiError && error.status === 401) {
          // Not the message's fault: it goes once the host's sign-in is renewed, still pending.
          await options.admitted();
        } else {
          // Muted while away: the mute's frame was missed, the refusal says until when.
          if (error instanceof ApiError && error.code === 'muted') options.muted(error.retryAfterMs ?? 0);
          settle(message.client_id, 'failed');
          return;
        }
      }
    }
  }

  function enqueue(message: Outgoing): void {
    delivery = delivery.then(() => deliver(message));
  }

  function outgoing(body: SendMessageBody, author: User, createdAt: string): Outgoing {
    return {
      ...body,
      id: `pending:${body.client_id}`,
      seq: 0,
      course_id: courseId,
      author,
      question_status: body.is_question ? 'open' : null,
      reply_to_id: body.reply_to_id ?? null,
      mentions: body.mentions ?? [],
      helpful_points: 0,
      created_at: createdAt,
      delivery: 'pending',
      body,
    };
  }

  return {
    $outgoing: $outgoing as ReadableAtom<readonly StreamMessage[]>,
    $cooldownUntil: $cooldownUntil as ReadableAtom<number>,
    $draft: $draft as ReadableAtom<string>,

    /**
     * Picks up what an earlier page left unsent and sends it again under its original client_id,
     * so a message that did reach the backend before the reload is stored once all the same.
     */
    restore(me: User): void {
      // Once: the room's reopening after a failure finds what the first opening restored in memory.
      if (storageKeys) return;
      const keys = (storageKeys = { apiBase: api.apiBase, courseId, userId: me.id });
      $draft.set(loadDraft(keys));
      // Nothing can be sent before the room has opened, so nothing restored is in memory already.
      const restored = loadOutbox(keys).map((entry) => outgoing(entry.body, me, entry.created_at));
      $outgoing.set(restored);
      restored.forEach(enqueue);
      $outgoing.listen((entries) =>
        saveOutbox(
          keys,
          entries.map(({ body, created_at }) => ({ body, created_at })),
        ),
      );
    },

    /** Stored messages arrived: ours among them are no longer on their way. */
    delivered(messages: readonly ChatMessage[]): void {
      const me = options.$room.get()?.me.id;
      const delivered = new Set(messages.filter((m) => m.author.id === me).map((m) => m.client_id));
      if (delivered.size > 0) $outgoing.set($outgoing.get().filter((m) => !delivered.has(m.client_id)));
    },

    send(content: string, sendOptions: SendOptions = {}): void {
      const room = options.$room.get();
      const text = normaliseContent(content);
      if (!room || text.length === 0 || text.length > room.limits.max_message_length) return;
      const body: SendMessageBody = {
        client_id: crypto.randomUUID(),
        content: text,
        is_question: sendOptions.isQuestion ?? false,
        ...(sendOptions.replyToId ? { reply_to_id: sendOptions.replyToId } : {}),
        ...(sendOptions.mentions?.length ? { mentions: sendOptions.mentions } : {}),
      };
      options.wrote();
      const message = outgoing(body, room.me, new Date().toISOString());
      $outgoing.set([...$outgoing.get(), message]);
      $cooldownUntil.set(Date.now() + room.limits.min_send_interval_ms);
      enqueue(message);
    },

    /** Sends a failed message again with the same `client_id`. */
    retry(clientId: string): void {
      const message = $outgoing.get().find((m) => m.client_id === clientId && m.delivery === 'failed');
      if (!message) return;
      settle(clientId, 'pending');
      enqueue({ ...message, delivery: 'pending' });
    },

    setDraft(text: string): void {
      $draft.set(text);
      if (storageKeys) saveDraft(storageKeys, text);
    },
  };
}

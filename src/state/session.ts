import { computed } from 'nanostores';
import { createApiClient, type ApiClient } from '../client/api-client.js';
import type { ChatMessage, ClientFrame, ServerFrame, User } from '../protocol/index.js';
import { createAttention } from './attention.js';
import { createConnection } from './connection.js';
import { createGoodwill } from './goodwill.js';
import { createLifetime } from './lifetime.js';
import { participants, samePeople } from './mentions.js';
import { createModeration } from './moderation.js';
import { createNotices } from './notices.js';
import { createOutbox } from './outbox.js';
import { createPresence } from './presence.js';
import { createQuestions } from './questions.js';
import { createSignIn } from './sign-in.js';
import { createStream } from './stream.js';
import type { AnalyticsEvent, AuthRefusal, ChatNotification, ChatStore, NoticeKind } from './types.js';
import { watchClient } from './watched-client.js';

export interface ChatSessionOptions {
  apiBase: string;
  courseId: string;
  getAuthToken?: (() => Promise<string | undefined>) | undefined;
  /** Told once about each frame or body from the network that failed validation and was dropped. */
  onProtocolError?: ((error: Error) => void) | undefined;
  /** Told of each analytics event as it happens (the page spec's list). */
  onAnalytics?: ((event: AnalyticsEvent) => void) | undefined;
  /** Told of each mention, answer and award for the user, as they arrive; never while muted. */
  onNotification?: ((notification: ChatNotification) => void) | undefined;
  /** Told of each sign-in refusal (401), whichever request met it; false declines the retry on the schedule. */
  onAuthRequired?: ((refusal: AuthRefusal) => boolean) | undefined;
}

/**
 * One element's session in one course room: the feature stores, composed. Each feature keeps its
 * own state and requests; the session routes frames to them and gives each failure one channel.
 * `client` is the REST client to use (a test's own, say); by default one for `options`.
 */
export function createChatSession(options: ChatSessionOptions, client?: ApiClient): ChatStore {
  const { courseId } = options;
  const lifetime = createLifetime();
  const ended = () => lifetime.ended;
  const track = (event: AnalyticsEvent) => options.onAnalytics?.(event);
  const reported = new Set<string>();
  /** Malformed data from the network: the host hears of each kind once, while the room is open. */
  function invalid(error: Error): void {
    if (lifetime.ended || reported.has(error.message)) return;
    reported.add(error.message);
    console.warn('[course-chat] dropped invalid data from the network:', error.message);
    options.onProtocolError?.(error);
  }

  const signIn = createSignIn({ onRefused: options.onAuthRequired, restart: () => connection.resume() });
  const api = watchClient(client ?? createApiClient(options), {
    invalid,
    refused: signIn.refused,
    accepted: signIn.accepted,
  });
  const notices = createNotices();

  /** What the last frame the backend may refuse was for: an `error` frame answers it. */
  let refusable: NoticeKind | undefined;
  function act(frame: ClientFrame, failed: NoticeKind): void {
    if (connection.send(frame)) refusable = failed;
    else notices.notify('not_connected');
  }

  const connection = createConnection({
    api,
    courseId,
    lifetime,
    roomLoaded(room) {
      goodwill.confirmed(room.balance);
      attention.roomLoaded(room);
      moderation.roomLoaded(room);
    },
    async opening(room) {
      track({
        name: 'page_view',
        data: { course_id: courseId, user_role: room.me.is_student_teacher ? 'student_teacher' : 'student' },
      });
      outbox.restore(room.me);
      await Promise.all([stream.loadNewest(), goodwill.loadGiven()]);
    },
    async catchUp() {
      await stream.catchUp();
      await Promise.all([questions.loadAll(), moderation.catchUp()]);
    },
    apply,
    disconnected: () => presence.disconnected(),
    live(room) {
      if (room.me.is_student_teacher && !announcedOnline) {
        announcedOnline = true;
        track({ name: 'helper_online', data: { st_id: room.me.id, course_id: courseId } });
      }
    },
    invalid,
  });
  const { $room } = connection;
  let announcedOnline = false;

  const moderation = createModeration({
    api,
    courseId,
    $room,
    lifetime,
    notices,
    find: (messageId) =>
      stream.$stored.get().find((m) => m.id === messageId) ?? questions.$openQuestions.get().get(messageId),
    changed: (message) => (inStream(message, []) ? stream.merge([message]) : questions.track([message])),
    track,
  });
  const { $hidden } = moderation;

  const outbox = createOutbox({
    api,
    courseId,
    $room,
    merge: (messages) => stream.merge(messages),
    track,
    admitted: signIn.admitted,
    wrote: () => attention.wrote(),
    muted: (ms) => moderation.refusedAsMuted(ms),
    sleep: lifetime.sleep,
    ended,
  });
  const stream = createStream({
    api,
    courseId,
    $room,
    $outgoing: outbox.$outgoing,
    $hidden,
    merging: (messages) => questions.track(messages),
    merged: outbox.delivered,
    ended,
  });
  const questions = createQuestions({
    api,
    courseId,
    $room,
    $hidden,
    asSent: stream.asSent,
    merge: stream.merge,
    act,
    notices,
    track,
    ended,
  });
  const goodwill = createGoodwill({
    api,
    courseId,
    $room,
    find: (messageId) => stream.$stored.get().find((m) => m.id === messageId),
    notices,
    track,
  });
  const presence = createPresence({ $room, send: connection.send, act, later: lifetime.later });

  // The same map while nobody new appears, so the rows it is handed to keep still.
  let knownPeople: ReadonlyMap<string, User> | undefined;
  const $people = computed([presence.$presence, stream.$messages], (present, messages) => {
    knownPeople = samePeople(knownPeople, participants(present, messages));
    return knownPeople;
  });
  const attention = createAttention({
    api,
    courseId,
    $room,
    $messages: stream.$messages,
    $hasOlder: stream.$hasOlder,
    $people,
    $openQuestions: questions.$openQuestions,
    onNotification: options.onNotification,
    notices,
  });

  /**
   * Whether a changed message belongs in the stream: one it holds (or `batch` brings), or a restored
   * one within the loaded pages. A change to a message older than those must not splice it in.
   */
  const inStream = (message: ChatMessage, batch: readonly ChatMessage[], restored = false): boolean =>
    stream.holds(message.id) || batch.some((m) => m.id === message.id) || (restored && stream.covers(message.seq));

  /**
   * Applies frames in order, merging every message among them at once: a burst costs one write of
   * the stream, not one per message.
   */
  function apply(frames: readonly ServerFrame[]): void {
    const incoming: ChatMessage[] = [];
    const elsewhere: ChatMessage[] = [];
    for (const frame of frames) {
      switch (frame.type) {
        case 'message':
          incoming.push(frame.data);
          presence.spoke(frame.data.author.id);
          break;
        case 'message_updated':
          (inStream(frame.data, incoming) ? incoming : elsewhere).push(frame.data);
          break;
        case 'message_hidden':
        case 'message_restored':
        case 'muted':
        case 'reported': {
          const message = moderation.apply(frame);
          if (message)
            (inStream(message, incoming, frame.type === 'message_restored') ? incoming : elsewhere).push(message);
          break;
        }
        case 'presence':
        case 'user_joined':
        case 'user_left':
        case 'typing':
          presence.apply(frame);
          break;
        case 'balance':
          goodwill.confirmed(frame.balance);
          break;
        case 'award':
          attention.awarded(frame.data.award);
          break;
        case 'error':
          refused(frame);
          break;
      }
    }
    questions.track(elsewhere);
    if (incoming.length > 0) stream.merge(incoming);
    attention.arrived(frames.flatMap((frame) => (frame.type === 'message' ? [frame.data] : [])));
  }

  /** The backend refused a frame of ours: the person hears why, as for the action that sent it. */
  function refused(frame: Extract<ServerFrame, { type: 'error' }>): void {
    if (refusable) notices.notify(refusable, frame.message);
    // Nothing of ours was waiting for an answer: the two ends disagree about the protocol.
    else invalid(new Error(`The server refused a frame: ${frame.code}: ${frame.message}`));
    refusable = undefined;
  }

  // The feature stores name their members as ChatStore does, so the session is them side by side
  // (their hooks for each other ride along, outside the type); what spans stores comes last.
  return {
    ...connection,
    ...stream,
    ...outbox,
    ...questions,
    ...goodwill,
    ...presence,
    ...attention,
    ...moderation,
    ...notices,
    ...signIn,
    $people,
    search: (q, before) => api.search(courseId, before === undefined ? { q } : { q, before }),

    stop() {
      lifetime.end();
      attention.stop();
      signIn.stop();
      connection.stop();
    },

    async loadFirstUnread() {
      const since = attention.$readSeqAtOpen.get() ?? 0;
      await stream.loadOlderUntil(() => stream.covers(since + 1));
      return attention.$firstUnreadId.get();
    },

    reconnectNow() {
      if (signIn.$awaitingSignIn.get()) signIn.retryNow();
      else connection.reconnectNow();
    },
  };
}

import { atom, computed } from 'nanostores';
import {
  ApiError,
  createApiClient,
  createRoomSocket,
  socketUrl,
  type ApiClient,
  type RoomSocket,
} from '../client/index.js';
import {
  closeCodes,
  maxHistoryLimit,
  normaliseContent,
  type ChatMessage,
  type PresentUser,
  type User,
  type RoomResponse,
  type SendMessageBody,
  type ServerFrame,
} from '../protocol/index.js';
import { createAttention } from './attention.js';
import { participants, samePeople } from './mentions.js';
import { groupThreads, mergeMessages } from './messages.js';
import { loadDraft, loadOutbox, saveDraft, saveOutbox, type SessionStorageKeys } from './persistence.js';
import { createSignIn, failureOf } from './sign-in.js';
import type {
  AnalyticsEvent,
  AuthRefusal,
  ChatFailure,
  ChatNotification,
  ChatStore,
  ConnectionStatus,
  Notice,
  NoticeKind,
  SendOptions,
  StreamMessage,
} from './types.js';

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
  /** Told of each sign-in refusal (401); false declines the retry on the schedule (see sign-in.ts). */
  onAuthRequired?: ((refusal: AuthRefusal) => boolean) | undefined;
}

/** How long another participant shows as typing after their last typing frame. */
export const typingDisplayMs = 5_000;
/** The fewest milliseconds between two typing frames we send. */
export const typingThrottleMs = 3_000;
/** Renew the room token this long before it expires, rather than fail a reconnect with it. */
const tokenRenewMarginMs = 60_000;
/** Hidden pages get no animation frames: frames received there wait this long at most. */
const hiddenFlushMs = 100;

type Outgoing = StreamMessage & { body: SendMessageBody };
/** Every frame but the two that carry messages, which are merged in batches. */
type StateFrame = Exclude<ServerFrame, { type: 'message' | 'message_updated' }>;

export function createChatSession(options: ChatSessionOptions): ChatStore {
  return createChatStore(createApiClient(options), options);
}

export function createChatStore(api: ApiClient, options: ChatSessionOptions): ChatStore {
  const { courseId } = options;
  const $status = atom<ConnectionStatus>('loading');
  const $failure = atom<ChatFailure | null>(null);
  const $room = atom<RoomResponse | null>(null);
  const $confirmedBalance = atom(0);
  /** Awards sent but not yet answered, by message id: their points are already off the balance. */
  const $awardsInFlight = atom<Readonly<Record<string, number>>>({});
  const $awarded = atom<Readonly<Record<string, number>>>({});
  const $hidden = atom<ReadonlySet<string>>(new Set());
  const $notice = atom<Notice | null>(null);
  const $cooldownUntil = atom(0);
  /**
   * Every open question of the room, however far back it was asked (the help queue), kept apart
   * from the stream, which holds only the pages loaded.
   */
  const $openQuestions = atom<ReadonlyMap<string, ChatMessage>>(new Map());
  const $stored = atom<readonly ChatMessage[]>([]);
  const $outgoing = atom<readonly Outgoing[]>([]);
  const $hasOlder = atom(false);
  const $loadingOlder = atom(false);
  const $presence = atom<readonly PresentUser[]>([]);
  const $typingUntil = atom<Readonly<Record<string, number>>>({});
  const $draft = atom('');

  const $balance = computed([$confirmedBalance, $awardsInFlight], (balance, inFlight) =>
    Math.max(
      0,
      Object.values(inFlight).reduce((left, points) => left - points, balance),
    ),
  );
  /**
   * One stream copy per stored message object, so a new message leaves every other row's object
   * (and so its rendering) untouched.
   */
  const streamCopies = new WeakMap<ChatMessage, StreamMessage>();
  const asSent = (message: ChatMessage): StreamMessage => {
    let copy = streamCopies.get(message);
    if (!copy) {
      copy = { ...message, delivery: 'sent' };
      streamCopies.set(message, copy);
    }
    return copy;
  };
  const $messages = computed([$stored, $outgoing, $hidden], (stored, outgoing, hidden): StreamMessage[] => [
    ...stored.filter((message) => !hidden.has(message.id)).map(asSent),
    ...outgoing,
  ]);
  const $pendingQuestions = computed([$openQuestions, $hidden], (questions, hidden) =>
    [...questions.values()]
      .filter((question) => !hidden.has(question.id))
      .sort((a, b) => a.seq - b.seq)
      .map(asSent),
  );
  const $myPendingQuestions = computed([$pendingQuestions, $room], (questions, room) =>
    questions.filter((question) => question.author.id === room?.me.id),
  );
  const $lowBalance = computed(
    [$balance, $room],
    (balance, room) => room !== null && balance < room.limits.low_balance_threshold,
  );
  const $threads = computed($messages, groupThreads);
  const $onlineCount = computed($presence, (users) => users.length);
  const $helpers = computed($presence, (users) =>
    users.filter((user) => user.is_student_teacher).sort((a, b) => Number(b.available) - Number(a.available)),
  );
  const $typing = computed([$typingUntil, $presence, $room], (until, users, room) =>
    users.filter((user) => user.id in until && user.id !== room?.me.id),
  );
  // The same map while nobody new appears, so the rows it is handed to keep still.
  let knownPeople: ReadonlyMap<string, User> | undefined;
  const $people = computed([$presence, $messages], (presence, messages) => {
    knownPeople = samePeople(knownPeople, participants(presence, messages));
    return knownPeople;
  });
  const attention = createAttention({
    api,
    courseId,
    $room,
    $messages,
    $hasOlder,
    $people,
    $openQuestions,
    onNotification: options.onNotification,
    onSettingsFailed: () => notify('settings_failed'),
  });

  const signIn = createSignIn({ onRefused: options.onAuthRequired, restart: () => void start() });
  let storageKeys: SessionStorageKeys | undefined;
  let socket: RoomSocket | undefined;
  let stopped = false;
  let tokenStale = false;
  let catchingUp = false;
  let buffered: ServerFrame[] = [];
  /** Frames received since the last flush, in order. */
  let inbox: ServerFrame[] = [];
  let flushFrame = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTypingSentAt = 0;
  let announcedOnline = false;
  let delivery: Promise<void> = Promise.resolve();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const reported = new Set<string>();

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) run();
    }, ms);
    timers.add(timer);
  }

  function reportProtocolError(error: Error): void {
    if (reported.has(error.message)) return;
    reported.add(error.message);
    console.warn('[course-chat] dropped invalid data from the network:', error.message);
    options.onProtocolError?.(error);
  }

  function track(event: AnalyticsEvent): void {
    options.onAnalytics?.(event);
  }

  function notify(kind: NoticeKind): void {
    $notice.set({ kind });
  }

  function fail(error: unknown): void {
    $failure.set(failureOf(error));
    $status.set('failed');
    socket?.close();
    socket = undefined;
    if (error instanceof ApiError && error.status === 401) signIn.refused(error);
  }

  function trackQuestions(messages: readonly ChatMessage[]): void {
    const current = $openQuestions.get();
    const changed = messages.filter((m) => m.question_status === 'open' || current.has(m.id));
    if (changed.length === 0) return;
    const next = new Map(current);
    for (const message of changed) {
      if (message.question_status === 'open') next.set(message.id, message);
      else next.delete(message.id);
    }
    $openQuestions.set(next);
  }

  /** Reads the whole help queue, page by page, oldest first. */
  async function loadOpenQuestions(): Promise<void> {
    const found = new Map<string, ChatMessage>();
    for (let after = 0, more = true; more && !stopped;) {
      const page = await api.history(courseId, { questions: 'open', after, limit: maxHistoryLimit });
      for (const question of page.messages) found.set(question.id, question);
      after = page.messages.at(-1)?.seq ?? after;
      more = page.has_more && page.messages.length > 0;
    }
    $openQuestions.set(found);
  }

  function merge(messages: readonly ChatMessage[]): void {
    trackQuestions(messages);
    $stored.set(mergeMessages($stored.get(), messages));
    const me = $room.get()?.me.id;
    const delivered = new Set(messages.filter((m) => m.author.id === me).map((m) => m.client_id));
    if (delivered.size > 0) $outgoing.set($outgoing.get().filter((m) => !delivered.has(m.client_id)));
  }

  function lastSeq(): number {
    return $stored.get().at(-1)?.seq ?? 0;
  }

  async function loadRoom(): Promise<RoomResponse> {
    const room = await api.room(courseId);
    $room.set(room);
    $confirmedBalance.set(room.balance);
    attention.roomLoaded(room);
    signIn.accepted();
    tokenStale = false;
    return room;
  }

  /** Fetches everything after the newest message held, page by page, so no gap survives a reconnect. */
  async function catchUp(): Promise<void> {
    const limit = $room.get()?.limits.history_page_size;
    for (let more = true; more && !stopped;) {
      const page = await api.history(courseId, { after: lastSeq(), ...(limit ? { limit } : {}) });
      merge(page.messages);
      more = page.has_more && page.messages.length > 0;
    }
  }

  /**
   * Applies frames in order, merging every message among them at once: a burst costs one write of
   * the stream, not one per message.
   */
  function applyFrames(frames: readonly ServerFrame[]): void {
    const incoming: ChatMessage[] = [];
    const elsewhere: ChatMessage[] = [];
    let held: Set<string> | undefined;
    for (const frame of frames) {
      if (frame.type === 'message') incoming.push(frame.data);
      else if (frame.type === 'message_updated') {
        held ??= new Set($stored.get().map((m) => m.id));
        const loaded = held.has(frame.data.id) || incoming.some((m) => m.id === frame.data.id);
        // A change to a message older than the loaded pages must not splice it into the stream.
        (loaded ? incoming : elsewhere).push(frame.data);
      } else applyFrame(frame);
    }
    trackQuestions(elsewhere);
    if (incoming.length > 0) merge(incoming);
    attention.arrived(frames.flatMap((frame) => (frame.type === 'message' ? [frame.data] : [])));
  }

  function applyFrame(frame: StateFrame): void {
    switch (frame.type) {
      case 'presence':
        $presence.set(frame.users);
        break;
      case 'user_joined':
        $presence.set([...$presence.get().filter((u) => u.id !== frame.user.id), frame.user]);
        break;
      case 'user_left': {
        $presence.set($presence.get().filter((u) => u.id !== frame.user_id));
        $typingUntil.set(Object.fromEntries(Object.entries($typingUntil.get()).filter(([id]) => id !== frame.user_id)));
        break;
      }
      case 'typing':
        $typingUntil.set({ ...$typingUntil.get(), [frame.user_id]: Date.now() + typingDisplayMs });
        later(typingDisplayMs, expireTyping);
        break;
      case 'balance':
        $confirmedBalance.set(frame.balance);
        break;
      case 'error':
        reportProtocolError(new Error(`The server refused a frame: ${frame.code}: ${frame.message}`));
        break;
      case 'award':
        attention.awarded(frame.data.award);
        break;
      case 'hello':
      case 'pong':
        break;
    }
  }

  function expireTyping(): void {
    const now = Date.now();
    const current = $typingUntil.get();
    const live = Object.fromEntries(Object.entries(current).filter(([, until]) => until > now));
    if (Object.keys(live).length !== Object.keys(current).length) $typingUntil.set(live);
  }

  async function onOpened(): Promise<void> {
    catchingUp = true;
    $status.set('connecting');
    try {
      await catchUp();
      await loadOpenQuestions();
    } catch (error) {
      // The socket stays up; the next reconnect catches up again from the same seq.
      catchingUp = false;
      buffered = [];
      if (error instanceof ApiError && !error.transient) fail(error);
      else socket?.reconnect();
      return;
    }
    catchingUp = false;
    const frames = buffered;
    buffered = [];
    applyFrames(frames);
    if (stopped) return;
    $status.set('live');
    const me = $room.get()?.me;
    if (me?.is_student_teacher && !announcedOnline) {
      announcedOnline = true;
      track({ name: 'helper_online', data: { st_id: me.id, course_id: courseId } });
    }
  }

  function onFrame(frame: ServerFrame): void {
    // Presence and typing are about now; messages wait until history has caught up to them.
    if (catchingUp && (frame.type === 'message' || frame.type === 'message_updated')) buffered.push(frame);
    else if (inbox.push(frame) === 1) {
      // However many frames a burst brings, the stores change once per animation frame, and so
      // does the element.
      flushFrame = requestAnimationFrame(flush);
      flushTimer = setTimeout(flush, hiddenFlushMs);
    }
  }

  function flush(): void {
    cancelAnimationFrame(flushFrame);
    clearTimeout(flushTimer);
    const frames = inbox;
    inbox = [];
    applyFrames(frames);
  }

  function onClose(code: number): void {
    if (stopped) return;
    // What arrived before the close still happened, and before presence is cleared.
    flush();
    catchingUp = false;
    buffered = [];
    $presence.set([]);
    if (code === closeCodes.forbidden) fail(new ApiError(403, 'not_enrolled', 'Not allowed in this room'));
    else if (code === closeCodes.notFound) fail(new ApiError(404, 'course_not_found', 'No such room'));
    else {
      if (code === closeCodes.unauthorized) tokenStale = true;
      $status.set(navigator.onLine === false ? 'offline' : 'reconnecting');
    }
  }

  async function nextSocketUrl(): Promise<string> {
    let room = $room.get();
    const expiresAt = room ? Date.parse(room.token_expires_at) : 0;
    if (!room || tokenStale || expiresAt - Date.now() < tokenRenewMarginMs) {
      try {
        room = await loadRoom();
      } catch (error) {
        if (error instanceof ApiError && !error.transient) fail(error);
        throw error;
      }
    }
    return socketUrl(api.apiBase, room.room_id, room.user_token);
  }

  function openSocket(room: RoomResponse): void {
    socket = createRoomSocket({
      url: nextSocketUrl,
      heartbeatIntervalMs: room.limits.heartbeat_interval_ms,
      // Catch up on open rather than on `hello`, so a lost first frame cannot leave us stuck.
      onOpen: () => void onOpened(),
      onFrame,
      onClose,
      onInvalidFrame: reportProtocolError,
    });
  }

  const onOffline = (): void => {
    if ($status.get() !== 'failed') $status.set('offline');
  };
  const onOnline = (): void => {
    if ($status.get() === 'offline') {
      $status.set('reconnecting');
      socket?.reconnect();
    }
  };

  async function start(): Promise<void> {
    $status.set('loading');
    $failure.set(null);
    try {
      const room = await loadRoom();
      track({
        name: 'page_view',
        data: { course_id: courseId, user_role: room.me.is_student_teacher ? 'student_teacher' : 'student' },
      });
      restoreSaved(room.me);
      const [page, given] = await Promise.all([
        api.history(courseId, { limit: room.limits.history_page_size }),
        // What "This Helped!" already gave, so it says so after a reload; the room works without it.
        api.myAwards(courseId).catch(() => null),
      ]);
      if (stopped) return;
      if (given)
        $awarded.set({
          ...Object.fromEntries(given.awards.map((award) => [award.reference_id, award.points])),
          ...$awarded.get(),
        });
      merge(page.messages);
      $hasOlder.set(page.has_more);
      $status.set('connecting');
      openSocket(room);
    } catch (error) {
      if (!stopped) fail(error);
    }
  }

  async function deliver(message: Outgoing): Promise<void> {
    for (;;) {
      if (stopped) return;
      try {
        const { message: stored } = await api.send(courseId, message.body);
        merge([stored]);
        track({ name: 'message_sent', data: { course_id: courseId, is_question: stored.is_question } });
        if (stored.is_question) track({ name: 'question_asked', data: { course_id: courseId } });
        return;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'rate_limited') {
          // Not lost, only early: wait out the limit and send again with the same client_id.
          const wait = error.retryAfterMs ?? 1000;
          $cooldownUntil.set(Math.max($cooldownUntil.get(), Date.now() + wait));
          await new Promise((resolve) => later(wait, () => resolve(undefined)));
          continue;
        }
        $outgoing.set(
          $outgoing.get().map((m) => (m.client_id === message.client_id ? { ...m, delivery: 'failed' } : m)),
        );
        return;
      }
    }
  }

  /** The older page being fetched: every caller waits for the same one rather than none. */
  let olderPage: Promise<void> | null = null;

  function loadOlder(): Promise<void> {
    const first = $stored.get()[0];
    if (!first || !$hasOlder.get()) return Promise.resolve();
    olderPage ??= (async () => {
      $loadingOlder.set(true);
      try {
        const limit = $room.get()?.limits.history_page_size;
        const page = await api.history(courseId, { before: first.seq, ...(limit ? { limit } : {}) });
        merge(page.messages);
        $hasOlder.set(page.has_more);
      } catch (error) {
        reportProtocolError(error instanceof Error ? error : new Error(String(error)));
      } finally {
        $loadingOlder.set(false);
        olderPage = null;
      }
    })();
    return olderPage;
  }

  /** Pages back until `reached`, the start of the room, or a page that brought nothing (a failure). */
  async function loadOlderUntil(reached: () => boolean): Promise<void> {
    while (!reached() && $hasOlder.get() && !stopped) {
      const oldest = $stored.get()[0]?.seq;
      await loadOlder();
      if ($stored.get()[0]?.seq === oldest) return;
    }
  }

  function enqueue(message: Outgoing): void {
    delivery = delivery.then(() => deliver(message));
  }

  function outgoing(body: SendMessageBody, author: User, createdAt: string): Outgoing {
    return {
      id: `pending:${body.client_id}`,
      seq: 0,
      course_id: courseId,
      client_id: body.client_id,
      author,
      content: body.content,
      is_question: body.is_question,
      question_status: body.is_question ? 'open' : null,
      reply_to_id: body.reply_to_id ?? null,
      mentions: body.mentions ?? [],
      helpful_points: 0,
      created_at: createdAt,
      delivery: 'pending',
      body,
    };
  }

  /**
   * Picks up what an earlier page left unsent and sends it again under its original client_id, so
   * a message that did reach the backend before the reload is stored once all the same.
   */
  function restoreSaved(me: User): void {
    if (storageKeys) return;
    storageKeys = { apiBase: api.apiBase, courseId, userId: me.id };
    $draft.set(loadDraft(storageKeys));
    const known = new Set($outgoing.get().map((m) => m.client_id));
    const restored = loadOutbox(storageKeys)
      .filter((entry) => !known.has(entry.body.client_id))
      .map((entry) => outgoing(entry.body, me, entry.created_at));
    $outgoing.set([...$outgoing.get(), ...restored]);
    restored.forEach(enqueue);
    $outgoing.listen((entries) => {
      if (storageKeys)
        saveOutbox(
          storageKeys,
          entries.map(({ body, created_at }) => ({ body, created_at })),
        );
    });
  }

  return {
    $status,
    $failure,
    $room,
    $balance,
    $messages,
    $threads,
    $hasOlder,
    $loadingOlder,
    $presence,
    $onlineCount,
    $typing,
    $draft,
    $pendingQuestions,
    $myPendingQuestions,
    $lowBalance,
    $helpers,
    $awarded,
    $notice,
    $cooldownUntil,
    $people,
    $settings: attention.$settings,
    $readSeq: attention.$readSeq,
    $unread: attention.$unread,
    $firstUnreadId: attention.$firstUnreadId,
    updateSettings: attention.updateSettings,
    markAllRead: attention.markAllRead,

    async start() {
      window.addEventListener('offline', onOffline);
      window.addEventListener('online', onOnline);
      await start();
    },

    stop() {
      stopped = true;
      attention.stop();
      signIn.stop();
      cancelAnimationFrame(flushFrame);
      clearTimeout(flushTimer);
      inbox = [];
      socket?.close();
      socket = undefined;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    },

    send(content, sendOptions: SendOptions = {}) {
      const room = $room.get();
      const text = normaliseContent(content);
      if (!room || text.length === 0 || text.length > room.limits.max_message_length) return;
      const clientId = crypto.randomUUID();
      const body: SendMessageBody = {
        client_id: clientId,
        content: text,
        is_question: sendOptions.isQuestion ?? false,
        ...(sendOptions.replyToId ? { reply_to_id: sendOptions.replyToId } : {}),
        ...(sendOptions.mentions?.length ? { mentions: sendOptions.mentions } : {}),
      };
      attention.wrote();
      const message = outgoing(body, room.me, new Date().toISOString());
      $outgoing.set([...$outgoing.get(), message]);
      $cooldownUntil.set(Date.now() + room.limits.min_send_interval_ms);
      enqueue(message);
    },

    async markQuestion(messageId) {
      try {
        merge([(await api.markQuestion(courseId, messageId)).message]);
        track({ name: 'question_asked', data: { course_id: courseId } });
      } catch {
        notify('mark_question_failed');
      }
    },

    markHelpful(messageId) {
      if (!socket?.send({ type: 'mark_helpful', message_id: messageId })) notify('not_connected');
    },

    async award(messageId, points) {
      const message = $stored.get().find((m) => m.id === messageId);
      if (!message || messageId in $awardsInFlight.get()) return false;
      $awardsInFlight.set({ ...$awardsInFlight.get(), [messageId]: points });
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
      } catch {
        notify('award_failed');
        return false;
      } finally {
        $awardsInFlight.set(
          Object.fromEntries(Object.entries($awardsInFlight.get()).filter(([id]) => id !== messageId)),
        );
      }
    },

    setAvailable(available) {
      if (!socket?.send({ type: 'set_available', available })) notify('not_connected');
    },

    async report(messageId, reason) {
      try {
        await api.report(courseId, messageId, reason === undefined ? {} : { reason });
        $hidden.set(new Set([...$hidden.get(), messageId]));
      } catch {
        notify('report_failed');
      }
    },

    dismissNotice() {
      $notice.set(null);
    },

    setDraft(text) {
      $draft.set(text);
      if (storageKeys) saveDraft(storageKeys, text);
    },

    retry(clientId) {
      const message = $outgoing.get().find((m) => m.client_id === clientId && m.delivery === 'failed');
      if (!message) return;
      const pending: Outgoing = { ...message, delivery: 'pending' };
      $outgoing.set($outgoing.get().map((m) => (m.client_id === clientId ? pending : m)));
      enqueue(pending);
    },

    loadOlder,

    async loadUntil(messageId) {
      const present = () => $stored.get().some((m) => m.id === messageId);
      await loadOlderUntil(present);
      return present();
    },

    async loadFirstUnread() {
      const since = attention.$readSeqAtOpen.get() ?? 0;
      await loadOlderUntil(() => ($stored.get()[0]?.seq ?? 0) <= since + 1);
      return attention.$firstUnreadId.get();
    },

    typing() {
      const now = Date.now();
      if (now - lastTypingSentAt < typingThrottleMs) return;
      if (socket?.send({ type: 'typing' })) lastTypingSentAt = now;
    },

    reconnectNow() {
      const failure = $status.get() === 'failed' ? $failure.get()?.kind : undefined;
      if (failure === 'unavailable') void start();
      else if (failure === 'unauthenticated') signIn.retryNow();
      else if (socket) {
        $status.set('reconnecting');
        socket.reconnect();
      }
    },
  };
}

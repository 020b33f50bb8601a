import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ApiClient } from '../client/index.js';
import { maxHistoryLimit, type RoomResponse } from '../protocol/rest.js';
import type { ChatMessage } from '../protocol/entities.js';
import type { ClientFrame } from '../protocol/socket.js';
import type { Notices } from './notices.js';
import { readForward } from './stream.js';
import type { AnalyticsEvent, NoticeKind, StreamMessage } from './types.js';

export interface QuestionsOptions {
  api: ApiClient;
  courseId: string;
  $room: ReadableAtom<RoomResponse | null>;
  $hidden: ReadableAtom<ReadonlySet<string>>;
  /** The stream's copy of a stored message, shared so that a row and a queue entry are one object. */
  asSent(message: ChatMessage): StreamMessage;
  merge(messages: readonly ChatMessage[]): void;
  /** Sends a frame the backend may refuse; a refusal, or a closed socket, becomes a `failed` notice. */
  act(frame: ClientFrame, failed: NoticeKind): void;
  notices: Notices;
  track(event: AnalyticsEvent): void;
  ended(): boolean;
}

/** Questions and the help queue: every open question, however far back it was asked. */
export function createQuestions(options: QuestionsOptions) {
  const { api, courseId, $room, $hidden, asSent } = options;
  /** Kept apart from the stream, which holds only the pages loaded. */
  const $openQuestions = atom<ReadonlyMap<string, ChatMessage>>(new Map());

  const $pendingQuestions = computed([$openQuestions, $hidden], (questions, hidden) =>
    [...questions.values()]
      // A question hidden by moderation waits for review, not for an answer, even for its author.
      .filter((question) => !hidden.has(question.id) && !question.hidden)
      .sort((a, b) => a.seq - b.seq)
      .map(asSent),
  );

  return {
    $openQuestions: $openQuestions as ReadableAtom<ReadonlyMap<string, ChatMessage>>,
    /** Questions still waiting for an answer, oldest first. */
    $pendingQuestions,
    $myPendingQuestions: computed([$pendingQuestions, $room], (questions, room) =>
      questions.filter((question) => question.author.id === room?.me.id),
    ),

    /** Messages seen in any way (page, frame, update): a question opened or closed changes the queue. */
    track(messages: readonly ChatMessage[]): void {
      const current = $openQuestions.get();
      const changed = messages.filter((m) => m.question_status === 'open' || current.has(m.id));
      if (changed.length === 0) return;
      const next = new Map(current);
      for (const message of changed) {
        if (message.question_status === 'open') next.set(message.id, message);
        else next.delete(message.id);
      }
      $openQuestions.set(next);
    },

    /** Reads the whole help queue, page by page, oldest first. */
    async loadAll(): Promise<void> {
      const found = new Map<string, ChatMessage>();
      const take = (page: readonly ChatMessage[]) => page.forEach((question) => found.set(question.id, question));
      await readForward(api, courseId, { questions: 'open', limit: maxHistoryLimit }, take, options.ended);
      $openQuestions.set(found);
    },

    async markQuestion(messageId: string): Promise<void> {
      try {
        options.merge([(await api.markQuestion(courseId, messageId)).message]);
        options.track({ name: 'question_asked', data: { course_id: courseId } });
      } catch (error) {
        options.notices.failed('mark_question_failed', error);
      }
    },

    markHelpful(messageId: string): void {
      options.act({ type: 'mark_helpful', message_id: messageId }, 'mark_helpful_failed');
    },
  };
}

import { ApiError, type ApiClient } from '../../src/client/index.js';
import { defaultLimits, type ChatMessage, type RoomResponse } from '../../src/protocol/index.js';

/** A stored message with every field set, for tests of the pure functions. */
export function storedMessage(fields: Partial<ChatMessage> & Pick<ChatMessage, 'id' | 'seq'>): ChatMessage {
  return {
    course_id: 'c',
    client_id: '0b7d3f7e-6a51-4a0e-9d6b-2a1c1e5f9a10',
    author: { id: 'u', name: 'U', avatar_url: null, is_student_teacher: false },
    content: `m${fields.seq}`,
    is_question: false,
    question_status: null,
    reply_to_id: null,
    mentions: [],
    helpful_points: 0,
    created_at: '2026-11-24T10:00:00.000Z',
    ...fields,
  };
}

/** Ana, signed in to course `c`, as a room response would have her. */
export function roomOf(fields: Partial<RoomResponse> = {}): RoomResponse {
  return {
    room_id: 'room-c',
    user_token: 'token',
    token_expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
    course: { id: 'c', title: 'Linear Algebra' },
    me: { id: 'ana', name: 'Ana', avatar_url: null, is_student_teacher: false },
    balance: 50,
    limits: { ...defaultLimits },
    last_seq: 0,
    read_seq: 0,
    unread: { count: 0, mentions: 0 },
    settings: { muted: false, notifications: false },
    ...fields,
  };
}

/** Messages with seqs `from` to `to`, by Ben. */
export function messagesFrom(from: number, to: number): ChatMessage[] {
  const ben = { id: 'ben', name: 'Ben', avatar_url: null, is_student_teacher: false };
  return Array.from({ length: to - from + 1 }, (_, index) =>
    storedMessage({ id: `m${from + index}`, seq: from + index, author: ben }),
  );
}

/**
 * A REST client for one test: the calls it scripts answer as given; any other call rejects, so a
 * feature store that makes a request its test did not expect fails the test. No network, no MSW.
 */
export function fakeClient(calls: Partial<Omit<ApiClient, 'apiBase'>>): ApiClient {
  const unexpected = (name: string) => () =>
    Promise.reject(new ApiError(500, 'internal', `the test did not expect ${name}()`));
  return {
    apiBase: '/api',
    room: calls.room ?? unexpected('room'),
    history: calls.history ?? unexpected('history'),
    send: calls.send ?? unexpected('send'),
    markQuestion: calls.markQuestion ?? unexpected('markQuestion'),
    report: calls.report ?? unexpected('report'),
    edit: calls.edit ?? unexpected('edit'),
    deleteMessage: calls.deleteMessage ?? unexpected('deleteMessage'),
    moderate: calls.moderate ?? unexpected('moderate'),
    reported: calls.reported ?? unexpected('reported'),
    markRead: calls.markRead ?? unexpected('markRead'),
    updateSettings: calls.updateSettings ?? unexpected('updateSettings'),
    myAwards: calls.myAwards ?? unexpected('myAwards'),
    award: calls.award ?? unexpected('award'),
    search: calls.search ?? unexpected('search'),
  };
}

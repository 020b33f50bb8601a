/**
 * A socket's life in the room, for both backends: what it hears when admitted, and what its
 * frames do (the frame budgets first, as typing and "Available to Help" reach everyone, then each
 * write through the room rules, its refusal sent back to that socket alone).
 */
import { refusalFrame, type ClientFrame, type PresentUser, type ServerFrame, type User } from '../protocol/index.js';
import type { Outcome } from './outcome.js';
import { markHelpful, markQuestion, sendMessage, setAvailable } from './room-rules.js';
import { wait, type Awaitable, type RoomContext, type Rule } from './room-store.js';
import { tooFast, type FrameThrottle } from './throttle.js';

export interface FrameSource {
  userId: string;
  /** This socket's frame budgets. */
  throttle: FrameThrottle;
  /** Sends a frame to this socket only. */
  reply(frame: ServerFrame): void;
  /**
   * Who may write as this user now: a write is checked against the course as it is, not as it
   * was when the socket connected. Null when access has ended, and the backend has closed the
   * user's sockets.
   */
  writer(): Awaitable<User | null>;
}

/**
 * Greets a socket just admitted (it is already among `present()`): `hello` with the room's seq,
 * then who is here; the others hear of the user only with their first socket.
 */
export function* welcome(
  room: RoomContext,
  user: PresentUser,
  first: boolean,
  reply: (frame: ServerFrame) => void,
): Rule<void> {
  reply({ type: 'hello', user_id: user.id, last_seq: yield* wait(room.live.seq()) });
  reply({ type: 'presence', users: room.live.present() });
  if (first) room.live.broadcast({ type: 'user_joined', user }, user.id);
}

export function* answerFrame(room: RoomContext, socket: FrameSource, frame: ClientFrame): Rule<void> {
  const refuse = (outcome: Outcome<unknown>, clientId?: string) => {
    if (!outcome.ok) socket.reply(refusalFrame(outcome.error, clientId));
  };
  if (frame.type === 'ping') return socket.reply({ type: 'pong' });
  if (frame.type === 'typing' || frame.type === 'set_available') {
    const waitMs = socket.throttle.take(frame.type, room.now);
    // Beyond its budget a typing frame only said "still typing": dropped without a word.
    if (waitMs > 0) return frame.type === 'typing' ? undefined : refuse(tooFast(waitMs));
  }
  if (frame.type === 'typing') return room.live.broadcast({ type: 'typing', user_id: socket.userId }, socket.userId);
  const me = yield* wait(socket.writer());
  if (!me) return;
  switch (frame.type) {
    case 'message': {
      const { type, ...body } = frame;
      const outcome = yield* sendMessage(room, me, body);
      // A replay stores and broadcasts nothing, but the sender still needs its acknowledgement.
      if (outcome.ok && outcome.status === 200) socket.reply({ type: 'message', data: outcome.value });
      return refuse(outcome, frame.client_id);
    }
    case 'mark_helpful':
      return refuse(yield* markHelpful(room, me, frame.message_id));
    case 'mark_question':
      return refuse(yield* markQuestion(room, me.id, frame.message_id));
    case 'set_available':
      return refuse(setAvailable(room, me, frame.available));
  }
}

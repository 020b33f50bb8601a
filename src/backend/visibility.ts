/**
 * Who sees a hidden message, for both backends: everyone but its author (who sees that it was
 * removed, without its content) and the course's moderators (who see it all, to restore it).
 */
import type { ChatMessage } from '../protocol/index.js';
import { wait, type RoomContext, type Rule } from './room-store.js';

export interface Reader {
  id: string;
  moderator: boolean;
}

/** The message as this reader may see it, or null when they may not see it at all. */
export function visibleTo(message: ChatMessage, reader: Reader): ChatMessage | null {
  if (!message.hidden || reader.moderator) return message;
  if (message.author.id !== reader.id) return null;
  return { ...message, content: '', mentions: [] };
}

/** `visibleTo`, asking the records whether the reader moderates only when it matters. */
export function* viewFor(room: RoomContext, readerId: string, message: ChatMessage): Rule<ChatMessage | null> {
  const moderator = message.hidden === true && (yield* wait(room.records.isModerator(readerId)));
  return visibleTo(message, { id: readerId, moderator });
}

/** A message of the room as this user may see it; null when it does not exist for them. */
export function* visibleMessage(room: RoomContext, readerId: string, messageId: string): Rule<ChatMessage | null> {
  const message = yield* wait(room.records.message(messageId));
  return message ? yield* viewFor(room, readerId, message) : null;
}

/** `message_updated` to whoever may see the message: a hidden one's change reaches nobody else. */
export function* announceUpdate(room: RoomContext, message: ChatMessage): Rule<void> {
  if (!message.hidden) return room.live.broadcast({ type: 'message_updated', data: message });
  const moderators = yield* wait(room.records.moderators());
  for (const reader of new Set([message.author.id, ...moderators])) {
    const view = visibleTo(message, { id: reader, moderator: moderators.includes(reader) });
    if (view) room.live.toUser(reader, { type: 'message_updated', data: view });
  }
}

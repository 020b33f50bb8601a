import type { RoomContext, RoomLive } from '../../src/backend/index.js';
import { MemoryRoom, MockTables, type Role } from '../../src/mock/memory-room.js';
import { defaultLimits, type ServerFrame } from '../../src/protocol/index.js';

export const start = Date.parse('2026-11-24T10:00:00.000Z');

/** One course in memory, with the frames the rules fan out recorded instead of sent. */
export function roomInMemory(people: Record<string, { role: Role; balance?: number }> = {}) {
  const tables = new MockTables();
  const memory = new MemoryRoom(tables, { id: 'c1', title: 'Linear Algebra' });
  const everyone = {
    ana: { role: 'student' },
    ben: { role: 'student' },
    maria: { role: 'student_teacher' },
    ...people,
  };
  for (const [id, person] of Object.entries(everyone) as Array<[string, { role: Role; balance?: number }]>) {
    tables.users.set(id, { id, name: id, avatar_url: null });
    tables.balances.set(id, person.balance ?? 30);
    memory.roles.set(id, person.role);
  }
  const frames: Array<{ to: string; frame: ServerFrame }> = [];
  const live: RoomLive = {
    seq: () => memory.seq(),
    lastAcceptedAt: (userId) => memory.lastAcceptedAt(userId),
    accepted: (userId, seq, at) => memory.accepted(userId, seq, at),
    setAvailable: (userId, available) => memory.setAvailable(userId, available),
    present: () => memory.present(),
    broadcast: (frame) => frames.push({ to: 'everyone', frame }),
    toUser: (userId, frame) => frames.push({ to: userId, frame }),
    mutedUntil: (userId) => memory.mutedUntil(userId),
    setMutedUntil: () => undefined,
  };
  let now = start;
  const context = (): RoomContext => ({ records: memory, live, limits: { ...defaultLimits }, now });
  return {
    memory,
    tables,
    frames,
    context,
    advance: (ms: number) => (now += ms),
    me: (id: string) => memory.userView(id),
  };
}

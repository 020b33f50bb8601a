/**
 * What the host platform keeps about courses and people, as the mock plays it: the fixtures that
 * create a course, access that changes (`/dev/access`), and who may use a room now, decided by the
 * shared rule as the Worker decides it from D1.
 */
import { accessRefusal, done, refusals, type Outcome } from '../backend/index.js';
import { accessCloseCode, closeCodes, type DevAccessBody, type FixturesBody } from '../protocol/index.js';
import { MemoryRoom, type MockTables } from './memory-room.js';

/** Creates or replaces a course with its people, exactly as `POST /dev/fixtures` does. */
export function applyFixtures(tables: MockTables, fixtures: FixturesBody): void {
  const old = tables.rooms.get(fixtures.course.id);
  if (old) {
    for (const message of old.messages) tables.messageCourse.delete(message.id);
    for (const sockets of old.sockets.values())
      for (const socket of [...sockets]) socket.close(closeCodes.notFound, 'room replaced');
  }
  const room = new MemoryRoom(tables, fixtures.course);
  for (const person of fixtures.users) {
    tables.users.set(person.id, { id: person.id, name: person.name, avatar_url: person.avatar_url ?? null });
    tables.balances.set(person.id, person.balance);
    tables.featureFlags.set(person.id, fixtures.feature_enabled ?? true);
    room.roles.set(person.id, person.role);
  }
  tables.rooms.set(fixtures.course.id, room);
}

/** The course's room when the user may use it: enrolled or a certified ST, with the feature on. */
export function accessTo(tables: MockTables, userId: string, courseId: string): Outcome<MemoryRoom> {
  const room = tables.rooms.get(courseId);
  const refused = accessRefusal({
    course: room !== undefined,
    participant: room?.isParticipant(userId) ?? false,
    enabled: tables.featureFlags.get(userId) !== false,
  });
  if (refused) return refused;
  return room ? done(room) : refusals.courseNotFound();
}

/** Closes the user's sockets in the course when they may no longer use it; whether it did. */
export function closeIfRefused(tables: MockTables, userId: string, courseId: string): boolean {
  const access = accessTo(tables, userId, courseId);
  if (access.ok) return false;
  for (const socket of [...(tables.rooms.get(courseId)?.sockets.get(userId) ?? [])])
    socket.close(accessCloseCode(access.error.code), access.error.message);
  return true;
}

/** `POST /dev/access`: the host changed a user's access; their sockets that lost it close now. */
export function changeAccess(tables: MockTables, change: DevAccessBody): Outcome<unknown> {
  const changed = tables.rooms.get(change.course_id);
  if (!changed) return refusals.courseNotFound();
  if (!tables.users.has(change.user_id)) return refusals.noSuchUser();
  const wasSt = changed.roles.get(change.user_id) === 'student_teacher';
  if (change.role !== undefined) changed.roles.set(change.user_id, change.role);
  // An ST no longer certified but still enrolled stays, no longer offered as a helper.
  if (wasSt && change.role === 'student' && changed.sockets.has(change.user_id)) {
    changed.available.delete(change.user_id);
    changed.broadcast({ type: 'presence', users: changed.present() });
  }
  if (change.feature_enabled !== undefined) tables.featureFlags.set(change.user_id, change.feature_enabled);
  for (const room of tables.rooms.values()) closeIfRefused(tables, change.user_id, room.courseId);
  return done({});
}

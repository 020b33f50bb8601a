/**
 * The development endpoints (`DEV_ENDPOINTS=on` only): host tokens for seeded users, fixtures, and
 * access changes, written straight into the host's tables as the host platform would.
 */
import { done, parseBody, refusals, signToken, type Outcome } from '../../src/backend/index.js';
import {
  devAccessBody,
  devTokenBody,
  fixturesBody,
  type DevAccessBody,
  type FixturesBody,
} from '../../src/protocol/index.js';
import type { Env } from './env.js';

export type DevRoute = 'devToken' | 'devFixtures' | 'devAccess';

export async function devEndpoint(route: DevRoute, env: Env, body: string | null): Promise<Outcome<unknown>> {
  switch (route) {
    case 'devToken': {
      const valid = parseBody(devTokenBody, body);
      if (!valid.ok) return valid;
      const exp = Math.floor(Date.now() / 1000) + (valid.value.ttl_seconds ?? 3600);
      return done({ token: await signToken({ sub: valid.value.user_id, exp }, env.JWT_SECRET ?? '') });
    }
    case 'devFixtures': {
      const valid = parseBody(fixturesBody, body);
      if (!valid.ok) return valid;
      await applyFixtures(env.DB, valid.value);
      await env.ROOMS.getByName(valid.value.course.id).reset();
      return done({}, 201);
    }
    case 'devAccess': {
      // Connected sockets are left open: a reading socket's user is re-checked by the room on its
      // schedule (access.ts); as a host would, the room is told, so the user's next write reads it.
      const valid = parseBody(devAccessBody, body);
      if (!valid.ok) return valid;
      const known = await env.DB.prepare(
        'SELECT EXISTS (SELECT 1 FROM courses WHERE id = ?1) AS course, EXISTS (SELECT 1 FROM users WHERE id = ?2) AS user',
      )
        .bind(valid.value.course_id, valid.value.user_id)
        .first<{ course: number; user: number }>();
      if (known?.course !== 1) return refusals.courseNotFound();
      if (known.user !== 1) return refusals.noSuchUser();
      await run(env.DB, accessStatements(env.DB, valid.value));
      await env.ROOMS.getByName(valid.value.course_id).accessChanged(valid.value.user_id);
      return done({});
    }
  }
}

async function run(d1: D1Database, statements: D1PreparedStatement[]): Promise<void> {
  if (statements.length > 0) await d1.batch(statements);
}

/** The host's table that gives each role its place in a course. */
const roleTables = { student: 'enrollments', student_teacher: 'student_teachers', moderator: 'course_moderators' };

/** One user's enrolment, ST certification or moderator role in a course (`role`), and their `course_chat` flag. */
function accessStatements(d1: D1Database, change: DevAccessBody): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  if (change.role !== undefined) {
    for (const table of Object.values(roleTables))
      statements.push(
        d1.prepare(`DELETE FROM ${table} WHERE course_id = ? AND user_id = ?`).bind(change.course_id, change.user_id),
      );
    if (change.role !== 'outsider')
      statements.push(
        d1.prepare(`INSERT INTO ${roleTables[change.role]} VALUES (?, ?)`).bind(change.course_id, change.user_id),
      );
  }
  if (change.feature_enabled !== undefined)
    statements.push(
      d1
        .prepare(
          `INSERT INTO feature_flags (user_id, flag, enabled) VALUES (?, 'course_chat', ?)
           ON CONFLICT (user_id, flag) DO UPDATE SET enabled = excluded.enabled`,
        )
        .bind(change.user_id, change.feature_enabled ? 1 : 0),
    );
  return statements;
}

/**
 * Creates or replaces a course with its people. The course's messages and reports go with it;
 * users are updated in place, so their other courses keep them.
 */
async function applyFixtures(d1: D1Database, fixtures: FixturesBody): Promise<void> {
  const courseId = fixtures.course.id;
  const statements = [
    d1.prepare('DELETE FROM courses WHERE id = ?').bind(courseId),
    d1.prepare('INSERT INTO courses (id, title) VALUES (?, ?)').bind(courseId, fixtures.course.title),
  ];
  for (const person of fixtures.users) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO users (id, name, avatar_url) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, avatar_url = excluded.avatar_url`,
        )
        .bind(person.id, person.name, person.avatar_url ?? null),
      d1
        .prepare(
          `INSERT INTO user_goodwill (user_id, balance) VALUES (?, ?)
           ON CONFLICT (user_id) DO UPDATE SET balance = excluded.balance`,
        )
        .bind(person.id, person.balance),
      ...accessStatements(d1, {
        course_id: courseId,
        user_id: person.id,
        role: person.role,
        feature_enabled: fixtures.feature_enabled !== false,
      }),
    );
  }
  await d1.batch(statements);
}

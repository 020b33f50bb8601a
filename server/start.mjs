/**
 * `npm run start:server`: the reference Worker under wrangler dev with a local D1 that keeps its
 * data between runs (migrations and seed data applied), and the demo pointed at it. Both listen on
 * this machine only unless HOST names another address; PORT and WORKER_PORT choose their ports and
 * WORKER_STATE where the local D1 and Durable Objects keep their data.
 */
import { networkInterfaces } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitOnListenError, serveRepository } from '../scripts/dev-server.mjs';
import { browsable, ensureFree, everywhere, loopback } from '../scripts/ports.mjs';
import { queryDatabase, startWorker } from './test-server.mjs';

const serverDir = dirname(fileURLToPath(import.meta.url));
const host = process.env.HOST || loopback;
const workerPort = Number(process.env.WORKER_PORT ?? 8787);
const demoPort = Number(process.env.PORT ?? 8000);
const persistTo = resolve(process.env.WORKER_STATE ?? join(serverDir, '.wrangler', 'state'));
/** The seed's busy room, where the printed addresses open. */
const course = 'linalg-101';

// Both ports are checked before wrangler spends seconds starting.
await ensureFree({ port: workerPort, host, setting: 'WORKER_PORT' }).catch(exitOnListenError);
await ensureFree({ port: demoPort, host, setting: 'PORT' }).catch(exitOnListenError);

/** Every origin a browser may load the demo from: the Worker answers those pages, no others. */
function demoOrigins() {
  const addresses = everywhere(host)
    ? Object.values(networkInterfaces())
        .flat()
        .filter((entry) => entry && entry.family === 'IPv4')
        .map((entry) => entry.address)
    : [host];
  return [...new Set(['localhost', loopback, ...addresses])].map((name) => `http://${browsable(name)}:${demoPort}`);
}

const worker = await startWorker({
  port: workerPort,
  host,
  allowedOrigins: demoOrigins(),
  persistTo,
  seedFile: join(serverDir, 'seed.sql'),
  log: process.env.WORKER_LOG === '1',
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
const demo = await serveRepository({ port: demoPort, host }).catch(async (error) => {
  await worker.stop();
  exitOnListenError(error);
});
const stop = async () => {
  await Promise.all([demo.stop(), worker.stop()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

/** Everyone in the local D1 (server/seed.sql's people), with what they are in the busy room. */
const people = queryDatabase(
  persistTo,
  `SELECT users.id, users.name, COALESCE(user_goodwill.balance, 0) AS balance,
     EXISTS (SELECT 1 FROM student_teachers WHERE user_id = users.id AND course_id = '${course}') AS st,
     EXISTS (SELECT 1 FROM enrollments WHERE user_id = users.id AND course_id = '${course}') AS enrolled,
     EXISTS (SELECT 1 FROM course_moderators WHERE user_id = users.id AND course_id = '${course}') AS moderator
   FROM users LEFT JOIN user_goodwill ON user_goodwill.user_id = users.id
   ORDER BY (st OR enrolled OR moderator) DESC, moderator, st, users.rowid`,
);
const courses = queryDatabase(persistTo, 'SELECT id, title FROM courses ORDER BY rowid');
const title = courses.find((entry) => entry.id === course)?.title ?? course;
const others = courses.filter((entry) => entry.id !== course).map((entry) => `${entry.id}: ${entry.title}`);

const role = (person) =>
  person.moderator ? 'moderator' : person.st ? 'student-teacher' : person.enrolled ? 'student' : 'not enrolled';
const width = Math.max(...people.map((person) => person.name.length));
const lines = people.map(
  (person) =>
    `  ${person.name.padEnd(width)}  ${`${role(person)}, ${person.balance} points`.padEnd(28)}  ` +
    `${demo.origin}/demo/?backend=${worker.apiBase}&course=${course}&me=${person.id}`,
);
const inside = relative(process.cwd(), persistTo);
const shownState = inside && !inside.startsWith('..') ? inside : persistTo;
console.log(`
The Worker answers on ${worker.apiBase} (local D1 in ${shownState}, seeded from server/seed.sql).
Open the demo as one person per browser window, for example a student and a student-teacher (or
the moderator), and chat between them in ${title}:
${lines.join('\n')}
Add &course=<id> to an address for another room (${others.join(', ') || 'none seeded'}), and
&other=<id> for a second person beside the first in the same window.
Press Ctrl+C to stop both.`);

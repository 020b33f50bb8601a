/**
 * `npm run start:server`: the reference Worker under wrangler dev with a local D1 that keeps its
 * data between runs (migrations and seed data applied), and the demo pointed at it.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from './test-server.mjs';

const serverDir = dirname(fileURLToPath(import.meta.url));
const workerPort = Number(process.env.WORKER_PORT ?? 8787);
const demoPort = Number(process.env.PORT ?? 8000);

const worker = await startWorker({
  port: workerPort,
  persistTo: join(serverDir, '.wrangler', 'state'),
  seedFile: join(serverDir, 'seed.sql'),
  log: process.env.WORKER_LOG === '1',
});
const demo = spawn(
  process.execPath,
  [
    join(serverDir, '..', 'node_modules', '@web', 'dev-server', 'dist', 'bin.js'),
    '--config',
    'web-dev-server.config.mjs',
  ],
  { cwd: join(serverDir, '..'), stdio: 'inherit', env: { ...process.env, PORT: String(demoPort) } },
);

const demoUrl = (userId) =>
  `http://127.0.0.1:${demoPort}/demo/?backend=${encodeURIComponent(worker.apiBase)}&me=${userId}`;
console.log(`
The Worker answers on ${worker.apiBase} (local D1 in server/.wrangler/state, seeded from server/seed.sql).
Open the demo against it in two windows, one per person, and chat between them:
  Ana Lima, student:             ${demoUrl('u-ana')}
  Chen Wei, student-teacher:     ${demoUrl('st-chen')}
Others: u-ben (low balance), u-cleo, st-dana; u-omar is enrolled nowhere. Add &course=calc-102 for the quiet room.
Press Ctrl+C to stop both.`);

const stop = async () => {
  demo.kill('SIGTERM');
  await worker.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

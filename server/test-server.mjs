/**
 * Starts the reference Worker under `wrangler dev` (workerd from the npm package, local Durable
 * Objects and a local D1 with the migrations applied) for the tests, the benchmarks and
 * `npm run start:server`. Everything it keeps lives in a fresh folder unless one is given.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browsable, freePort, loopback } from '../scripts/ports.mjs';

const serverDir = dirname(fileURLToPath(import.meta.url));
const config = join(serverDir, 'wrangler.jsonc');
const wrangler = join(serverDir, '..', 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** A secret for local runs only; production sets JWT_SECRET with `wrangler secret put`. */
export const localSecret = 'course-chat-local-development-secret';

// No prompts, no telemetry: this runs unattended and offline.
const quietEnv = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

function runWrangler(args) {
  const result = spawnSync(process.execPath, [wrangler, ...args], { env: quietEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The rows `sql` selects from the local D1 kept in `persistTo`. */
export function queryDatabase(persistTo, sql) {
  const args = ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '-c', config, '--json', '--command', sql];
  const [{ results }] = JSON.parse(runWrangler(args));
  return results;
}

/** Applies migrations (and optionally a seed file) to the local D1 kept in `persistTo`. */
export function prepareDatabase(persistTo, seedFile) {
  runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo, '-c', config]);
  if (seedFile)
    runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '-c', config, '--file', seedFile]);
}

/**
 * Starts `wrangler dev` and resolves once the API answers. It listens on `host` (loopback unless
 * given) and lets browser pages on `allowedOrigins` call it with the session cookie (ALLOWED_ORIGINS;
 * unless given `*`: any page, bearer tokens only). `secret` and `previousSecret` set JWT_SECRET
 * and JWT_SECRET_PREVIOUS, `adminSecret` ADMIN_SECRET, `recheckSeconds` ACCESS_RECHECK_SECONDS,
 * `logFlushMs` LOG_FLUSH_MS, `modq` the MODQ settings (`{ url, secret, retrySeconds }`: MODQ_URL,
 * MODQ_SECRET, MODQ_RETRY_SECONDS), `limits` the room limits (`{ max_message_length: 40 }` sets
 * MAX_MESSAGE_LENGTH, and so on), and `faults` the failures to inject (DEV_FAULTS, src/dev-faults.ts).
 * `crash()` kills it and everything it started at once, leaving its folder for a restart.
 * @param {{ port?: number, host?: string, allowedOrigins?: string[], persistTo?: string, seedFile?: string, dev?: boolean, log?: boolean,
 *   secret?: string, previousSecret?: string, adminSecret?: string, recheckSeconds?: number, logFlushMs?: number,
 *   modq?: { url?: string, secret?: string, retrySeconds?: number }, limits?: Record<string, number>,
 *   faults?: string[] }} options
 */
export async function startWorker(options = {}) {
  const persistTo = options.persistTo ?? mkdtempSync(join(tmpdir(), 'course-chat-worker-'));
  const owned = options.persistTo === undefined;
  prepareDatabase(persistTo, options.seedFile);
  const port = options.port ?? (await freePort());
  const secret = options.secret ?? localSecret;
  const settings = [
    ['JWT_SECRET_PREVIOUS', options.previousSecret],
    ['ADMIN_SECRET', options.adminSecret],
    ['ACCESS_RECHECK_SECONDS', options.recheckSeconds],
    ['LOG_FLUSH_MS', options.logFlushMs],
    ['MODQ_URL', options.modq?.url],
    ['MODQ_SECRET', options.modq?.secret],
    ['MODQ_RETRY_SECONDS', options.modq?.retrySeconds],
    ['DEV_FAULTS', options.faults?.join(',')],
    ...Object.entries(options.limits ?? {}).map(([name, value]) => [name.toUpperCase(), value]),
  ].flatMap(([name, value]) => (value === undefined ? [] : ['--var', `${name}:${value}`]));
  const args = [
    wrangler,
    'dev',
    '-c',
    config,
    '--ip',
    options.host ?? loopback,
    '--port',
    String(port),
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
    '--var',
    `JWT_SECRET:${secret}`,
    '--var',
    `DEV_ENDPOINTS:${options.dev === false ? 'off' : 'on'}`,
    '--var',
    `ALLOWED_ORIGINS:${(options.allowedOrigins ?? ['*']).join(',')}`,
    ...settings,
  ];
  const child = spawn(process.execPath, args, { env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
    if (options.log) process.stdout.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const origin = `http://${browsable(options.host ?? loopback)}:${port}`;
  const apiBase = `${origin}/api`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (owned) rmSync(persistTo, { recursive: true, force: true });
  };
  const crash = async () => {
    for (const pid of processTree(child.pid).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await exited;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
    try {
      // Any protocol answer means the Worker is up; an unauthenticated room request gives 401.
      const response = await fetch(`${apiBase}/courses/ping/chat/room`);
      if (response.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, apiBase, secret, pid: child.pid, stop, crash };
}

/** `pid` and every process it started, and theirs, parents first (Linux: read from /proc). */
export function processTree(pid) {
  const byParent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(name)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [];
  const visit = (id) => {
    tree.push(id);
    for (const child of byParent.get(id) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/**
 * For web-test-runner: a Worker with its dev endpoints on, in a throwaway database, that accepts
 * the session cookie from the test page's origin only and re-checks access every 2 s, so a socket
 * whose access ends closes within a test's time.
 * @param {{ pageOrigin: string }} options
 */
export function startWorkerForTests({ pageOrigin }) {
  return startWorker({ allowedOrigins: [pageOrigin], recheckSeconds: 2 });
}

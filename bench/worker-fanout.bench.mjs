/**
 * The Worker's write path, this design against the previous one, in one interleaved run: both run
 * under their own wrangler dev on loopback (the previous from a git worktree of PREVIOUS_DESIGN,
 * or of `--previous <rev>`), with the send rate limit lifted through the room-limit variables
 * (MIN_SEND_INTERVAL_MS=0). For 50 and 200 sockets in one room it prints:
 *  - server CPU per message: the user and system CPU of wrangler and everything it started
 *    (workerd), from /proc/<pid>/stat, over the messages of the fixed-rate phase; and, apart, the
 *    share of the workerd that runs the Worker (without wrangler itself and its ProxyWorker);
 *  - socket messages per message and socket in that phase: 1 when each frame goes alone, less
 *    when the room sends several in one `batch`;
 *  - send → receive p50 and p99 at a fixed offered rate, over every (message, receiving socket);
 *  - sustained messages per second: the highest offered rate of a rising ladder at which every
 *    message reached every socket and p99 stayed under 500 ms;
 * then the ratios (this design over the previous). Prints figures; it asserts nothing. Sockets are
 * Node's own WebSocket (Node >= 22); /proc makes it Linux only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processTree } from '../server/test-server.mjs';

/** The last commit of the design before the room's own message log (issue #19). */
const PREVIOUS_DESIGN = 'bfcfd7fee1d38de4b0d77e8916e9c1daecaeecb9';

const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const previousRev = argument('--previous') ?? process.env.PREVIOUS ?? PREVIOUS_DESIGN;
const sizes = (process.env.SOCKETS ?? '50,200').split(',').map(Number);
const fixedRate = Number(process.env.FIXED_RATE ?? 20);
const phaseSeconds = Number(process.env.PHASE_SECONDS ?? 4);
const p99BudgetMs = 500;
const limits = { min_send_interval_ms: 0 };
const root = fileURLToPath(new URL('..', import.meta.url));
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the server's processes and their CPU --------------------------------------------------

/** wrangler dev listening on `port`: the process whose command line names it. */
function wranglerOn(port) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => arg.endsWith('wrangler.js')) && args[args.indexOf('--port') + 1] === String(port))
        return Number(name);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no wrangler dev on port ${port}`);
}

/**
 * The workerd that runs the Worker itself: of the two wrangler dev starts, not the one listening
 * on the public port, which runs wrangler's ProxyWorker (dev-only machinery that relays every
 * request and frame to the Worker's workerd; production has no such hop).
 */
function workerdOfWorker(wranglerPid, port) {
  for (const id of processTree(wranglerPid)) {
    try {
      const args = readFileSync(`/proc/${id}/cmdline`, 'utf8').split('\0');
      if (
        args.some((arg) => arg.endsWith('/workerd')) &&
        !args.some((arg) => arg.startsWith('--socket-addr=entry=') && arg.endsWith(`:${port}`))
      )
        return id;
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no workerd of the Worker under wrangler ${wranglerPid}`);
}

/** CPU seconds used so far by `pid` and, unless `alone`, every process under it. */
function cpuSeconds(pid, alone = false) {
  let ticks = 0;
  for (const id of alone ? [pid] : processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks / clockTicks;
}

// ---- one design under wrangler dev ----------------------------------------------------------

/** The previous design's tree, sharing this checkout's node_modules. */
function previousTree() {
  const folder = mkdtempSync(join(tmpdir(), 'course-chat-previous-'));
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', folder, previousRev], { stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  return {
    folder,
    remove: () => {
      execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', folder], { stdio: 'ignore' });
      if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function startDesign(name, folder) {
  const { startWorker } = await import(join(folder, 'server', 'test-server.mjs'));
  const worker = await startWorker({ limits });
  const port = Number(new URL(worker.apiBase).port);
  const pid = wranglerOn(port);
  return { name, ...worker, pid, workerdPid: workerdOfWorker(pid, port) };
}

async function post(apiBase, path, body, token) {
  const response = await fetch(`${apiBase}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const messageFrame = '{"type":"message","data":';
const clientIdField = '"client_id":"';
const errorFrame = '{"type":"error"';

async function joinRoom(apiBase, courseId, userId) {
  const { token } = await post(apiBase, '/dev/token', { user_id: userId });
  const room = await (
    await fetch(`${apiBase}/courses/${courseId}/chat/room`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  const socket = new WebSocket(
    `${apiBase.replace(/^http/, 'ws')}/chat/connect?room=${courseId}&token=${encodeURIComponent(room.user_token)}`,
  );
  const member = { socket, received: new Map(), refusals: 0, socketMessages: 0 };
  // The client shares the machine with the server: it finds the client_ids without parsing the
  // whole frame, so that more of the two cores is left to the room. A socket message is one frame
  // or a batch of them.
  socket.addEventListener('message', (event) => {
    const data = String(event.data);
    const now = performance.now();
    member.socketMessages++;
    for (let at = data.indexOf(messageFrame); at !== -1; at = data.indexOf(messageFrame, at + 1)) {
      const id = data.indexOf(clientIdField, at) + clientIdField.length;
      member.received.set(data.slice(id, data.indexOf('"', id)), now);
    }
    for (let at = data.indexOf(errorFrame); at !== -1; at = data.indexOf(errorFrame, at + 1)) member.refusals++;
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return member;
}

/** A room of `size` connected users on `design`. */
async function room(design, size) {
  const courseId = `bench-${size}-${design.name}-${Date.now()}`;
  const users = Array.from({ length: size }, (_, i) => ({
    id: `${courseId}-u${i}`,
    name: `Student ${i}`,
    role: 'student',
    balance: 0,
  }));
  await post(design.apiBase, '/dev/fixtures', { course: { id: courseId, title: `Bench ${size}` }, users });
  const members = [];
  for (let i = 0; i < users.length; i += 25)
    members.push(
      ...(await Promise.all(users.slice(i, i + 25).map((user) => joinRoom(design.apiBase, courseId, user.id)))),
    );
  return members;
}

/**
 * Offers `rate` messages per second for `seconds`, from the members in turn, then waits until
 * every member has every message (or gives up 10 s after the last send). Answers the latencies
 * and whether every message was delivered.
 */
async function offer(members, rate, seconds) {
  const total = Math.max(1, Math.round(rate * seconds));
  const sentAt = new Map();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await pause(wait);
    const id = crypto.randomUUID();
    sentAt.set(id, performance.now());
    members[i % members.length].socket.send(
      JSON.stringify({ type: 'message', client_id: id, content: `bench message ${i}`, is_question: false }),
    );
  }
  const ids = [...sentAt.keys()];
  await arrived(members, ids, 10_000);
  const latencies = [];
  let delivered = true;
  for (const member of members)
    for (const [id, at] of sentAt) {
      const got = member.received.get(id);
      if (got === undefined) delivered = false;
      else latencies.push(got - at);
    }
  latencies.sort((a, b) => a - b);
  return { messages: total, ids, delivered, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Waits until every member has every message of `ids`, at most `ms`. */
async function arrived(members, ids, ms) {
  const deadline = performance.now() + ms;
  const all = () => members.every((member) => ids.every((id) => member.received.has(id)));
  while (!all() && performance.now() < deadline) await pause(20);
}

async function fixedPhase(design, members) {
  const socketMessages = () => members.reduce((sum, member) => sum + member.socketMessages, 0);
  const before = cpuSeconds(design.pid);
  const workerdBefore = cpuSeconds(design.workerdPid, true);
  const messagesBefore = socketMessages();
  const result = await offer(members, fixedRate, phaseSeconds * 2);
  const cpuMs = ((cpuSeconds(design.pid) - before) * 1000) / result.messages;
  const workerdCpuMs = ((cpuSeconds(design.workerdPid, true) - workerdBefore) * 1000) / result.messages;
  // Below 1 when messages shared socket messages (batches).
  const sends = (socketMessages() - messagesBefore) / members.length / result.messages;
  return { ...result, cpuMs, workerdCpuMs, sends };
}

/**
 * The highest rate of the ladder (×1.5 from 5 msg/s) at which every message arrived in time. It
 * starts low so that a design that falls behind on a busy machine still has a rate to compare.
 */
async function sustained(members) {
  let best = 0;
  for (let rate = 5; rate < 5000; rate = Math.round(rate * 1.5)) {
    const result = await offer(members, rate, phaseSeconds);
    if (!result.delivered || result.p99 >= p99BudgetMs) {
      // A room that fell behind is still working through the rest: the next phase, of this
      // design or the other, must not start under its backlog.
      await arrived(members, result.ids, 120_000);
      break;
    }
    best = rate;
    await pause(500);
  }
  return best;
}

const tree = previousTree();
const designs = [];
try {
  designs.push(await startDesign('previous', tree.folder), await startDesign('this', root));
  const rows = [];
  for (const size of sizes) {
    const rooms = new Map();
    for (const design of designs) rooms.set(design, await room(design, size));
    const figures = new Map(
      designs.map((design) => [design, { cpu: [], workerdCpu: [], sends: [], p50: [], p99: [], rate: [] }]),
    );
    // Interleaved rounds, each design in turn, so the machine's load falls on both alike.
    for (const round of [0, 1])
      for (const design of round === 0 ? designs : [...designs].reverse()) {
        const members = rooms.get(design);
        const fixed = await fixedPhase(design, members);
        const rate = await sustained(members);
        const f = figures.get(design);
        f.cpu.push(fixed.cpuMs);
        f.workerdCpu.push(fixed.workerdCpuMs);
        f.sends.push(fixed.sends);
        f.p50.push(fixed.p50);
        f.p99.push(fixed.p99);
        f.rate.push(rate);
      }
    const mean = (list) => list.reduce((sum, x) => sum + x, 0) / list.length;
    const summary = new Map(
      designs.map((design) => {
        const f = figures.get(design);
        const s = {
          cpu: mean(f.cpu),
          workerdCpu: mean(f.workerdCpu),
          sends: mean(f.sends),
          p50: mean(f.p50),
          p99: mean(f.p99),
        };
        return [design.name, { ...s, rate: Math.min(...f.rate) }];
      }),
    );
    for (const design of designs) {
      const s = summary.get(design.name);
      rows.push({
        sockets: size,
        design: design.name,
        'server CPU ms/message': s.cpu.toFixed(2),
        "of it the Worker's workerd": s.workerdCpu.toFixed(2),
        'socket messages/message/socket': s.sends.toFixed(2),
        [`p50 ms @${fixedRate}/s`]: s.p50.toFixed(1),
        [`p99 ms @${fixedRate}/s`]: s.p99.toFixed(1),
        'sustained msg/s': s.rate,
        // A design that closed or refused sockets under load has no comparable figures.
        'closed / refusals': `${rooms.get(design).filter((m) => m.socket.readyState !== WebSocket.OPEN).length} / ${rooms.get(design).reduce((sum, m) => sum + m.refusals, 0)}`,
      });
    }
    const [before, now] = [summary.get('previous'), summary.get('this')];
    rows.push({
      sockets: size,
      design: 'this / previous',
      'server CPU ms/message': (now.cpu / before.cpu).toFixed(2),
      "of it the Worker's workerd": (now.workerdCpu / before.workerdCpu).toFixed(2),
      'socket messages/message/socket': (now.sends / before.sends).toFixed(2),
      [`p50 ms @${fixedRate}/s`]: (now.p50 / before.p50).toFixed(2),
      [`p99 ms @${fixedRate}/s`]: (now.p99 / before.p99).toFixed(2),
      'sustained msg/s': before.rate ? (now.rate / before.rate).toFixed(2) : '–',
    });
    for (const members of rooms.values()) for (const member of members) member.socket.close(1000, 'bench done');
  }
  console.log(
    `\nWorker write path, this design against ${previousRev.slice(0, 7)} (wrangler dev on loopback, ` +
      `MIN_SEND_INTERVAL_MS=0; two interleaved rounds; CPU and latency at ${fixedRate} msg/s for ` +
      `${phaseSeconds * 2} s; sustained: every message to every socket, p99 < ${p99BudgetMs} ms, lower of the rounds)`,
  );
  console.table(rows);
} finally {
  for (const design of designs) await design.stop();
  tree.remove();
}

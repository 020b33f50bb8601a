import '../src/define.js';
import { createApiClient } from '../src/client/index.js';
import type { CourseChat } from '../src/components/course-chat.js';
import { scenarioNames, startMockBackend, type MockSession, type ScenarioName } from '../src/mock/index.js';
import { devTokenResponse, paths, safeParse } from '../src/protocol/index.js';

const params = new URLSearchParams(location.search);

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The demo page lacks ${selector}`);
  return found;
}

/** Display switches: how the element looks on a phone, in the dark theme, and right to left. */
const switches = ['narrow', 'dark', 'rtl'] as const;
function applyDisplay(): void {
  const on = (id: (typeof switches)[number]) => element<HTMLInputElement>(`#${id}`).checked;
  document.body.classList.toggle('narrow', on('narrow'));
  document.body.classList.toggle('dark', on('dark'));
  element<HTMLElement>('main').dir = on('rtl') ? 'rtl' : 'ltr';
  for (const chat of document.querySelectorAll('course-chat')) chat.theme = on('dark') ? 'dark' : 'auto';
}
for (const id of switches) {
  const box = element<HTMLInputElement>(`#${id}`);
  box.checked = params.get(id) === 'on';
  box.addEventListener('change', () => {
    const next = new URLSearchParams(location.search);
    next.set(id, box.checked ? 'on' : 'off');
    history.replaceState(null, '', `?${next}`);
    applyDisplay();
  });
}
applyDisplay();

/** The page's rooms: `me`'s, and `other`'s beside it if there is one. */
const seats = ['me', 'other'] as const;
type Seats<T> = { me: T; other?: T };

interface Backend {
  courseId: string;
  /** Who is signed in to each room on the page. */
  people: Seats<string>;
  tokenFor(userId: string): Promise<string>;
  /** The course's title and the people's names, as a host would show them. */
  describe(): Promise<{ title: string; names: Seats<string> }>;
}

/** A failure the mock gives every time (until the page reloads): as many as anyone will try. */
const always = { times: 10_000 };

/**
 * States the mock's scenarios do not start in, reached from the busy room: signed in as a
 * student-teacher (who switches on Available to Help), with every send or award failing, or
 * offline. A page cannot take the browser's network away, so Offline tells how; the mock follows
 * the browser's own state (src/mock/handlers.ts), in this scenario as in every other.
 */
const demoStates: Record<string, { me?: 'st'; hint?: string; setUp?(mock: MockSession): void }> = {
  'st-helping': { me: 'st' },
  'send-failure': { setUp: (mock) => mock.backend.faults.failNext('messages', 500, { method: 'POST', ...always }) },
  'award-failure': { setUp: (mock) => mock.backend.faults.failNext('award', 500, always) },
  offline: {
    hint: 'Offline: turn this browser offline (DevTools › Network › Offline, or airplane mode). The rooms say so, a message sent meanwhile is "Message not sent." with Retry, and Retry sends it once the browser is back online.',
  },
};

/** The in-browser mock with one of its scenarios, chosen (and re-chosen) in the page's header. */
async function mockBackend(): Promise<Backend> {
  const requested = params.get('scenario') ?? 'busy-room';
  const demoState = demoStates[requested];
  const scenarioName =
    !demoState && (scenarioNames as readonly string[]).includes(requested) ? (requested as ScenarioName) : 'busy-room';
  const simulate = params.get('simulate') !== 'off';
  const reloadWith = (name: string, value: string) => {
    const next = new URLSearchParams(location.search);
    next.set(name, value);
    location.search = next.toString();
  };
  const select = element<HTMLSelectElement>('#scenario');
  select.value = demoState ? requested : scenarioName;
  select.addEventListener('change', () => reloadWith('scenario', select.value));
  const simulateBox = element<HTMLInputElement>('#simulate');
  simulateBox.checked = simulate;
  simulateBox.addEventListener('change', () => reloadWith('simulate', simulateBox.checked ? 'on' : 'off'));

  const mock = await startMockBackend({ scenario: scenarioName, simulate });
  const scenario = mock.scenario;
  if (!scenario) throw new Error('Every demo scenario names its course and people.');
  demoState?.setUp?.(mock);
  if (demoState?.hint) element('.hint').textContent = demoState.hint;
  const st = scenario.people.find((p) => p.role === 'student_teacher' && p.id !== scenario.other.id);
  const me = demoState?.me === 'st' && st ? st : scenario.me;
  // One room muted and one not, so a mention shows the difference.
  mock.backend.updateSettings(scenario.other.id, scenario.courseId, { muted: true });
  element<HTMLElement>('#other-muted').hidden = false;
  const classmate = scenario.people.find(
    (p) => p.role === 'student' && p.id !== scenario.me.id && p.id !== scenario.other.id,
  );
  element('#mention-both').addEventListener('click', () => {
    if (!classmate) return;
    mock.backend.send(classmate.id, scenario.courseId, {
      client_id: crypto.randomUUID(),
      content: `@${scenario.me.name} @${scenario.other.name} are you two coming to the study session?`,
      is_question: false,
      mentions: [scenario.me.id, scenario.other.id],
    });
  });
  return {
    courseId: scenario.courseId,
    people: { me: me.id, other: scenario.other.id },
    tokenFor: (id) => mock.tokenFor(id),
    describe: () => Promise.resolve({ title: scenario.title, names: { me: me.name, other: scenario.other.name } }),
  };
}

/**
 * The reference Worker (`npm run start:server`) at `?backend=<api base>`: the seeded people named by
 * `me` and `other` (server/seed.sql) in `course`, signed in through the Worker's dev-only token
 * endpoint. The scenarios and the simulation belong to the mock, so their controls go.
 */
function workerBackend(apiBase: string): Backend {
  element('nav[aria-label="Demo settings"]').remove();
  element('.hint').textContent = `This page talks to the reference Worker at ${apiBase} (npm run start:server).`;
  const courseId = params.get('course') ?? 'linalg-101';
  const other = params.get('other');
  const people: Seats<string> = { me: params.get('me') ?? 'u-ana', ...(other ? { other } : {}) };
  const tokens = new Map<string, { token: string; expires: number }>();
  async function tokenFor(userId: string): Promise<string> {
    const cached = tokens.get(userId);
    if (cached && cached.expires > Date.now()) return cached.token;
    const response = await fetch(`${apiBase}${paths.devToken()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: userId, ttl_seconds: 3600 }),
    });
    const body = safeParse(devTokenResponse, await response.json().catch(() => undefined));
    if (!body.ok) throw new Error(`${apiBase} gave no token for ${userId}: is it npm run start:server's Worker?`);
    tokens.set(userId, { token: body.value.token, expires: Date.now() + 50 * 60_000 });
    return body.value.token;
  }
  return {
    courseId,
    people,
    tokenFor,
    // A host knows whom it signed in; this page asks the Worker. Someone it refuses (not enrolled)
    // keeps their id, the only name the page has for them.
    async describe() {
      const roomOf = (id: string) =>
        createApiClient({ apiBase, getAuthToken: () => tokenFor(id) })
          .room(courseId)
          .catch(() => undefined);
      const [mine, theirs] = await Promise.all([roomOf(people.me), people.other ? roomOf(people.other) : undefined]);
      return {
        title: (mine ?? theirs)?.course.title ?? courseId,
        names: {
          me: mine?.me.name ?? people.me,
          ...(people.other ? { other: theirs?.me.name ?? people.other } : {}),
        },
      };
    },
  };
}

const workerApiBase = params.get('backend');
const backend = workerApiBase ? workerBackend(workerApiBase) : await mockBackend();

/** What a host would do with the attention events: badge its chat icon, log its notifications. */
function showAttention(chat: CourseChat, id: string): void {
  const badge = element(`#${id}-badge`);
  const log = element(`#${id}-log`);
  chat.addEventListener('course-chat-unread', (event) => {
    badge.textContent = event.count === 0 ? 'no unread' : `${event.count} unread${event.mentions > 0 ? ', @' : ''}`;
    badge.classList.toggle('muted', event.muted || event.count === 0);
  });
  chat.addEventListener('course-chat-notification', (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${event.kind} from ${event.from.name}: ${event.text}`;
    log.prepend(entry);
  });
}

for (const seat of seats) {
  const userId = backend.people[seat];
  if (!userId) {
    // One person alone gets the whole width, so the help queue is a sidebar on a desktop.
    element(`section:has(#${seat})`).remove();
    continue;
  }
  const chat = element<CourseChat>(`#${seat}`);
  showAttention(chat, seat);
  if (workerApiBase) chat.apiBase = workerApiBase;
  chat.getAuthToken = () => backend.tokenFor(userId);
  chat.courseId = backend.courseId;
}

void backend.describe().then(({ title, names }) => {
  element('#course-title').textContent = title;
  for (const seat of seats) {
    const name = names[seat];
    if (name) element(`#${seat}-name`).textContent = name;
  }
});

// The demo has no course page to go back to: show where the host would navigate instead.
document.addEventListener('course-chat-navigate', (event) => {
  event.preventDefault();
  const place = {
    course: 'the course',
    help: '1-on-1 help (Summon)',
    profile: `the profile of ${event.userId}`,
    'st-profile': `the student-teacher profile of ${event.userId}`,
  }[event.destination];
  alert(`The host would now navigate to ${place} (${event.href || 'no link set'}).`);
});

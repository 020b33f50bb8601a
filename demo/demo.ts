import '../src/define.js';
import type { CourseChat } from '../src/components/course-chat.js';
import { scenarioNames, startMockBackend, type ScenarioName } from '../src/mock/index.js';

const params = new URLSearchParams(location.search);
const requested = params.get('scenario') ?? 'busy-room';
const scenarioName = (scenarioNames as readonly string[]).includes(requested)
  ? (requested as ScenarioName)
  : 'busy-room';
const simulate = params.get('simulate') !== 'off';

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The demo page lacks ${selector}`);
  return found;
}

const select = element<HTMLSelectElement>('#scenario');
const simulateBox = element<HTMLInputElement>('#simulate');
select.value = scenarioName;
simulateBox.checked = simulate;

function reloadWith(name: string, value: string): void {
  const next = new URLSearchParams(location.search);
  next.set(name, value);
  location.search = next.toString();
}
select.addEventListener('change', () => reloadWith('scenario', select.value));

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
simulateBox.addEventListener('change', () => reloadWith('simulate', simulateBox.checked ? 'on' : 'off'));

interface Participant {
  id: string;
  name: string;
}

interface Backend {
  courseId: string;
  title: string;
  people: Participant[];
  tokenFor(userId: string): Promise<string>;
  /** A classmate mentions both people on the page (the mock only). */
  mentionBoth?: () => void;
}

/** The in-browser mock with one of its scenarios: two participants of the scenario's course. */
async function mockBackend(): Promise<Backend> {
  const mock = await startMockBackend({ scenario: scenarioName, simulate });
  const scenario = mock.scenario;
  if (!scenario) throw new Error('Every demo scenario names its course and people.');
  // One room muted and one not, so a mention shows the difference.
  mock.backend.updateSettings(scenario.other.id, scenario.courseId, { muted: true });
  const classmate = scenario.people.find(
    (p) => p.role === 'student' && p.id !== scenario.me.id && p.id !== scenario.other.id,
  );
  return {
    ...scenario,
    people: [scenario.me, scenario.other],
    tokenFor: (id) => mock.tokenFor(id),
    mentionBoth: () => {
      if (!classmate) return;
      mock.backend.send(classmate.id, scenario.courseId, {
        client_id: crypto.randomUUID(),
        content: `@${scenario.me.name} @${scenario.other.name} are you two coming to the study session?`,
        is_question: false,
        mentions: [scenario.me.id, scenario.other.id],
      });
    },
  };
}

/**
 * The reference Worker (`npm run start:server`) at `?backend=<api base>`: the seeded people named by
 * `me` and `other` (server/seed.sql), signed in through the Worker's dev-only token endpoint.
 */
function workerBackend(apiBase: string): Backend {
  const tokens = new Map<string, { token: string; expires: number }>();
  const people = [params.get('me') ?? 'u-ana', params.get('other')]
    .filter((id): id is string => !!id)
    .map((id) => ({ id, name: id }));
  return {
    courseId: params.get('course') ?? 'linalg-101',
    title: 'Reference Worker',
    people,
    async tokenFor(userId) {
      const cached = tokens.get(userId);
      if (cached && cached.expires > Date.now()) return cached.token;
      const response = await fetch(`${apiBase}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: userId, ttl_seconds: 3600 }),
      });
      const { token } = (await response.json()) as { token: string };
      tokens.set(userId, { token, expires: Date.now() + 50 * 60_000 });
      return token;
    },
  };
}

const workerApiBase = params.get('backend');
const backend = workerApiBase ? workerBackend(workerApiBase) : await mockBackend();
element('#course-title').textContent = backend.title;
if (workerApiBase) {
  // The scenarios and the simulation belong to the mock; the Worker holds what server/seed.sql put there.
  element('nav[aria-label="Demo settings"]').remove();
  element('.hint').textContent = `This page talks to the reference Worker at ${workerApiBase} (npm run start:server).`;
}

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

const mentionButton = element<HTMLButtonElement>('#mention-both');
if (backend.mentionBoth) mentionButton.addEventListener('click', backend.mentionBoth);
else mentionButton.remove();

for (const [index, id] of (['me', 'other'] as const).entries()) {
  const person = backend.people[index];
  const chat = element<CourseChat>(`#${id}`);
  if (!person) {
    element(`section:has(#${id})`).remove();
    continue;
  }
  element(`#${id}-name`).textContent = person.name;
  showAttention(chat, id);
  if (workerApiBase) chat.apiBase = workerApiBase;
  chat.getAuthToken = () => backend.tokenFor(person.id);
  chat.courseId = backend.courseId;
}

// The demo has no course page to go back to: show where the host would navigate instead.
document.addEventListener('course-chat-navigate', (event) => {
  event.preventDefault();
  const place = event.destination === 'help' ? '1-on-1 help (Summon)' : 'the course';
  alert(`The host would now navigate to ${place} (${event.href || 'no link set'}).`);
});

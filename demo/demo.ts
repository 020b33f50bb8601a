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
simulateBox.addEventListener('change', () => reloadWith('simulate', simulateBox.checked ? 'on' : 'off'));

const mock = await startMockBackend({ scenario: scenarioName, simulate });
const scenario = mock.scenario;
if (!scenario) throw new Error('Every demo scenario names its course and people.');
element('#course-title').textContent = scenario.title;

for (const [id, person] of [
  ['me', scenario.me],
  ['other', scenario.other],
] as const) {
  element(`#${id}-name`).textContent = person.name;
  const chat = element<CourseChat>(`#${id}`);
  chat.getAuthToken = () => mock.tokenFor(person.id);
  chat.courseId = scenario.courseId;
}

// The demo has no course page to go back to: show where the host would navigate instead.
document.addEventListener('course-chat-navigate', (event) => {
  event.preventDefault();
  const place = event.destination === 'help' ? '1-on-1 help (Summon)' : 'the course';
  alert(`The host would now navigate to ${place} (${event.href || 'no link set'}).`);
});

import type { FixturesBody } from '../protocol/index.js';
import type { MockBackend, Role } from './backend.js';
import { Random } from './random.js';
import { exchanges, people, smallTalk } from './talk.js';

export const scenarioNames = ['busy-room', 'quiet-room', 'low-balance', 'not-enrolled', 'feature-disabled'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ScenarioPerson {
  id: string;
  name: string;
  role: Role;
}

/** What a scenario created, so the demo and tests know whom to sign in and where. */
export interface ScenarioInfo {
  name: ScenarioName;
  courseId: string;
  title: string;
  /** The signed-in user. */
  me: ScenarioPerson;
  /** A second participant, so the demo can open the room as two people. */
  other: ScenarioPerson;
  people: ScenarioPerson[];
}

export interface ScenarioOptions {
  seed?: number;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z ]/g, '')
    .split(' ')[0] ?? name;

function cast(meRole: Role): ScenarioPerson[] {
  const students = people.students.map((name) => ({ id: `u-${slug(name)}`, name, role: 'student' as Role }));
  const sts = people.studentTeachers.map((name) => ({ id: `st-${slug(name)}`, name, role: 'student_teacher' as Role }));
  return [...students.map((person, index) => (index === 0 ? { ...person, role: meRole } : person)), ...sts];
}

interface Setup {
  courseId: string;
  title: string;
  meRole?: Role;
  meBalance?: number;
  featureEnabled?: boolean;
  history: number;
}

const setups: Record<ScenarioName, Setup> = {
  'busy-room': { courseId: 'linalg-101', title: 'Linear Algebra', history: 200 },
  'quiet-room': { courseId: 'calc-102', title: 'Calculus II', history: 0 },
  'low-balance': { courseId: 'linalg-101', title: 'Linear Algebra', meBalance: 3, history: 40 },
  'not-enrolled': { courseId: 'stats-201', title: 'Statistics', meRole: 'outsider', history: 30 },
  'feature-disabled': { courseId: 'physics-110', title: 'Physics I', featureEnabled: false, history: 0 },
};

/** Creates the scenario's course, people and history in `backend` and says who is who. */
export function loadScenario(backend: MockBackend, name: ScenarioName, options: ScenarioOptions = {}): ScenarioInfo {
  const setup = setups[name];
  const random = new Random(options.seed ?? 7);
  const everyone = cast(setup.meRole ?? 'student');
  const fixtures: FixturesBody = {
    course: { id: setup.courseId, title: setup.title },
    feature_enabled: setup.featureEnabled ?? true,
    users: everyone.map((person, index) => ({
      ...person,
      balance:
        index === 0 && setup.meBalance !== undefined
          ? setup.meBalance
          : person.role === 'student_teacher'
            ? 200
            : random.int(40, 120),
    })),
  };
  backend.applyFixtures(fixtures);
  // The people who write in the room: the signed-in user only when they belong there.
  const writers = everyone.filter((person) => person.role !== 'outsider');
  if (setup.history > 0) seedHistory(backend, setup, writers, random);
  const [me, other] = everyone;
  if (!me || !other) throw new Error('A scenario needs at least two people.');
  return { name, courseId: setup.courseId, title: setup.title, me, other, people: everyone };
}

interface Thread {
  questionId: string;
  askerId: string;
  exchange: (typeof exchanges)[number];
  answered: number;
  lastReplyId?: string;
}

/**
 * Plays a few hours of room life through the backend's own rules, with the clock pinned to the
 * past: questions, replies, awards and ST endorsements, mixed with small talk.
 */
function seedHistory(backend: MockBackend, setup: Setup, writers: ScenarioPerson[], random: Random): void {
  const courseId = setup.courseId;
  const sts = writers.filter((person) => person.role === 'student_teacher');
  const students = writers.filter((person) => person.role !== 'student_teacher');
  let time = backend.now() - setup.history * 75_000;
  let nextExchange = 0;
  const threads: Thread[] = [];
  const send = (
    author: ScenarioPerson,
    content: string,
    extra: { is_question?: boolean; reply_to_id?: string } = {},
  ) => {
    time += random.int(20_000, 90_000);
    const outcome = backend.at(time, () =>
      backend.send(author.id, courseId, { client_id: random.uuid(), content, is_question: false, ...extra }),
    );
    return outcome.ok ? outcome.value.id : undefined;
  };

  for (let count = 0; count < setup.history; count++) {
    const thread = threads.find(() => random.chance(0.4));
    if (thread) {
      const answer = thread.exchange.answers[thread.answered];
      if (answer !== undefined) {
        const helper = random.chance(0.6)
          ? random.pick(sts)
          : random.pick(students.filter((s) => s.id !== thread.askerId));
        thread.lastReplyId = send(helper, answer, { reply_to_id: thread.questionId });
        thread.answered += 1;
        continue;
      }
      threads.splice(threads.indexOf(thread), 1);
      closeThread(backend, courseId, thread, sts, random, () => (time += 5_000));
      const asker = writers.find((person) => person.id === thread.askerId);
      if (asker) send(asker, thread.exchange.thanks, { reply_to_id: thread.questionId });
      continue;
    }
    const exchange = exchanges[nextExchange];
    if (exchange && random.chance(0.18)) {
      nextExchange += 1;
      const asker = random.pick(students);
      const questionId = send(asker, exchange.question, { is_question: true });
      // The last questions stay unanswered so the help queue has something in it.
      if (questionId && nextExchange < exchanges.length - 2)
        threads.push({ questionId, askerId: asker.id, exchange, answered: 0 });
      continue;
    }
    send(
      random.pick(writers),
      smallTalk((items) => random.pick(items)),
    );
  }
}

/** Answers a thread the ways people do: the asker awards points, or an ST endorses the reply. */
function closeThread(
  backend: MockBackend,
  courseId: string,
  thread: Thread,
  sts: ScenarioPerson[],
  random: Random,
  tick: () => number,
): void {
  const replyId = thread.lastReplyId;
  if (!replyId) return;
  const reply = backend.messages(courseId).find((message) => message.id === replyId);
  if (!reply) return;
  if (random.chance(0.6) && reply.author.id !== thread.askerId) {
    backend.at(tick(), () =>
      backend.award(thread.askerId, {
        recipient_id: reply.author.id,
        points: backend.limits.default_award_points,
        reason: 'chat_help',
        reference_id: replyId,
      }),
    );
  } else if (sts.length > 0) {
    backend.at(tick(), () => backend.markHelpful(random.pick(sts).id, courseId, replyId));
  }
}

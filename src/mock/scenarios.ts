import type { FixturesBody } from '../protocol/index.js';
import type { MockBackend, Role } from './backend.js';
import { Random } from './random.js';
import { exchanges, people, smallTalk } from './talk.js';

export const scenarioNames = [
  'busy-room',
  'quiet-room',
  'low-balance',
  'not-enrolled',
  'feature-disabled',
  'moderation',
  'muted',
] as const;
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

/** Everyone, the signed-in user first with `roles[0]` and the second participant with `roles[1]`. */
function cast(...roles: Role[]): ScenarioPerson[] {
  const students = people.students.map((name) => ({ id: `u-${slug(name)}`, name, role: 'student' as Role }));
  const sts = people.studentTeachers.map((name) => ({ id: `st-${slug(name)}`, name, role: 'student_teacher' as Role }));
  return [...students.map((person, index) => ({ ...person, role: roles[index] ?? person.role })), ...sts];
}

interface Setup {
  courseId: string;
  title: string;
  meRole?: Role;
  otherRole?: Role;
  meBalance?: number;
  featureEnabled?: boolean;
  history: number;
  /** What happens once the history is there (reports, a mute). */
  afterwards?(backend: MockBackend, info: ScenarioInfo): void;
}

const setups: Record<ScenarioName, Setup> = {
  'busy-room': { courseId: 'linalg-101', title: 'Linear Algebra', history: 200 },
  'quiet-room': { courseId: 'calc-102', title: 'Calculus II', history: 0 },
  'low-balance': { courseId: 'linalg-101', title: 'Linear Algebra', meBalance: 3, history: 40 },
  'not-enrolled': { courseId: 'stats-201', title: 'Statistics', meRole: 'outsider', history: 30 },
  'feature-disabled': { courseId: 'physics-110', title: 'Physics I', featureEnabled: false, history: 0 },
  // The signed-in user moderates the course: a message hidden by three reports, one reported once.
  moderation: {
    courseId: 'linalg-101',
    title: 'Linear Algebra',
    meRole: 'moderator',
    history: 40,
    afterwards: reportSome,
  },
  // A moderator (the second participant) muted the signed-in student for an hour.
  muted: { courseId: 'linalg-101', title: 'Linear Algebra', otherRole: 'moderator', history: 40, afterwards: muteMe },
};

/** Throws unless the backend did it: a scenario that silently lacks its state would mislead. */
function done<T>(outcome: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

function reportSome(backend: MockBackend, { courseId, other, people: everyone }: ScenarioInfo): void {
  // The second participant neither wrote nor reported them: they see what a classmate sees.
  const students = everyone.filter((person) => person.role === 'student' && person.id !== other.id);
  const [spammer, ...reporters] = students;
  const [first] = reporters;
  if (!spammer || !first || reporters.length < backend.limits.report_hide_threshold)
    throw new Error('Too few students to report a message hidden.');
  // A minute apart, as the anti-spam limit asks.
  const spam = done(
    backend.at(backend.now() - 60_000, () =>
      backend.send(spammer.id, courseId, {
        client_id: crypto.randomUUID(),
        content: 'Selling every problem set answer for this course, DM me for prices!!!',
        is_question: false,
      }),
    ),
  );
  for (const reporter of reporters.slice(0, backend.limits.report_hide_threshold))
    done(backend.moderation.report(reporter.id, courseId, spam.id, { reason: 'spam' }));
  const offTopic = done(
    backend.send(spammer.id, courseId, {
      client_id: crypto.randomUUID(),
      content: 'Anyone watching the match tonight? Way more fun than eigenvalues.',
      is_question: false,
    }),
  );
  done(backend.moderation.report(first.id, courseId, offTopic.id, { reason: 'off_topic' }));
}

function muteMe(backend: MockBackend, { courseId, me, other }: ScenarioInfo): void {
  done(
    backend.moderation.moderate(other.id, courseId, {
      action: 'mute',
      user_id: me.id,
      until: new Date(backend.now() + 60 * 60_000).toISOString(),
      reason: 'Repeated off-topic messages',
    }),
  );
}

/** Creates the scenario's course, people and history in `backend` and says who is who. */
export function loadScenario(backend: MockBackend, name: ScenarioName, options: ScenarioOptions = {}): ScenarioInfo {
  const setup = setups[name];
  const random = new Random(options.seed ?? 7);
  const everyone = cast(setup.meRole ?? 'student', setup.otherRole ?? 'student');
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
  const info = { name, courseId: setup.courseId, title: setup.title, me, other, people: everyone };
  setup.afterwards?.(backend, info);
  return info;
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

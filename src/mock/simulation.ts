import { safeParse, serverFrame, type ChatMessage, type ClientFrame } from '../protocol/index.js';
import type { MockBackend, MockSocket } from './backend.js';
import { Random } from './random.js';
import type { ScenarioInfo, ScenarioPerson } from './scenarios.js';
import { exchanges, smallTalk } from './talk.js';

export interface SimulationTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SimulationOptions {
  seed?: number;
  /** Mean time between two actions in the room. */
  intervalMs?: number;
  /** People the simulation never plays; defaults to the scenario's `me` and `other`. */
  exclude?: string[];
  /** Injected so tests can drive the simulation with a fake clock. */
  timers?: SimulationTimers;
}

export interface Simulation {
  /** Clears every timer and disconnects every simulated person. */
  stop(): void;
  /** How many actions were taken, for tests and the demo's curiosity. */
  readonly actions: number;
  /** Frames the simulated clients received that did not validate (should stay empty). */
  readonly invalidFrames: readonly string[];
}

const genericAnswers: readonly string[] = [
  'Good question! Try writing out a small 2×2 example first, it usually shows the pattern.',
  'I think the worked example at the end of the section covers exactly this.',
  'Check the definition again carefully, the condition is on the columns, not the rows.',
];

interface Actor {
  person: ScenarioPerson;
  socket: MockSocket | null;
}

/**
 * Simulated classmates and STs who connect, type, post, ask, answer, endorse and award points, so
 * a person watching the demo sees a live room. They act only through the backend's public
 * operations and socket frames, under the same rules (rate limit, balances) as real users.
 */
export function startSimulation(
  backend: MockBackend,
  scenario: ScenarioInfo,
  options: SimulationOptions = {},
): Simulation {
  const random = new Random(options.seed ?? 1);
  const timers: SimulationTimers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
  };
  const interval = options.intervalMs ?? 4000;
  const exclude = new Set(options.exclude ?? [scenario.me.id, scenario.other.id]);
  const courseId = scenario.courseId;
  const actors: Actor[] = scenario.people
    .filter((person) => person.role !== 'outsider' && !exclude.has(person.id))
    .map((person) => ({ person, socket: null }));
  const pending = new Set<unknown>();
  const seen = new Map<string, ChatMessage>();
  const invalidFrames: string[] = [];
  let actions = 0;
  let stopped = false;

  const later = (ms: number, action: () => void | Promise<void>) => {
    const handle = timers.setTimeout(() => {
      pending.delete(handle);
      if (!stopped) void action();
    }, ms);
    pending.add(handle);
  };

  const observe = (data: string) => {
    const parsed = safeParse(serverFrame, JSON.parse(data));
    if (!parsed.ok) {
      invalidFrames.push(data);
      return;
    }
    const frame = parsed.value;
    if (frame.type === 'message' || frame.type === 'message_updated') seen.set(frame.data.id, frame.data);
  };

  const connect = async (actor: Actor) => {
    const room = await backend.room(actor.person.id, courseId);
    if (!room.ok || stopped || actor.socket) return;
    // Like a real client, catch up on what was said before joining.
    const history = backend.history(actor.person.id, courseId);
    if (history.ok) for (const message of history.value.messages) seen.set(message.id, message);
    actor.socket = backend.connect(room.value.room_id, room.value.user_token, {
      send: observe,
      close: () => {
        actor.socket = null;
      },
    });
  };

  const disconnect = (actor: Actor) => {
    actor.socket?.closed();
    actor.socket = null;
  };

  const say = (actor: Actor, frame: ClientFrame) => actor.socket?.receive(JSON.stringify(frame));

  const post = (actor: Actor, content: string, extra: { is_question?: boolean; reply_to_id?: string } = {}) => {
    say(actor, { type: 'typing' });
    later(random.int(800, 2500), () =>
      say(actor, { type: 'message', client_id: random.uuid(), content, is_question: false, ...extra }),
    );
  };

  const repliesTo = (questionId: string) => [...seen.values()].filter((message) => message.reply_to_id === questionId);

  const openQuestions = () =>
    [...seen.values()].filter((message) => message.is_question && message.question_status === 'open');

  /** One thing one connected person does, chosen the way a room behaves. */
  const act = (actor: Actor) => {
    const me = actor.person.id;
    const isSt = actor.person.role === 'student_teacher';
    const mine = openQuestions().find((question) => question.author.id === me && repliesTo(question.id).length > 0);
    if (mine) {
      const reply = repliesTo(mine.id).find((message) => message.author.id !== me);
      if (!reply) return post(actor, 'Still stuck on this one, anyone?', { reply_to_id: mine.id });
      if (random.chance(0.5)) return say(actor, { type: 'mark_helpful', message_id: reply.id });
      backend.award(me, {
        recipient_id: reply.author.id,
        points: backend.limits.default_award_points,
        reason: 'chat_help',
        reference_id: reply.id,
      });
      return;
    }
    const unanswered = openQuestions().filter(
      (question) => question.author.id !== me && !repliesTo(question.id).some((reply) => reply.author.id === me),
    );
    const question = unanswered[0];
    if (question && (isSt || random.chance(0.3))) {
      const known = exchanges.find((exchange) => exchange.question === question.content);
      return post(actor, random.pick(known?.answers ?? genericAnswers), { reply_to_id: question.id });
    }
    if (isSt && random.chance(0.15)) {
      const available = !backend.online(courseId).some((present) => present.id === me && present.available);
      return say(actor, { type: 'set_available', available });
    }
    if (!isSt && random.chance(0.2)) {
      const exchange = random.pick(exchanges);
      return post(actor, exchange.question, { is_question: true });
    }
    post(
      actor,
      smallTalk((items) => random.pick(items)),
    );
  };

  const tick = () => {
    actions += 1;
    const offline = actors.filter((actor) => !actor.socket);
    const online = actors.filter((actor) => actor.socket);
    if (offline.length > 0 && (online.length < 3 || random.chance(0.1))) void connect(random.pick(offline));
    else if (online.length > 4 && random.chance(0.05)) disconnect(random.pick(online));
    else if (online.length > 0) act(random.pick(online));
    later(random.int(interval / 2, (interval * 3) / 2), tick);
  };

  // Most of the room is already there when the page opens; the rest drift in over time.
  for (const actor of actors) if (random.chance(0.6)) later(random.int(0, interval), () => connect(actor));
  later(interval, tick);

  return {
    stop() {
      stopped = true;
      for (const handle of pending) timers.clearTimeout(handle);
      pending.clear();
      for (const actor of actors) disconnect(actor);
    },
    get actions() {
      return actions;
    },
    get invalidFrames() {
      return invalidFrames;
    },
  };
}

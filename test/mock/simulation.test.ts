import { expect } from '@open-wc/testing';
import { MockBackend, type SocketSink } from '../../src/mock/backend.js';
import { loadScenario } from '../../src/mock/scenarios.js';
import { startSimulation, type SimulationTimers } from '../../src/mock/simulation.js';
import { serverFrame, type ServerFrame } from '../../src/protocol/index.js';

/** Timers the test fires by hand, in due order. */
class FakeTimers implements SimulationTimers {
  #now = 0;
  #next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.pending.set(handle, { at: this.#now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Runs due timers up to `ms` from now, letting async work settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.#now = end;
  }
}

async function watch(backend: MockBackend, userId: string, courseId: string) {
  const frames: ServerFrame[] = [];
  const room = await backend.room(userId, courseId);
  if (!room.ok) throw new Error(room.error.code);
  const sink: SocketSink = { send: (data) => frames.push(serverFrame.parse(JSON.parse(data))), close: () => {} };
  backend.connect(room.value.room_id, room.value.user_token, sink);
  return frames;
}

describe('simulation', () => {
  it('fills the room with protocol-valid activity through the rules, deterministically', async () => {
    const run = async () => {
      const backend = new MockBackend({ now: () => Date.parse('2026-11-24T10:00:00.000Z') + timers.elapsed });
      const timers = Object.assign(new FakeTimers(), { elapsed: 0 });
      const info = loadScenario(backend, 'quiet-room');
      const frames = await watch(backend, info.me.id, info.courseId);
      const simulation = startSimulation(backend, info, { seed: 5, intervalMs: 1000, timers });
      for (let i = 0; i < 120; i++) {
        timers.elapsed += 500;
        await timers.advance(500);
      }
      simulation.stop();
      expect(timers.pending.size, 'timers left after stop').to.equal(0);
      expect(simulation.invalidFrames).to.deep.equal([]);
      expect(backend.online(info.courseId).map((u) => u.id)).to.deep.equal([info.me.id]);
      return { backend, info, frames, simulation };
    };
    const first = await run();
    const types = new Set(first.frames.map((f) => f.type));
    for (const type of ['user_joined', 'typing', 'message', 'user_left'] as const) expect(types).to.include(type);
    const messages = first.backend.messages(first.info.courseId);
    expect(messages.length).to.be.greaterThan(5);
    expect(messages.some((m) => m.is_question)).to.be.true;
    expect(messages.some((m) => m.reply_to_id !== null)).to.be.true;
    expect(messages.some((m) => [first.info.me.id, first.info.other.id].includes(m.author.id))).to.be.false;
    const second = await run();
    expect(second.backend.messages(second.info.courseId).map((m) => m.content)).to.deep.equal(
      messages.map((m) => m.content),
    );
  });

  it('answers a question asked by a real user and stops cleanly on real timers', async () => {
    const backend = new MockBackend();
    const info = loadScenario(backend, 'quiet-room');
    // The page's own timers, watched: after stop() none may still be armed.
    const armed = new Set<unknown>();
    const timers: SimulationTimers = {
      setTimeout: (callback, ms) => {
        const handle = setTimeout(() => {
          armed.delete(handle);
          callback();
        }, ms);
        armed.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        armed.delete(handle);
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    };
    const simulation = startSimulation(backend, info, { seed: 2, intervalMs: 20, timers });
    const asked = backend.send(info.me.id, info.courseId, {
      client_id: crypto.randomUUID(),
      content: 'Can someone explain eigenvectors?',
      is_question: true,
    });
    if (!asked.ok) throw new Error(asked.error.code);
    const answered = () => backend.messages(info.courseId).some((m) => m.reply_to_id === asked.value.id);
    for (let i = 0; i < 250 && !answered(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(armed.size, 'the simulation runs on the timers it was given').to.be.greaterThan(0);
    simulation.stop();
    expect(answered(), 'a simulated person answered').to.be.true;
    expect(armed.size, 'timers still armed after stop').to.equal(0);
    expect(backend.online(info.courseId)).to.deep.equal([]);
  });
});

import type { Timers } from '../../src/client/index.js';

/** Timers that run only when the test moves the clock on, so a test can see what is scheduled. */
export function manualClock() {
  let now = 0;
  let next = 1;
  const due = new Map<unknown, { run: () => void; at: number }>();
  const timers: Timers = {
    setTimeout(run, ms) {
      const handle = next++;
      due.set(handle, { run, at: now + ms });
      return handle;
    },
    clearTimeout(handle) {
      due.delete(handle);
    },
  };
  return {
    timers,
    /** How many timers wait to run. */
    get pending(): number {
      return due.size;
    },
    /** Moves the clock on by `ms`, running each timer that falls due, in order. */
    advance(ms: number): void {
      now += ms;
      for (const [handle, timer] of [...due].sort(([, a], [, b]) => a.at - b.at))
        if (timer.at <= now && due.delete(handle)) timer.run();
    },
  };
}

/**
 * The life of one session: timers that die with it, and whether it has ended, so that no feature
 * store acts (or keeps a timer) after `stop()`.
 */
export function createLifetime() {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let ended = false;

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!ended) run();
    }, ms);
    timers.add(timer);
  }

  return {
    later,
    /** Resolves after `ms`, or never once the session has ended. */
    sleep: (ms: number): Promise<void> => new Promise((resolve) => later(ms, resolve)),
    get ended(): boolean {
      return ended;
    },
    end(): void {
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type Lifetime = ReturnType<typeof createLifetime>;

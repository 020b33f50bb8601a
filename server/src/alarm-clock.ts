/**
 * A Durable Object has one alarm; a room needs it for two things (the batches of its message log
 * to D1, and the re-check of everyone's access). Each asks to be woken by a time, and the alarm
 * is set for the earliest: known in memory, so asking again costs no storage call.
 */
export class AlarmClock {
  readonly #storage: DurableObjectStorage;
  /** When the alarm is set, null when it is not; undefined until read after a wake-up. */
  #at: number | null | undefined;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
  }

  /** Makes sure the alarm rings by `at`. */
  async wake(at: number): Promise<void> {
    if (this.#at === undefined) this.#at = await this.#storage.getAlarm();
    if (this.#at !== null && this.#at <= at) return;
    this.#at = at;
    await this.#storage.setAlarm(at);
  }

  /** The alarm has rung: it is set no more. */
  rang(): void {
    this.#at = null;
  }
}

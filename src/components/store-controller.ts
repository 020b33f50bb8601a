import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Connects one nanostores atom to a Lit element: the element re-renders when the atom changes.
 * The atom is picked by a function, so an element whose store is replaced (a new course) follows
 * the new one. Ours because @nanostores/lit ships CommonJS only.
 */
export class StoreController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #select: () => ReadableAtom<T> | undefined;
  readonly #fallback: T;
  #atom: ReadableAtom<T> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, select: () => ReadableAtom<T> | undefined, fallback: T) {
    this.#host = host;
    this.#select = select;
    this.#fallback = fallback;
    host.addController(this);
  }

  get value(): T {
    this.#sync();
    return this.#atom ? this.#atom.get() : this.#fallback;
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#atom = undefined;
  }

  #sync(): void {
    const next = this.#select();
    if (next === this.#atom) return;
    this.#unsubscribe?.();
    this.#atom = next;
    this.#unsubscribe = next?.listen(() => this.#host.requestUpdate());
  }
}

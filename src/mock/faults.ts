import type { ErrorCode, RestMethod, RouteName } from '../protocol/index.js';

export type { RouteName };

export interface InjectedFailure {
  status: number;
  code: ErrorCode;
  /** Only requests with this method fail (a route's GET and POST share its name). */
  method?: RestMethod;
}

/** What the fault injector needs from the backend to act on live sockets and its clock. */
export interface FaultTarget {
  now(): number;
  dropSockets(code: number, reason: string, userId?: string): void;
  sendRaw(userId: string, data: string): void;
}

/**
 * Fault injection for UI tests and the demo: the ways a real network and backend misbehave, applied
 * to the mock on purpose. Everything here is off until a test asks for it, and `reset()` turns it
 * all off again.
 */
export class Faults {
  readonly #failures = new Map<RouteName | '*', InjectedFailure[]>();
  readonly #delays = new Map<RouteName | '*', number>();
  readonly #target: FaultTarget;
  #silent = false;
  #refuseCode: number | null = null;
  #tokensExpiredBefore = Number.NEGATIVE_INFINITY;

  constructor(target: FaultTarget) {
    this.#target = target;
  }

  /**
   * The next `times` requests to `route` (or any route, `'*'`), of `method` if given, fail with
   * this status and code.
   */
  failNext(
    route: RouteName | '*',
    status: number,
    options: { times?: number; code?: ErrorCode; method?: RestMethod } = {},
  ): void {
    const failure: InjectedFailure = {
      status,
      code: options.code ?? codeForStatus(status),
      ...(options.method ? { method: options.method } : {}),
    };
    const queue = this.#failures.get(route) ?? [];
    for (let i = 0; i < (options.times ?? 1); i++) queue.push(failure);
    this.#failures.set(route, queue);
  }

  /** Every answer from `route` (or any route) is held back this long; 0 removes the delay. */
  delay(ms: number, route: RouteName | '*' = '*'): void {
    if (ms > 0) this.#delays.set(route, ms);
    else this.#delays.delete(route);
  }

  /** Closes every socket (or one user's) as a crashed server or a lost network would. */
  dropSockets(options: { userId?: string; code?: number; reason?: string } = {}): void {
    this.#target.dropSockets(options.code ?? 1012, options.reason ?? 'dropped by fault injection', options.userId);
  }

  /** While silent, sockets stay open but no frame reaches any client: a half-dead connection. */
  silence(silent: boolean): void {
    this.#silent = silent;
  }

  /** Sends bytes as they are (possibly invalid) to every socket of a user. */
  sendRaw(userId: string, data: string): void {
    this.#target.sendRaw(userId, data);
  }

  /** New sockets are accepted and then closed with this code (e.g. 4001, 4003); null stops it. */
  refuseSockets(code: number | null): void {
    this.#refuseCode = code;
  }

  /**
   * Every token issued up to now counts as expired from now on, as if the clock had passed their
   * `exp`; with `closeSockets`, open sockets are closed with 4001 like a server that rechecks.
   */
  expireTokens(options: { closeSockets?: boolean } = {}): void {
    this.#tokensExpiredBefore = this.#target.now();
    if (options.closeSockets) this.#target.dropSockets(4001, 'token expired');
  }

  reset(): void {
    this.#failures.clear();
    this.#delays.clear();
    this.#silent = false;
    this.#refuseCode = null;
    this.#tokensExpiredBefore = Number.NEGATIVE_INFINITY;
  }

  /** Consumes and returns the failure planned for this request, if any. */
  takeFailure(route: RouteName, method: RestMethod): InjectedFailure | undefined {
    for (const key of [route, '*'] as const) {
      const queue = this.#failures.get(key) ?? [];
      const index = queue.findIndex((failure) => failure.method === undefined || failure.method === method);
      if (index >= 0) return queue.splice(index, 1)[0];
    }
    return undefined;
  }

  delayFor(route: RouteName): number {
    return this.#delays.get(route) ?? this.#delays.get('*') ?? 0;
  }

  get silent(): boolean {
    return this.#silent;
  }

  get refuseCode(): number | null {
    return this.#refuseCode;
  }

  isExpired(issuedAt: number): boolean {
    return issuedAt <= this.#tokensExpiredBefore;
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 429) return 'rate_limited';
  if (status === 400) return 'invalid_request';
  return 'internal';
}

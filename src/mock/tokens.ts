/**
 * The mock's tokens: host bearer tokens as the host platform signs them, and `user_token`s bound
 * to a room, checked as the Worker checks them, plus the fault injector's mass expiry.
 */
import { done, refusals, signToken, verifyToken, type Outcome, type TokenClaims } from '../backend/index.js';
import type { Faults } from './faults.js';

export interface Caller {
  userId: string;
  /** When the credential expires, in seconds since the epoch. */
  exp: number;
}

export class MockTokens {
  readonly #secret: string;
  readonly #now: () => number;
  readonly #faults: Faults;
  /** Token → issue time, so fault injection can expire tokens issued before a moment. */
  readonly #issued = new Map<string, number>();

  constructor(secret: string, now: () => number, faults: Faults) {
    this.#secret = secret;
    this.#now = now;
    this.#faults = faults;
  }

  async issue(claims: TokenClaims): Promise<string> {
    const token = await signToken(claims, this.#secret);
    this.#issued.set(token, this.#now());
    return token;
  }

  /**
   * Who a token names: a host token without `room`, a `user_token` for that room only (a
   * user_token is no host credential, and a host token opens no room).
   */
  async authenticate(token: string | null | undefined, room?: string): Promise<Outcome<Caller>> {
    if (!token) return refusals.signIn();
    const check = await verifyToken(token, this.#secret, this.#now());
    if (!check.ok) return check.reason === 'expired' ? refusals.tokenExpired() : refusals.invalidCredentials();
    const issuedAt = this.#issued.get(token);
    if (issuedAt !== undefined && this.#faults.isExpired(issuedAt)) return refusals.tokenExpired();
    if (check.claims.room !== room) return refusals.invalidCredentials();
    return done({ userId: check.claims.sub, exp: check.claims.exp });
  }
}

import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/client/index.js';
import { createSignIn, failureOf, signInRetries, signInRetryDelay } from '../../src/state/sign-in.js';
import type { AuthRefusal } from '../../src/state/index.js';
import { manualClock } from '../client/manual-clock.js';

/** A refused sign-in is retried on a bounded, jittered schedule unless the host takes over. */
describe('sign-in refusals', () => {
  it('wait 1 s doubling up to 30 s, each drawn from its upper half, six times and no more', () => {
    const longest = Array.from({ length: signInRetries }, (_, index) => signInRetryDelay(index + 1, () => 1));
    const shortest = Array.from({ length: signInRetries }, (_, index) => signInRetryDelay(index + 1, () => 0));
    expect(longest).to.deep.equal([1000, 2000, 4000, 8000, 16_000, 30_000]);
    expect(shortest).to.deep.equal([500, 1000, 2000, 4000, 8000, 15_000]);
    expect(signInRetryDelay(signInRetries + 1)).to.be.null;
  });

  it('are told apart from a refused enrolment', () => {
    expect(failureOf(new ApiError(401, 'unauthenticated', ''))).to.deep.equal({ kind: 'unauthenticated' });
    expect(failureOf(new ApiError(401, 'token_expired', ''))).to.deep.equal({ kind: 'unauthenticated' });
    expect(failureOf(new ApiError(403, 'not_enrolled', ''))).to.deep.equal({ kind: 'not_enrolled' });
    expect(failureOf(new ApiError(0, 'network', ''))).to.deep.equal({ kind: 'unavailable' });
  });

  it('tell the host each time, and wait for it when it declines the retry', () => {
    const clock = manualClock();
    const told: AuthRefusal[] = [];
    let restarts = 0;
    const signIn = createSignIn({
      onRefused: (refusal) => {
        told.push(refusal);
        return false;
      },
      restart: () => (restarts += 1),
      timers: clock.timers,
    });
    signIn.refused(new ApiError(401, 'unauthenticated', ''));
    signIn.refused(new ApiError(401, 'token_expired', ''));
    clock.advance(60_000);
    expect(restarts).to.equal(0);
    expect(told.map(({ reason, attempt }) => [reason, attempt])).to.deep.equal([
      ['unauthenticated', 1],
      ['token_expired', 2],
    ]);
    signIn.retryNow();
    expect(restarts).to.equal(1);
    signIn.refused(new ApiError(401, 'unauthenticated', ''));
    expect(told.at(-1)!.attempt).to.equal(1);
    signIn.stop();
  });

  it('retry by themselves on the schedule, and start it over once let in', () => {
    const clock = manualClock();
    let restarts = 0;
    const signIn = createSignIn({ restart: () => (restarts += 1), timers: clock.timers });
    signIn.refused(new ApiError(401, 'unauthenticated', ''));
    clock.advance(499);
    expect(restarts).to.equal(0);
    clock.advance(501);
    expect(restarts).to.equal(1);
    const told: AuthRefusal[] = [];
    const again = createSignIn({ onRefused: (refusal) => (told.push(refusal), false), restart: () => {} });
    again.refused(new ApiError(401, 'unauthenticated', ''));
    again.accepted();
    again.refused(new ApiError(401, 'unauthenticated', ''));
    expect(told.map((refusal) => refusal.attempt)).to.deep.equal([1, 1]);
    signIn.stop();
    again.stop();
  });

  it('hold whatever waits for a sign-in until a request is let in', async () => {
    const signIn = createSignIn({ onRefused: () => false, restart: () => {} });
    await signIn.admitted();
    signIn.refused(new ApiError(401, 'token_expired', ''));
    let through = false;
    const waiting = signIn.admitted().then(() => (through = true));
    await Promise.resolve();
    expect(through).to.be.false;
    expect(signIn.$awaitingSignIn.get()).to.be.true;
    signIn.accepted();
    await waiting;
    expect(signIn.$awaitingSignIn.get()).to.be.false;
  });
});

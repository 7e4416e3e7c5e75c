// The random policy's generator: xorshift32 over a state kept in VmState.policy, so a run with
// the same seed picks the same victims.
import type { PolicyState } from '../vm-state';

/** Advances the generator and returns the next value in [0, 2^32). Assumes a nonzero state. */
export function nextRandom(state: PolicyState): number {
  let x = state.rng;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.rng = x >>> 0;
  return state.rng;
}

/** Returns an integer in [0, n) for n > 0. */
export function randomBelow(state: PolicyState, n: number): number {
  return nextRandom(state) % n;
}

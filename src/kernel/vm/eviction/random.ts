// Random: a uniformly chosen evictable frame, from the seeded generator (deterministic per seed).
import type { ChooseVictim } from './policy';
import { randomBelow } from './prng';

/** A uniformly random evictable frame from the seeded generator. */
export const chooseRandom: ChooseVictim = (vm, evictable) => {
  const candidates = vm.frames.inUse().filter(evictable);
  if (candidates.length === 0) return undefined;
  return { frame: candidates[randomBelow(vm.policy, candidates.length)], handTravel: 0 };
};

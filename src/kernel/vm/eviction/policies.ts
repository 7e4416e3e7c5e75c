// The eviction policies by name.
import type { EvictionPolicyName } from '../vm-state';
import { chooseClock } from './clock';
import { chooseFifo } from './fifo';
import { chooseLru } from './lru';
import type { ChooseVictim } from './policy';
import { chooseRandom } from './random';

/** Victim choosers by policy name. */
export const POLICIES: Readonly<Record<EvictionPolicyName, ChooseVictim>> = {
  clock: chooseClock,
  fifo: chooseFifo,
  lru: chooseLru,
  random: chooseRandom,
};

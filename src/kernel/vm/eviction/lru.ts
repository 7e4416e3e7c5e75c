// LRU, exact to the kernel's observations. The kernel cannot see every access; it sees the A bits
// the MMU sets in the PTEs. An observation round (at every eviction, and at every timer tick when
// the process layer calls `observeAccessBits`) stamps each frame whose sharers' A bits are set with
// the round number and clears those bits. The victim is the evictable frame with the oldest stamp
// (ties: the one filled first). A newly filled frame carries the current round.
import type { FrameRecord } from '../frame-table';
import { clearFrameAccessed, frameAccessed } from '../frame-sharers';
import type { VmState } from '../vm-state';
import type { ChooseVictim } from './policy';

/** Runs one observation round over every frame in use. */
export function observeAccessBits(vm: VmState): void {
  const round = ++vm.policy.lruNow;
  for (const frame of vm.frames.inUse()) {
    if (frame.owners.length === 0 || !frameAccessed(vm, frame)) continue;
    frame.lastUse = round;
    clearFrameAccessed(vm, frame);
  }
}

/** Runs an observation round, then picks the evictable frame seen used longest ago. */
export const chooseLru: ChooseVictim = (vm, evictable) => {
  observeAccessBits(vm);
  let best: FrameRecord | undefined;
  for (const frame of vm.frames.inUse()) {
    if (!evictable(frame)) continue;
    if (best === undefined || frame.lastUse < best.lastUse || (frame.lastUse === best.lastUse && frame.loadedAt < best.loadedAt)) best = frame;
  }
  return best === undefined ? undefined : { frame: best, handTravel: 0 };
};

// Clock (second chance), the Pintos default: a hand sweeps the frames in index order; a frame
// whose page was accessed since the hand last passed (the A bit in the PTE of any sharer) has its
// A bits cleared and is spared; the first evictable frame found not accessed is the victim. The
// hand stops just past the victim. After one full sweep every A bit is clear, so two sweeps always
// find a victim if any frame is evictable.
import { clearFrameAccessed, frameAccessed } from '../frame-sharers';
import type { ChooseVictim } from './policy';

/** Second chance over the sharers' accessed bits; reports how far the hand moved. */
export const chooseClock: ChooseVictim = (vm, evictable) => {
  const n = vm.frames.capacity;
  let hand = vm.policy.clockHand % n;
  let travel = 0;
  for (let step = 0; step < 2 * n + 1; step++) {
    const frame = vm.frames.at(hand);
    hand = (hand + 1) % n;
    travel++;
    if (frame === undefined || !evictable(frame)) continue;
    if (frameAccessed(vm, frame)) {
      clearFrameAccessed(vm, frame);
      continue;
    }
    vm.policy.clockHand = hand;
    return { frame, handTravel: travel };
  }
  vm.policy.clockHand = hand;
  return undefined;
};

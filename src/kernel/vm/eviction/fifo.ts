// FIFO: the evictable frame filled longest ago (smallest allocation stamp), whatever its use.
import type { FrameRecord } from '../frame-table';
import type { ChooseVictim } from './policy';

/** The evictable frame with the smallest allocation stamp. */
export const chooseFifo: ChooseVictim = (vm, evictable) => {
  let best: FrameRecord | undefined;
  for (const frame of vm.frames.inUse()) {
    if (evictable(frame) && (best === undefined || frame.loadedAt < best.loadedAt)) best = frame;
  }
  return best === undefined ? undefined : { frame: best, handTravel: 0 };
};

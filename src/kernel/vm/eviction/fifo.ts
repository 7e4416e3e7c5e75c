// FIFO: the evictable frame filled longest ago (smallest allocation stamp), whatever its use. The
// frame table keeps its allocation order, so finding it does not scan every frame.
import type { ChooseVictim } from './policy';

/** The evictable frame with the smallest allocation stamp. */
export const chooseFifo: ChooseVictim = (vm, evictable) => {
  const frame = vm.frames.oldestWhere(evictable);
  return frame === undefined ? undefined : { frame, handTravel: 0 };
};

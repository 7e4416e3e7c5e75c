// The shape every eviction policy has: given the frame table and a test of which frames may be
// taken, pick a victim (or none). Policy state lives in VmState.policy as plain numbers.
import type { FrameRecord } from '../frame-table';
import type { VmState } from '../vm-state';

/** A policy's pick: the frame, and how many frames the clock hand moved over to find it (0 for others). */
export interface VictimChoice {
  frame: FrameRecord;
  handTravel: number;
}

/** Whether a frame may be evicted now (in use, not pinned, its content can be saved). */
export type EvictableTest = (frame: FrameRecord) => boolean;

/** Picks a victim among the frames passing `evictable`; undefined when none does. */
export type ChooseVictim = (vm: VmState, evictable: EvictableTest) => VictimChoice | undefined;

// When the invariant checker runs in full: after each VM operation the incremental check
// (incremental-invariants.ts) looks at what the operation touched, and a full check of everything
// (invariants.ts) runs instead whenever the incremental work done since the last full check has
// reached the full check's size (times FULL_CHECK_SHARE). Full checks thus cost, amortized, about
// as much as the incremental ones, whatever the size of memory; small states are always checked
// in full.
// The schedule counts work, not time: the same run checks at the same operations every time.
import { checkTouched } from './incremental-invariants';
import { checkInvariants } from './invariants';
import { clearTouchLog } from './touch-log';
import type { VmState } from './vm-state';

/** States up to this size (see fullCheckSize) are always checked in full. */
export const ALWAYS_FULL_SIZE = 128;

/** The work of scanning one page-table page (512 entries) for stray mappings, in units of one page checked. */
const TABLE_PAGE_WORK = 16;

/** A full check runs once the incremental work since the last one, times this, reaches the full check's size (higher: more often). */
const FULL_CHECK_SHARE = 1;

/**
 * Checks the state after an operation: in full when it is due (or when no touch log is kept),
 * otherwise what the operation touched. Empties the touch log. Returns every violation found.
 */
export function checkAfterOperation(vm: VmState): string[] {
  const log = vm.touched;
  if (log === undefined) return checkInvariants(vm);
  log.sinceFull += 1 + log.pages.length / 2 + log.frames.length + log.slots.length / 2;
  for (const id of log.spaces) log.sinceFull += vm.spaces.get(id)?.spt.size ?? 0;
  const size = fullCheckSize(vm);
  let out: string[];
  if (size <= ALWAYS_FULL_SIZE || log.sinceFull * FULL_CHECK_SHARE >= size) {
    out = checkInvariants(vm);
    log.sinceFull = 0;
  } else {
    out = checkTouched(vm, log);
  }
  clearTouchLog(log);
  return out;
}

/** The work of a full check, in units of one page checked: every SPT entry and page-table page, frame records and swap slots weighted by their cost. */
export function fullCheckSize(vm: VmState): number {
  let n = vm.frames.capacity / 4 + vm.swap.slotCount / 8;
  for (const space of vm.spaces.values()) n += space.spt.size + (1 + space.tablePages.length) * TABLE_PAGE_WORK;
  return n;
}

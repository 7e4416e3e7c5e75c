// What the VM operation in progress changed, for the incremental invariant checker: the pages,
// frames and swap slots it touched, and the address spaces it changed as a whole. Recorded only
// while the checker is on (VmState.touched is undefined otherwise, and every function here returns
// at once). Plain data (flat number arrays), emptied by each check.
import type { AddressSpace } from '../memory/address-space';

/** The objects touched since the last check, duplicates allowed. */
export interface TouchLog {
  /** pairs: address-space id, page address */
  pages: number[];
  frames: number[];
  /** pairs: slot, address of a page that uses or used it (sharers of a slot share their address) */
  slots: number[];
  /** ids of address spaces changed as a whole (segments added, fork): checked completely */
  spaces: number[];
  /** work of the incremental checks since the last full check (see invariant-schedule.ts) */
  sinceFull: number;
}

/** Where a log lives: VmState.touched. */
interface Logged {
  touched: TouchLog | undefined;
}

/** A new empty log. */
export function newTouchLog(): TouchLog {
  return { pages: [], frames: [], slots: [], spaces: [], sinceFull: 0 };
}

/** Empties `log` (the work counter is the scheduler's business and stays). */
export function clearTouchLog(log: TouchLog): void {
  log.pages.length = 0;
  log.frames.length = 0;
  log.slots.length = 0;
  log.spaces.length = 0;
}

/** Records that page `va` of `space` (its SPT entry, PTE or frame link) changed. */
export function touchPage(vm: Logged, space: AddressSpace, va: number): void {
  vm.touched?.pages.push(space.id, va);
}

/** Records that frame `index` (its record, owners or allocation) changed. */
export function touchFrame(vm: Logged, index: number): void {
  vm.touched?.frames.push(index);
}

/** Records that swap slot `slot` (its reference count or its users) changed; `va` is the address of a page using it. */
export function touchSlot(vm: Logged, slot: number, va: number): void {
  vm.touched?.slots.push(slot, va);
}

/** Records that `space` changed as a whole: the next check looks at every page of it. */
export function touchSpace(vm: Logged, space: AddressSpace): void {
  vm.touched?.spaces.push(space.id);
}

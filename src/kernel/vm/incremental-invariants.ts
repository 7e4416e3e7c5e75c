// The incremental invariant checker: the rules of invariants.ts applied only to what one VM
// operation touched (touch-log.ts) — the pages it changed (their SPT entry, PTE, frame link and
// swap slot), the frames it allocated, linked, unlinked or freed, the slots whose references
// changed, and whole address spaces for the operations that rebuild one (segments, fork). A swap
// slot's reference count is recounted over the pages at the touched addresses of every space
// (sharers of a slot share their address), and confirmed by a scan of every SPT before anything is
// reported, so a report is never wrong. Global sums (resident counts, slots in use, kernel pages,
// stray PTEs of untouched pages) are left to the full check that invariant-schedule.ts runs now
// and then.
import {
  checkFrame,
  checkKernelPages,
  checkPage,
  checkSpacePages,
  countSlotUsers,
  frameCountMismatch,
  missingSlot,
  slotCountMismatch,
  unbackedMapping,
  type SlotUse,
} from './invariants';
import type { TouchLog } from './touch-log';
import { leafBits, readLeaf } from './user-pte';
import type { VmState } from './vm-state';

/** Returns every inconsistency found among the objects `log` names; [] when they are consistent. */
export function checkTouched(vm: VmState, log: TouchLog): string[] {
  const out: string[] = [];
  const slotAddresses = new Map<number, Set<number>>();
  const noteSlot: SlotUse = (slot, va) => addTo(slotAddresses, slot, va);
  const whole = new Set(log.spaces);
  const kernelPages = new Set<number>();
  for (const id of whole) {
    const space = vm.spaces.get(id);
    if (space === undefined) continue;
    checkKernelPages(vm, space, out, kernelPages);
    checkSpacePages(vm, space, out, noteSlot);
  }
  for (const [id, addresses] of pairs(log.pages)) {
    const space = vm.spaces.get(id);
    if (space === undefined || whole.has(id)) continue;
    for (const va of addresses) {
      const page = space.spt.get(va);
      if (page !== undefined) {
        checkPage(vm, space, va, page, out, noteSlot);
        continue;
      }
      const pte = leafBits(readLeaf(vm, space, va));
      if (pte.present) out.push(unbackedMapping(space, va, pte.pa));
    }
  }
  for (const index of new Set(log.frames)) {
    const frame = vm.frames.at(index);
    if (frame !== undefined) checkFrame(vm, frame, out);
  }
  if (vm.frames.count !== vm.deps.userPool.inUse) out.push(frameCountMismatch(vm.frames.count, vm.deps.userPool.inUse));
  for (const [slot, addresses] of pairs(log.slots)) for (const va of addresses) addTo(slotAddresses, slot, va);
  for (const [slot, addresses] of slotAddresses) checkSlot(vm, slot, addresses, out);
  return out;
}

/** Checks the reference count of `slot` against the pages using it at `addresses` (confirmed over every SPT). */
function checkSlot(vm: VmState, slot: number, addresses: Set<number>, out: string[]): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= vm.swap.slotCount) {
    out.push(missingSlot(slot));
    return;
  }
  const refs = vm.swap.refs[slot];
  let users = 0;
  for (const va of addresses) for (const space of vm.spaces.values()) if (space.spt.get(va)?.slot === slot) users++;
  if (users === refs) return;
  const all = countSlotUsers(vm, slot);
  if (all !== refs) out.push(slotCountMismatch(slot, refs, all));
}

/** Groups a flat list of (key, value) pairs by key, values deduplicated. */
function pairs(flat: number[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let i = 0; i < flat.length; i += 2) addTo(out, flat[i], flat[i + 1]);
  return out;
}

function addTo(map: Map<number, Set<number>>, key: number, value: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

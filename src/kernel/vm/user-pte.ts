// Reading and editing the leaf PTEs of user pages in a space's real page tables (bytes in guest
// RAM). Every edit of the current space's tables is followed by invalidatePage, as the kernel would
// execute INVLPG; other spaces' translations are not cached (the TLB is flushed on setRoot).
import { walk } from '../../emu/memory/page-table';
import { PTE_A, PTE_D, PTE_P, PTE_U, PTE_W, makePte, pteAddress } from '../../emu/memory/pte';
import type { AddressSpace } from '../memory/address-space';
import type { VmState } from './vm-state';

/** True when `space` is the one the MMU translates with now. */
export function isCurrent(vm: VmState, space: AddressSpace): boolean {
  return vm.deps.mem.root === space.pml4;
}

/**
 * Returns the physical address of the leaf entry for `va` in `space`. When `create`, missing tables
 * are taken from the kernel pool and charged to the space; returns undefined when the pool is
 * empty (or, without `create`, when a table is missing).
 */
export function leafAddress(vm: VmState, space: AddressSpace, va: number, create: boolean): number | undefined {
  if (!create) return walk(vm.deps.phys, space.pml4, va, false);
  const pool = vm.deps.kernelPool;
  return walk(vm.deps.phys, space.pml4, va, true, () => {
    const page = pool.allocate();
    if (page !== undefined) space.tablePages.push(page);
    return page;
  });
}

/** Returns the leaf entry for `va` in `space`, 0n when no table covers it. */
export function readLeaf(vm: VmState, space: AddressSpace, va: number): bigint {
  const at = leafAddress(vm, space, va, false);
  return at === undefined ? 0n : vm.deps.phys.readU64(at);
}

/**
 * Maps `va` to the frame at `pa`, user-accessible, writable iff `writable`, with A and D clear.
 * Returns the physical address of the leaf entry, or undefined when a page-table page cannot be
 * allocated (nothing mapped).
 */
export function installLeaf(vm: VmState, space: AddressSpace, va: number, pa: number, writable: boolean): number | undefined {
  const at = leafAddress(vm, space, va, true);
  if (at === undefined) return undefined;
  vm.deps.phys.writeU64(at, makePte(pa, PTE_P | PTE_U | (writable ? PTE_W : 0n)));
  if (isCurrent(vm, space)) vm.deps.mem.invalidatePage(va);
  return at;
}

/** True when the low flag bits `bits` (PteBit values) are all set in the entry at `ptePa`. */
export function leafHas(vm: VmState, ptePa: number, bits: number): boolean {
  return (vm.deps.phys.view.getUint32(ptePa, true) & bits) === bits;
}

/**
 * Clears the low flag bits `bits` in the entry at `ptePa` (a leaf of `space` for page `va`), with
 * INVLPG when the space is current. Fast path for the eviction policies (no walk, no bigint).
 */
export function clearLeafBits(vm: VmState, space: AddressSpace, va: number, ptePa: number, bits: number): void {
  const low = vm.deps.phys.view.getUint32(ptePa, true);
  if ((low & bits) === 0) return;
  vm.deps.phys.writeU32(ptePa, low & ~bits);
  if (isCurrent(vm, space)) vm.deps.mem.invalidatePage(va);
}

/** Zeroes the leaf entry for `va` (not present); returns the entry it held (0n when none). */
export function clearLeaf(vm: VmState, space: AddressSpace, va: number): bigint {
  const at = leafAddress(vm, space, va, false);
  if (at === undefined) return 0n;
  const old = vm.deps.phys.readU64(at);
  if (old !== 0n) {
    vm.deps.phys.writeU64(at, 0n);
    if (isCurrent(vm, space)) vm.deps.mem.invalidatePage(va);
  }
  return old;
}

/** Sets `set` and clears `clear` in the present leaf entry for `va`; does nothing when not present. */
export function editLeaf(vm: VmState, space: AddressSpace, va: number, set: bigint, clear: bigint): void {
  const at = leafAddress(vm, space, va, false);
  if (at === undefined) return;
  const old = vm.deps.phys.readU64(at);
  if ((old & PTE_P) === 0n) return;
  const next = (old | set) & ~clear;
  if (next === old) return;
  vm.deps.phys.writeU64(at, next);
  if (isCurrent(vm, space)) vm.deps.mem.invalidatePage(va);
}

/** Decoded bits of a leaf entry that the VM cares about. */
export interface LeafBits {
  present: boolean;
  writable: boolean;
  user: boolean;
  accessed: boolean;
  dirty: boolean;
  pa: number;
}

/** Decodes a leaf entry. */
export function leafBits(pte: bigint): LeafBits {
  return {
    present: (pte & PTE_P) !== 0n,
    writable: (pte & PTE_W) !== 0n,
    user: (pte & PTE_U) !== 0n,
    accessed: (pte & PTE_A) !== 0n,
    dirty: (pte & PTE_D) !== 0n,
    pa: pteAddress(pte),
  };
}

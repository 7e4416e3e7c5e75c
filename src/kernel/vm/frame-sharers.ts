// A frame seen through all the pages sharing it: their accessed and dirty bits (in each sharer's
// own PTE), and linking or unlinking one page to or from a frame with its PTE and the resident
// counts kept in step.
import { PteBit } from '../../emu/memory/pte';
import type { AddressSpace } from '../memory/address-space';
import type { FrameRecord } from './frame-table';
import type { Page } from './page';
import { clearLeaf, clearLeafBits, installLeaf, leafBits, leafHas } from './user-pte';
import { touchFrame, touchPage } from './touch-log';
import { emit, spaceById, type VmState } from './vm-state';

/** True when the PTE of any page sharing `frame` has its accessed bit set. */
export function frameAccessed(vm: VmState, frame: FrameRecord): boolean {
  for (const o of frame.owners) if (leafHas(vm, o.pte, PteBit.A)) return true;
  return false;
}

/** Clears the accessed bit in the PTE of every page sharing `frame`. */
export function clearFrameAccessed(vm: VmState, frame: FrameRecord): void {
  for (const o of frame.owners) clearLeafBits(vm, spaceById(vm, o.space), o.va, o.pte, PteBit.A);
}

/** True when the frame's content may differ from its file: a harvested dirty mark or any sharer's D bit. */
export function frameDirty(vm: VmState, frame: FrameRecord): boolean {
  return frame.dirty || frame.owners.some((o) => leafHas(vm, o.pte, PteBit.D));
}

/** Marks `frame` clean after a write-back: clears the harvested mark and every sharer's D bit. */
export function markFrameClean(vm: VmState, frame: FrameRecord): void {
  frame.dirty = false;
  for (const o of frame.owners) clearLeafBits(vm, spaceById(vm, o.space), o.va, o.pte, PteBit.D);
}

/**
 * Makes `page` of `space` a sharer of `frame` and maps it, writable iff `writable`. Returns false
 * (nothing changed) when a page-table page cannot be allocated from the kernel pool.
 */
export function linkPage(vm: VmState, space: AddressSpace, page: Page, frame: FrameRecord, writable: boolean): boolean {
  const pte = installLeaf(vm, space, page.va, frame.pa, writable);
  if (pte === undefined) return false;
  frame.owners.push({ space: space.id, va: page.va, pte });
  page.frame = frame.index;
  touchPage(vm, space, page.va);
  touchFrame(vm, frame.index);
  space.resident++;
  if (space.resident > space.peakResident) space.peakResident = space.resident;
  vm.stats.noteResident(space.pid, space.resident, vm.deps.userPool.inUse);
  return true;
}

/**
 * Unmaps `page` of `space` from its frame: clears the PTE (its dirty bit is kept in the frame's
 * mark), drops the page from the owners and forgets the COW state. Returns the frame, which the
 * caller releases with `releaseIfUnused` when appropriate. Assumes the page has a frame.
 */
export function unlinkPage(vm: VmState, space: AddressSpace, page: Page): FrameRecord {
  const frame = vm.frames.get(page.frame as number);
  const old = clearLeaf(vm, space, page.va);
  if (leafBits(old).dirty) frame.dirty = true;
  if (!vm.frames.removeOwner(frame, space.id, page.va)) {
    throw new Error(`page 0x${page.va.toString(16)} of space ${space.id} is not an owner of frame ${frame.index}`);
  }
  page.frame = undefined;
  page.cow = false;
  touchPage(vm, space, page.va);
  touchFrame(vm, frame.index);
  space.resident--;
  vm.stats.noteResident(space.pid, space.resident, vm.deps.userPool.inUse);
  return frame;
}

/** Returns `frame` to the user pool when no page uses it and no operation pins it; emits 'frame-free'. True when released. */
export function releaseIfUnused(vm: VmState, frame: FrameRecord, pid: number, va: number): boolean {
  if (frame.owners.length !== 0 || frame.pins !== 0) return false;
  vm.frames.release(frame);
  touchFrame(vm, frame.index);
  emit(vm, pid, { kind: 'frame-free', frame: frame.index, page: va });
  return true;
}

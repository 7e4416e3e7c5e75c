// Destroying an address space (supplemental_page_table_kill + pml4_destroy): mappings unmapped
// with write-back, every page destroyed by its kind (swap references dropped), frames released
// when their last sharer goes, then page-table pages, bookkeeping pages and files returned.
// The teardown can pause at its events (a debugger stopping on a munmap at a process's exit sees
// the rest of the space still in place).
import type { AddressSpace } from '../memory/address-space';
import type { Steps } from '../steps';
import { releaseIfUnused, unlinkPage } from './frame-sharers';
import { munmap } from './mmap';
import { isCurrent } from './user-pte';
import { stopAsked, type VmState } from './vm-state';

/**
 * Releases everything `space` owns and forgets it. Emits 'munmap', 'write-back' and 'frame-free'
 * events, and pauses at each munmap or frame-free a debugger stops on (see steps.ts). If the
 * space was the MMU's current one the TLB is flushed; the caller activates another before running
 * user code. Throws when the space was already destroyed (a kernel bug).
 */
export function* destroySpace(vm: VmState, space: AddressSpace): Steps<void> {
  if (space.destroyed) throw new Error(`address space ${space.id} (pid ${space.pid}) destroyed twice`);
  for (const m of [...space.mappings]) {
    munmap(vm, space, m.addr);
    if (stopAsked(vm)) yield `releasing the address space: mapping at 0x${m.addr.toString(16)} removed`;
  }
  for (const page of space.spt.values()) {
    page.ops.destroy(vm, space, page);
    if (page.frame === undefined) continue;
    const frame = unlinkPage(vm, space, page);
    if (releaseIfUnused(vm, frame, space.pid, page.va) && stopAsked(vm)) yield `releasing the address space: frame ${frame.index} freed`;
  }
  space.spt.clear();
  const pool = vm.deps.kernelPool;
  for (const pa of space.tablePages) pool.free(pa);
  for (const pa of space.sptPages) pool.free(pa);
  pool.free(space.pml4);
  space.tablePages.length = 0;
  space.sptPages.length = 0;
  for (const f of space.files) f.own.close();
  space.files.length = 0;
  if (isCurrent(vm, space)) vm.deps.mem.flushTlb();
  space.destroyed = true;
  vm.spaces.delete(space.id);
}

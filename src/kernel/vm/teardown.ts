// Destroying an address space (supplemental_page_table_kill + pml4_destroy): mappings unmapped
// with write-back, every page destroyed by its kind (swap references dropped), frames released
// when their last sharer goes, then page-table pages, bookkeeping pages and files returned.
import type { AddressSpace } from '../memory/address-space';
import { releaseIfUnused, unlinkPage } from './frame-sharers';
import { munmap } from './mmap';
import { isCurrent } from './user-pte';
import type { VmState } from './vm-state';

/**
 * Releases everything `space` owns and forgets it. Emits 'munmap', 'write-back' and 'frame-free'
 * events. If the space was the MMU's current one the TLB is flushed; the caller activates another
 * before running user code. Throws when the space was already destroyed (a kernel bug).
 */
export function destroySpace(vm: VmState, space: AddressSpace): void {
  if (space.destroyed) throw new Error(`address space ${space.id} (pid ${space.pid}) destroyed twice`);
  for (const m of [...space.mappings]) munmap(vm, space, m.addr);
  for (const page of space.spt.values()) {
    page.ops.destroy(vm, space, page);
    if (page.frame !== undefined) releaseIfUnused(vm, unlinkPage(vm, space, page), space.pid, page.va);
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

// Copy-on-write fork (supplemental_page_table_copy): the child gets an SPT entry for every page of
// the parent. Resident pages share the parent's frame, read-only for both while the page is
// writable (marked COW); swapped-out pages share the parent's slot (one more reference); UNINIT and
// evicted FILE pages keep their initializer or backing. Files are reopened for the child: its own
// description of each executable and of each mmap'd file, so either process may exit first. The
// child inherits the mappings (same addresses; its own file; written back at its own munmap/exit).
import type { OpenFile } from '../filesys/file';
import { chargeSpt, type AddressSpace } from '../memory/address-space';
import { PTE_W } from '../../emu/memory/pte';
import { linkPage } from './frame-sharers';
import { copyPageForChild } from './page-factory';
import { touchSpace } from './touch-log';
import { editLeaf } from './user-pte';
import { emit, type VmState } from './vm-state';

/**
 * Makes empty `child` a copy-on-write copy of `parent`. Returns false when the kernel pool runs out
 * (page-table or bookkeeping pages); the child is then partly built (but consistent) and must be
 * destroyed, and the
 * parent stays valid (some of its pages may be marked COW with no other sharer, which a write
 * resolves by reuse). Emits 'cow-share' with the number of frames shared.
 */
export function forkSpace(vm: VmState, parent: AddressSpace, child: AddressSpace): boolean {
  touchSpace(vm, parent);
  touchSpace(vm, child);
  const files = new Map<OpenFile, OpenFile>();
  for (const f of parent.files) {
    const own = f.own.reopen();
    child.files.push({ source: f.source, own, name: f.name });
    files.set(f.own, own);
  }
  const mappingIds = new Map<number, number>();
  for (const m of parent.mappings) {
    const file = m.file.reopen();
    const id = vm.nextMappingId++;
    child.mappings.push({ ...m, id, file });
    files.set(m.file, file);
    mappingIds.set(m.id, id);
  }
  if (!chargeSpt(child, vm.deps.kernelPool, parent.spt.size)) return false;
  let shared = 0;
  for (const page of parent.spt.values()) {
    const copy = copyPageForChild(page, files, mappingIds);
    child.spt.set(copy.va, copy);
    if (page.frame !== undefined) {
      if (page.writable && !page.cow) {
        editLeaf(vm, parent, page.va, 0n, PTE_W);
        page.cow = true;
      }
      if (!linkPage(vm, child, copy, vm.frames.get(page.frame), false)) {
        child.spt.delete(copy.va);
        return false;
      }
      copy.cow = page.writable;
      shared++;
    } else if (page.slot !== undefined) {
      vm.swap.addRef(page.slot);
      copy.slot = page.slot;
    }
  }
  emit(vm, parent.pid, { kind: 'cow-share', pages: shared, childPid: child.pid });
  return true;
}

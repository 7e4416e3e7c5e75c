// mmap and munmap (PINTOS-ABI.md §6): lazy FILE pages over the mapping's own reopened file;
// every validity rule; dirty pages written back at munmap (and, through the same path, at exit).
import type { OpenFile } from '../filesys/file';
import { chargeSpt, trimSptCharge, type AddressSpace, type MmapRegion } from '../memory/address-space';
import { releaseIfUnused, unlinkPage } from './frame-sharers';
import { KERN_BASE, PAGE_SIZE, isUserAddress } from './layout';
import { newUninitPage } from './page-factory';
import { emit, type VmState } from './vm-state';

/** What mmap was asked for (the file is already the mapping's own reopened description). */
export interface MmapRequest {
  addr: number;
  length: number;
  writable: boolean;
  file: OpenFile;
  offset: number;
  fd: number;
  name: string;
}

/** The first rule of §6 that `req` breaks in `space`, or undefined when the mapping is allowed. */
export function mmapRefusal(space: AddressSpace, req: MmapRequest): string | undefined {
  const { addr, length, offset } = req;
  if (addr === 0) return 'address is 0';
  if (!isUserAddress(addr) || addr % PAGE_SIZE !== 0) return addr % PAGE_SIZE !== 0 ? 'address not page-aligned' : 'kernel address';
  if (!Number.isSafeInteger(length) || length <= 0) return 'length is 0';
  if (!Number.isSafeInteger(offset) || offset < 0 || offset % PAGE_SIZE !== 0) return 'offset not page-aligned';
  if (req.file.length === 0) return 'file is empty';
  const pageCount = Math.ceil(length / PAGE_SIZE);
  if (addr + pageCount * PAGE_SIZE > KERN_BASE) return 'range leaves user space';
  for (let i = 0; i < pageCount; i++) if (space.spt.has(addr + i * PAGE_SIZE)) return 'overlaps an existing page';
  return undefined;
}

/**
 * Maps `req` into `space` lazily. Returns the address, or 0 when a rule of §6 is broken or the
 * kernel pool cannot hold the SPT growth; on 0 the file has been closed. Emits 'mmap' on success.
 */
export function mmap(vm: VmState, space: AddressSpace, req: MmapRequest): number {
  const pool = vm.deps.kernelPool;
  const pageCount = Math.ceil(req.length / PAGE_SIZE);
  if (mmapRefusal(space, req) !== undefined || !chargeSpt(space, pool, space.spt.size + pageCount)) {
    trimSptCharge(space, pool);
    req.file.close();
    return 0;
  }
  const region: MmapRegion = {
    id: vm.nextMappingId++,
    addr: req.addr,
    length: req.length,
    pageCount,
    file: req.file,
    name: req.name,
    fd: req.fd,
    offset: req.offset,
    writable: req.writable,
  };
  const fileLength = req.file.length;
  for (let i = 0; i < pageCount; i++) {
    const offset = req.offset + i * PAGE_SIZE;
    const length = Math.max(0, Math.min(PAGE_SIZE, req.length - i * PAGE_SIZE, fileLength - offset));
    const span = { file: req.file, name: req.name, offset, length };
    space.spt.set(region.addr + i * PAGE_SIZE, newUninitPage(region.addr + i * PAGE_SIZE, 'file', [span], req.writable, 'mmap', region.id));
  }
  space.mappings.push(region);
  emit(vm, space.pid, { kind: 'mmap', addr: region.addr, length: region.length, fd: region.fd, offset: region.offset, writable: region.writable, file: region.name });
  return region.addr;
}

/**
 * Removes the mapping starting at `addr` (no effect for any other address): dirty resident pages
 * are written back, frames and SPT entries released, the mapping's file closed. Emits 'munmap'.
 */
export function munmap(vm: VmState, space: AddressSpace, addr: number): void {
  const at = space.mappings.findIndex((m) => m.addr === addr);
  if (at < 0) return;
  const region = space.mappings[at];
  let writtenBack = 0;
  for (let i = 0; i < region.pageCount; i++) {
    const va = region.addr + i * PAGE_SIZE;
    const page = space.spt.get(va);
    if (page === undefined || page.mapping !== region.id) continue;
    if (page.ops.destroy(vm, space, page)) writtenBack++;
    if (page.frame !== undefined) releaseIfUnused(vm, unlinkPage(vm, space, page), space.pid, va);
    space.spt.delete(va);
  }
  space.mappings.splice(at, 1);
  region.file.close();
  trimSptCharge(space, vm.deps.kernelPool);
  emit(vm, space.pid, { kind: 'munmap', addr: region.addr, length: region.length, pagesWrittenBack: writtenBack });
}

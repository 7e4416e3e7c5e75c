// Registering a program's image: executable segments (lazily loaded from the executable, then
// ANON) and the first stack page (claimed at once). A page shared by two segments (newer binutils
// put the headers segment and the code in one page) becomes one page with the union of both
// segments' rights, whose initializer copies both segments' file bytes.
import type { OpenFile } from '../filesys/file';
import { chargeSpt, sptPagesFor, trimSptCharge, type AddressSpace } from '../memory/address-space';
import type { FramePool } from '../memory/frame-pool';
import type { Steps } from '../steps';
import { KERNEL_COST } from '../threads/work-costs';
import { claimPage } from './claim';
import { KERN_BASE, PAGE_SIZE, USER_STACK, pageUp } from './layout';
import type { FileSpan, Page } from './page';
import { newStackPage, newUninitPage } from './page-factory';
import type { VmState } from './vm-state';

/** An executable segment as the loader registers it: page-aligned vaddr and offset. */
export interface SegmentSpec {
  vaddr: number;
  file: OpenFile;
  offset: number;
  readBytes: number;
  zeroBytes: number;
  writable: boolean;
  /** file name for views and events (default: the inode's sector) */
  name?: string;
}

/** The space's own description of `file` (reopened once per space and file). */
function backingFile(space: AddressSpace, file: OpenFile, name: string): OpenFile {
  const known = space.files.find((f) => f.source === file);
  if (known !== undefined) return known.own;
  const own = file.reopen();
  space.files.push({ source: file, own, name });
  return own;
}

/** True when `page` is an untouched executable-segment page (the only kind a segment may merge with). */
function isSegmentPage(page: Page): boolean {
  return page.ops.kind === 'uninit' && (page.region === 'code' || page.region === 'data' || page.region === 'bss');
}

/**
 * True when `pool` could hold the SPT bookkeeping of `space` grown to `entries` entries (the pages
 * already charged count). Looks at no page: the check that comes before any walk over a segment.
 */
function couldCharge(space: AddressSpace, pool: FramePool, entries: number): boolean {
  return sptPagesFor(entries) - space.sptPages.length <= pool.available;
}

/**
 * Adds the pages of segment `seg` to `space` as UNINIT pages becoming ANON. Returns false (adding
 * nothing) when the segment is misaligned or leaves user space, when it overlaps a page that is
 * not an untouched segment page, or when the kernel pool cannot hold the SPT growth. A segment
 * the pool could never hold is refused before any of its pages is looked at, and the work of
 * registering the others is charged to guest time per page, so the host work a load does stays
 * proportional to the guest time it costs.
 */
export function addSegment(vm: VmState, space: AddressSpace, seg: SegmentSpec): boolean {
  const { vaddr, offset, readBytes, zeroBytes, writable } = seg;
  if (vaddr % PAGE_SIZE !== 0 || offset % PAGE_SIZE !== 0 || readBytes < 0 || zeroBytes < 0 || vaddr < PAGE_SIZE) return false;
  const pageCount = pageUp(readBytes + zeroBytes) / PAGE_SIZE;
  if (vaddr + pageCount * PAGE_SIZE > KERN_BASE) return false;
  // The SPT ends with at least max(its size, pageCount) entries, whatever the overlap.
  const pool = vm.deps.kernelPool;
  if (!couldCharge(space, pool, Math.max(space.spt.size, pageCount))) return false;
  vm.deps.chargeWork?.(pageCount * KERNEL_COST.segmentPage);
  let fresh = 0;
  for (let i = 0; i < pageCount; i++) {
    const existing = space.spt.get(vaddr + i * PAGE_SIZE);
    if (existing === undefined) fresh++;
    else if (!isSegmentPage(existing)) return false;
  }
  if (!chargeSpt(space, pool, space.spt.size + fresh)) {
    trimSptCharge(space, pool);
    return false;
  }
  const name = seg.name ?? `inode ${seg.file.inode.sector}`;
  const own = backingFile(space, seg.file, name);
  for (let i = 0; i < pageCount; i++) {
    const va = vaddr + i * PAGE_SIZE;
    const length = Math.min(PAGE_SIZE, Math.max(0, readBytes - i * PAGE_SIZE));
    const spans: FileSpan[] = length > 0 ? [{ file: own, name, offset: offset + i * PAGE_SIZE, length }] : [];
    const existing = space.spt.get(va);
    if (existing === undefined) {
      space.spt.set(va, newUninitPage(va, 'anon', spans, writable, writable ? (length > 0 ? 'data' : 'bss') : 'code'));
      continue;
    }
    const lazy = existing.lazy as NonNullable<Page['lazy']>;
    lazy.spans.push(...spans);
    existing.writable ||= writable;
    existing.region = existing.writable ? (lazy.spans.length > 0 ? 'data' : 'bss') : 'code';
  }
  return true;
}

/**
 * Claims the first stack page [USER_STACK - 4096, USER_STACK) of `space` in a frame (zeroed, ANON,
 * marked stack). Returns false when it exists already or no frame or kernel page can be had.
 * Pauses at each event of the claim (an eviction) that a debugger stops on (see steps.ts).
 */
export function* setupStack(vm: VmState, space: AddressSpace): Steps<boolean> {
  const va = USER_STACK - PAGE_SIZE;
  if (space.spt.has(va)) return false;
  const pool = vm.deps.kernelPool;
  if (!chargeSpt(space, pool, space.spt.size + 1)) {
    trimSptCharge(space, pool);
    return false;
  }
  const page = newStackPage(va);
  space.spt.set(va, page);
  const r = yield* claimPage(vm, space, page);
  if (!r.ok) {
    space.spt.delete(va);
    trimSptCharge(space, pool);
    return false;
  }
  page.loadSeq = vm.deps.events.count;
  return true;
}

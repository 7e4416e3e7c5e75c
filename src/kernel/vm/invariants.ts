// The invariant checker: page tables, SPTs, the frame table and the swap map must agree. Returns
// every violation as a sentence naming the process, page, frame or slot; [] when consistent. Meant
// to run between VM operations (no half-done work). Reads only. The rules for one page, one frame
// and one slot are exported for the incremental checker (incremental-invariants.ts), which applies
// them to what an operation touched; checkInvariants applies them to everything.
import { enumerateMappings } from '../../emu/memory/page-table';
import { sptPagesFor, type AddressSpace } from '../memory/address-space';
import type { FrameRecord } from './frame-table';
import { hex } from './layout';
import type { Page } from './page';
import { leafAddress, leafBits, readLeaf } from './user-pte';
import type { VmState } from './vm-state';

/** Called with the slot of every page found holding one (and the page's address). */
export type SlotUse = (slot: number, va: number) => void;

/** Returns every inconsistency found in the VM state. */
export function checkInvariants(vm: VmState): string[] {
  const out: string[] = [];
  const slotRefs = new Uint32Array(vm.swap.slotCount);
  const missing = new Set<number>();
  const countSlot: SlotUse = (slot) => {
    if (Number.isInteger(slot) && slot >= 0 && slot < slotRefs.length) slotRefs[slot]++;
    else missing.add(slot);
  };
  const kernelPages = new Set<number>();
  for (const space of vm.spaces.values()) {
    checkKernelPages(vm, space, out, kernelPages);
    checkSpacePages(vm, space, out, countSlot);
  }
  checkFrames(vm, out);
  checkSwap(vm, out, slotRefs, missing);
  if (kernelPages.size > vm.deps.kernelPool.inUse) out.push(`address spaces hold ${kernelPages.size} kernel pages but only ${vm.deps.kernelPool.inUse} are allocated`);
  return out;
}

/** Checks the kernel pages charged to `space`: from the kernel pool, none charged twice (`seen` collects them across spaces). */
export function checkKernelPages(vm: VmState, space: AddressSpace, out: string[], seen: Set<number>): void {
  const who = `pid ${space.pid} (space ${space.id})`;
  for (const pa of [space.pml4, ...space.tablePages, ...space.sptPages]) {
    if (seen.has(pa)) out.push(`${who}: kernel page ${hex(pa)} is charged twice`);
    seen.add(pa);
    if (!vm.deps.kernelPool.contains(pa)) out.push(`${who}: kernel page ${hex(pa)} is not from the kernel pool`);
  }
  if (space.sptPages.length < sptPagesFor(space.spt.size)) out.push(`${who}: ${space.spt.size} SPT entries but only ${space.sptPages.length} bookkeeping pages charged`);
}

/** Checks every page of `space`, its resident count and that every present PTE has a resident page behind it. */
export function checkSpacePages(vm: VmState, space: AddressSpace, out: string[], slotUse: SlotUse): void {
  let resident = 0;
  for (const [va, page] of space.spt) if (checkPage(vm, space, va, page, out, slotUse)) resident++;
  if (resident !== space.resident) out.push(`pid ${space.pid} (space ${space.id}): ${resident} resident pages but the count says ${space.resident}`);
  for (const m of enumerateMappings(vm.deps.phys, space.pml4)) {
    const page = space.spt.get(m.va);
    if (page === undefined || page.frame === undefined) out.push(unbackedMapping(space, m.va, m.pa));
  }
}

/** The violation of a present PTE at `va` mapping `pa` with no resident SPT page behind it. */
export function unbackedMapping(space: AddressSpace, va: number, pa: number): string {
  return `pid ${space.pid} (space ${space.id}): PTE maps ${hex(va)} → ${hex(pa)} with no resident SPT page behind it`;
}

/**
 * Checks SPT entry `page` (key `va`) of `space` against its kind, its PTE and its frame; reports
 * its swap slot to `slotUse`. Returns true when the SPT says it is resident.
 */
export function checkPage(vm: VmState, space: AddressSpace, va: number, page: Page, out: string[], slotUse: SlotUse): boolean {
  // the label is built only when a violation is reported: this runs for every page on every full check
  const at = (): string => `pid ${space.pid} (space ${space.id}) page ${hex(va)}`;
  if (page.va !== va || va % 4096 !== 0) out.push(`${at()}: SPT key and page address ${hex(page.va)} differ or are unaligned`);
  const kind = page.ops.kind;
  if (kind === 'uninit' && (page.lazy === undefined || page.frame !== undefined || page.slot !== undefined)) out.push(`${at()}: UNINIT page with a frame or slot, or without initializer`);
  if (kind === 'file' && page.backing === undefined) out.push(`${at()}: FILE page without backing span`);
  if (page.slot !== undefined) {
    if (kind !== 'anon' || page.frame !== undefined) out.push(`${at()}: swap slot ${page.slot} on a ${kind} page${page.frame !== undefined ? ' that is also resident' : ''}`);
    slotUse(page.slot, va);
  }
  if (kind === 'anon' && page.frame === undefined && page.slot === undefined) out.push(`${at()}: ANON page neither resident nor in swap`);
  if (page.cow && (page.frame === undefined || !page.writable)) out.push(`${at()}: marked COW but not a resident writable page`);
  if (page.mapping !== undefined && !space.mappings.some((m) => m.id === page.mapping)) out.push(`${at()}: belongs to mapping ${page.mapping}, which does not exist`);
  const pte = leafBits(readLeaf(vm, space, va));
  if (page.frame === undefined) {
    if (pte.present) out.push(`${at()}: PTE present (frame ${hex(pte.pa)}) but the SPT says not resident`);
    return false;
  }
  const frame = vm.frames.at(page.frame);
  if (frame === undefined) {
    out.push(`${at()}: SPT says frame ${page.frame}, which is free`);
    return true;
  }
  const owner = frame.owners.find((o) => o.space === space.id && o.va === va);
  if (owner === undefined) out.push(`${at()}: frame ${frame.index} does not list it as an owner`);
  else if (owner.pte !== leafAddress(vm, space, va, false)) out.push(`${at()}: frame ${frame.index} records its PTE at ${hex(owner.pte)}, which is not where the tables put it`);
  if (!pte.present) out.push(`${at()}: resident in frame ${frame.index} but its PTE is not present`);
  else if (pte.pa !== frame.pa) out.push(`${at()}: PTE maps ${hex(pte.pa)} but the SPT says frame ${frame.index} (${hex(frame.pa)})`);
  else {
    if (!pte.user) out.push(`${at()}: PTE is not user-accessible`);
    const shouldWrite = page.writable && !page.cow;
    if (pte.writable !== shouldWrite) out.push(`${at()}: PTE ${pte.writable ? 'writable' : 'read-only'} but the page is ${page.writable ? (page.cow ? 'copy-on-write' : 'writable') : 'read-only'}`);
  }
  return true;
}

function checkFrames(vm: VmState, out: string[]): void {
  const inUse = vm.frames.inUse();
  if (inUse.length !== vm.deps.userPool.inUse) out.push(frameCountMismatch(inUse.length, vm.deps.userPool.inUse));
  for (const frame of inUse) checkFrame(vm, frame, out);
}

/** The violation of a frame table holding `records` frames while the user pool has `allocated` out. */
export function frameCountMismatch(records: number, allocated: number): string {
  return `${records} frames in the frame table but ${allocated} allocated from the user pool`;
}

/** Checks that frame `frame` in use has owners, each mapping it in its SPT, all of one kind, and none writable when shared. */
export function checkFrame(vm: VmState, frame: FrameRecord, out: string[]): void {
  const at = (): string => `frame ${frame.index}`;
  if (frame.owners.length === 0) out.push(`${at()}: in use with no owner`);
  const kinds = new Set<string>();
  for (const o of frame.owners) {
    const space = vm.spaces.get(o.space);
    if (space === undefined) {
      out.push(`${at()}: owned by page ${hex(o.va)} of destroyed space ${o.space}`);
      continue;
    }
    const page = space.spt.get(o.va);
    if (page === undefined || page.frame !== frame.index) {
      out.push(`${at()}: owner pid ${space.pid} page ${hex(o.va)} does not map it in its SPT`);
      continue;
    }
    kinds.add(page.ops.kind);
    if (frame.owners.length > 1 && page.writable && !page.cow) out.push(`${at()}: shared by ${frame.owners.length} pages but pid ${space.pid} page ${hex(o.va)} is writable`);
  }
  if (kinds.size > 1) out.push(`${at()}: shared by pages of different kinds (${[...kinds].join(', ')})`);
}

/** Checks every slot's reference count against `slotRefs` (pages using each slot) and reports the slots in `missing`, which pages use but the disk does not have. */
function checkSwap(vm: VmState, out: string[], slotRefs: Uint32Array, missing: Set<number>): void {
  let used = 0;
  const refsOf = vm.swap.refs;
  for (let slot = 0; slot < refsOf.length; slot++) {
    const refs = refsOf[slot];
    if (refs !== 0) used++;
    if (refs !== slotRefs[slot]) out.push(slotCountMismatch(slot, refs, slotRefs[slot]));
  }
  for (const slot of missing) out.push(missingSlot(slot));
  if (used !== vm.swap.usedCount) out.push(`${used} swap slots referenced but the map counts ${vm.swap.usedCount} used`);
}

/** The violation of slot `slot` counting `refs` references while `pages` pages use it. */
export function slotCountMismatch(slot: number, refs: number, pages: number): string {
  return `swap slot ${slot}: reference count ${refs} but ${pages} pages use it`;
}

/** The violation of a page using slot `slot`, which the swap disk does not have. */
export function missingSlot(slot: number): string {
  return `swap slot ${slot} used by a page does not exist`;
}

/** How many pages of all live spaces use slot `slot` (a scan of every SPT). */
export function countSlotUsers(vm: VmState, slot: number): number {
  let n = 0;
  for (const space of vm.spaces.values()) for (const page of space.spt.values()) if (page.slot === slot) n++;
  return n;
}

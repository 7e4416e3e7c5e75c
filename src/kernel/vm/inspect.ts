// Read-only JSON snapshots of the VM state for the debugger's views and the CLI: a process's SPT,
// its page tables (walked from the real table bytes), the frame table and the swap map. No side
// effects: nothing here sets or clears an A/D bit or touches the TLB.
import { describeWalk, enumerateMappings } from '../../emu/memory/page-table';
import { formatPteFlags } from '../../emu/memory/pte';
import type { AddressSpace } from '../memory/address-space';
import { pageDown } from './layout';
import type { Page, Region } from './page';
import { leafBits, readLeaf } from './user-pte';
import type { VmState } from './vm-state';

/** One SPT entry as the views show it. */
export interface SptEntryInfo {
  va: number;
  kind: 'uninit' | 'anon' | 'file';
  /** what an UNINIT page becomes */
  target?: 'anon' | 'file';
  region: Region;
  writable: boolean;
  state: 'not-loaded' | 'in-frame' | 'in-swap' | 'file-backed';
  frame?: number;
  swapSlot?: number;
  /** from the PTE */
  accessed: boolean;
  dirty: boolean;
  /** the PTE is read-only because the frame is shared copy-on-write */
  cow: boolean;
  /** pages sharing its frame (or its swap slot); 1 when private, 0 when neither */
  cowShares: number;
  file?: string;
  fileOffset?: number;
  /** bytes of the page that come from the file */
  fileBytes?: number;
  /** start address of the mmap it belongs to */
  mapping?: number;
  /** seq of the event that last brought it into a frame */
  loadSeq?: number;
}

/** Returns the SPT of `space`, by increasing address. */
export function inspectSpt(vm: VmState, space: AddressSpace): SptEntryInfo[] {
  return [...space.spt.values()].sort((a, b) => a.va - b.va).map((page) => sptEntryInfo(vm, space, page));
}

/** Returns the SPT entry of the page holding `va` in `space`, or undefined when it has none. */
export function inspectSptEntry(vm: VmState, space: AddressSpace, va: number): SptEntryInfo | undefined {
  const page = space.spt.get(pageDown(va));
  return page === undefined ? undefined : sptEntryInfo(vm, space, page);
}

/** `page` of `space` as the views show it. */
function sptEntryInfo(vm: VmState, space: AddressSpace, page: Page): SptEntryInfo {
  const pte = leafBits(readLeaf(vm, space, page.va));
  const kind = page.ops.kind;
  const span = page.backing ?? page.lazy?.spans[0];
  const state = page.frame !== undefined ? 'in-frame' : page.slot !== undefined ? 'in-swap' : kind === 'file' ? 'file-backed' : 'not-loaded';
  const shares = page.frame !== undefined ? (vm.frames.at(page.frame)?.owners.length ?? 0) : page.slot !== undefined ? vm.swap.refs[page.slot] : 0;
  const info: SptEntryInfo = {
    va: page.va,
    kind,
    region: page.region,
    writable: page.writable,
    state,
    accessed: pte.present && pte.accessed,
    dirty: pte.present && pte.dirty,
    cow: page.cow,
    cowShares: shares,
  };
  if (page.lazy !== undefined) info.target = page.lazy.target;
  if (page.frame !== undefined) info.frame = page.frame;
  if (page.slot !== undefined) info.swapSlot = page.slot;
  if (span !== undefined) {
    info.file = span.name;
    info.fileOffset = span.offset;
    info.fileBytes = page.lazy !== undefined ? page.lazy.spans.reduce((n, s) => n + s.length, 0) : span.length;
  }
  const mapping = space.mappings.find((m) => m.id === page.mapping);
  if (mapping !== undefined) info.mapping = mapping.addr;
  if (page.loadSeq !== undefined) info.loadSeq = page.loadSeq;
  return info;
}

/** One present user mapping of a page table, JSON-able. */
export interface PteInfo {
  va: number;
  pa: number;
  /** user-pool frame index, when the frame is a user frame */
  frame?: number;
  /** physical address of the leaf entry and its value as hex */
  entryPa: number;
  entry: string;
  /** flag letters, e.g. "- - - D A - - U W P" */
  flags: string;
  writable: boolean;
  accessed: boolean;
  dirty: boolean;
}

/** A space's page tables: the table pages and every present user mapping. */
export interface PageTableInfo {
  pid: number;
  pml4: number;
  /** PDPT/PD/PT pages in allocation order */
  tablePages: number[];
  mappings: PteInfo[];
}

/** Returns the present user mappings of `space`, read from its page-table bytes. */
export function inspectPageTables(vm: VmState, space: AddressSpace): PageTableInfo {
  const pool = vm.deps.userPool;
  const mappings = enumerateMappings(vm.deps.phys, space.pml4).map((m) => {
    const info: PteInfo = {
      va: m.va,
      pa: m.pa,
      entryPa: m.entryPa,
      entry: `0x${m.entry.toString(16).padStart(16, '0')}`,
      flags: formatPteFlags(m.entry),
      writable: m.writable,
      accessed: m.accessed,
      dirty: m.dirty,
    };
    if (pool.contains(m.pa)) info.frame = pool.indexOf(m.pa);
    return info;
  });
  return { pid: space.pid, pml4: space.pml4, tablePages: [...space.tablePages], mappings };
}

/** One level of a described walk, JSON-able. */
export interface WalkLevelInfo {
  level: number;
  name: string;
  index: number;
  tablePa: number;
  entryPa: number;
  entry: string;
  flags: string;
}

/** Returns the walk of `va` through `space`'s tables, level by level. */
export function inspectWalk(vm: VmState, space: AddressSpace, va: number): { va: number; outcome: string; pa?: number; levels: WalkLevelInfo[] } {
  const w = describeWalk(vm.deps.phys, space.pml4, va);
  const levels = w.levels.map((l) => ({
    level: l.level,
    name: l.name,
    index: l.index,
    tablePa: l.tablePa,
    entryPa: l.entryPa,
    entry: `0x${l.entry.toString(16).padStart(16, '0')}`,
    flags: formatPteFlags(l.entry),
  }));
  return w.pa === undefined ? { va, outcome: w.outcome, levels } : { va, outcome: w.outcome, pa: w.pa, levels };
}

/** One frame in use with its sharers. */
export interface FrameInfo {
  index: number;
  pa: number;
  owners: { pid: number; page: number }[];
  kind: string;
  /** any sharer's PTE accessed / dirty bit, or the harvested dirty mark */
  accessed: boolean;
  dirty: boolean;
  pinned: boolean;
  loadedAt: number;
  lastUse: number;
}

/** The frame table as the views show it. */
export interface FrameTableInfo {
  policy: string;
  /** frames in the user pool; those not listed are free */
  capacity: number;
  used: number;
  clockHand: number;
  /** frames in use, by increasing index */
  frames: FrameInfo[];
}

/** Returns the frames in use with their sharers and bits. */
export function inspectFrames(vm: VmState): FrameTableInfo {
  const frames = vm.frames.inUse().map((f) => {
    let accessed = false;
    let dirty = f.dirty;
    let kind = 'none';
    const owners = f.owners.map((o) => {
      const space = vm.spaces.get(o.space);
      if (space !== undefined) {
        const bits = leafBits(readLeaf(vm, space, o.va));
        accessed ||= bits.accessed;
        dirty ||= bits.dirty;
        kind = space.spt.get(o.va)?.ops.kind ?? kind;
      }
      return { pid: space?.pid ?? -1, page: o.va };
    });
    return { index: f.index, pa: f.pa, owners, kind, accessed, dirty, pinned: f.pins > 0, loadedAt: f.loadedAt, lastUse: f.lastUse };
  });
  return { policy: vm.deps.policy, capacity: vm.frames.capacity, used: frames.length, clockHand: vm.policy.clockHand, frames };
}

/** The swap map as the views show it. */
export interface SwapInfo {
  slotCount: number;
  usedSlots: number;
  /** the used slots, by increasing number, with the pages stored there */
  used: { slot: number; refs: number; owners: { pid: number; page: number }[] }[];
}

/** Returns the swap map with the pages stored in each used slot. */
export function inspectSwap(vm: VmState): SwapInfo {
  const owners = new Map<number, { pid: number; page: number }[]>();
  for (const space of vm.spaces.values()) {
    for (const page of space.spt.values()) {
      if (page.slot === undefined) continue;
      const list = owners.get(page.slot) ?? [];
      list.push({ pid: space.pid, page: page.va });
      owners.set(page.slot, list);
    }
  }
  const used: SwapInfo['used'] = [];
  for (let slot = 0; slot < vm.swap.slotCount; slot++) {
    if (vm.swap.refs[slot] !== 0) used.push({ slot, refs: vm.swap.refs[slot], owners: owners.get(slot) ?? [] });
  }
  return { slotCount: vm.swap.slotCount, usedSlots: vm.swap.usedCount, used };
}

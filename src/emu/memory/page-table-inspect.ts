// Read-only views of page tables in guest RAM, for the debugger's page-table walk view and for
// invariant checks: one walk described level by level, and every present leaf mapping. Neither
// sets A/D bits nor consults a TLB: they show what the bytes say.

import { PAGE_SIZE, PhysicalMemory } from './physical-memory';
import { LEVEL_NAMES, PteFlags, decodePteFlags, levelSpan, pteAddress, tableIndex } from './pte';

/** One level of a described walk. */
export interface WalkLevel {
  /** 4 = PML4, 3 = PDPT, 2 = PD, 1 = PT */
  readonly level: number;
  readonly name: string;
  /** index of the entry in its table (0..511) */
  readonly index: number;
  /** physical address of the table */
  readonly tablePa: number;
  /** physical address of the entry */
  readonly entryPa: number;
  /** raw 64-bit entry */
  readonly entry: bigint;
  readonly flags: PteFlags;
  /** true when this entry maps the page (PT level, or PS at PD/PDPT) */
  readonly leaf: boolean;
}

/** The result of `describeWalk`. */
export interface WalkDescription {
  readonly va: number;
  readonly levels: readonly WalkLevel[];
  /** mapped; not-present at the last level listed; reserved (PS in a PML4 entry); outside-ram
   *  (an entry points at a table beyond the end of RAM) */
  readonly outcome: 'mapped' | 'not-present' | 'reserved' | 'outside-ram';
  /** physical address of va when mapped */
  readonly pa?: number;
  /** bytes covered by the leaf entry when mapped: 4096, 2 MiB or 1 GiB */
  readonly pageSize?: number;
  /** effective rights when mapped: W and U must be set at every level, NX at any level forbids fetch */
  readonly writable?: boolean;
  readonly user?: boolean;
  readonly noExecute?: boolean;
}

/**
 * Returns the walk of `va` through the tables at `pml4`: each level's index, entry address, raw
 * entry and flags, and the outcome. Has no side effects. Assumes 0 <= va < 2^48.
 */
export function describeWalk(mem: PhysicalMemory, pml4: number, va: number): WalkDescription {
  const levels: WalkLevel[] = [];
  let table = pml4;
  let writable = true;
  let user = true;
  let noExecute = false;
  for (let level = 4; level >= 1; level--) {
    if (table < 0 || table + PAGE_SIZE > mem.size) return { va, levels, outcome: 'outside-ram' };
    const index = tableIndex(va, level);
    const entryPa = table + index * 8;
    const entry = mem.readU64(entryPa);
    const flags = decodePteFlags(entry);
    const leaf = level === 1 || (flags.present && flags.pageSize && level < 4);
    levels.push({ level, name: LEVEL_NAMES[level], index, tablePa: table, entryPa, entry, flags, leaf });
    if (!flags.present) return { va, levels, outcome: 'not-present' };
    if (level === 4 && flags.pageSize) return { va, levels, outcome: 'reserved' };
    writable &&= flags.writable;
    user &&= flags.user;
    noExecute ||= flags.noExecute;
    const addr = pteAddress(entry);
    if (leaf) {
      const span = levelSpan(level);
      const pa = addr - (addr % span) + (va % span);
      return { va, levels, outcome: 'mapped', pa, pageSize: span, writable, user, noExecute };
    }
    table = addr;
  }
  return { va, levels, outcome: 'not-present' };
}

/** One present leaf mapping found by `enumerateMappings`. */
export interface Mapping {
  /** virtual base address of the page */
  readonly va: number;
  /** physical base address of the page */
  readonly pa: number;
  /** 4096, 2 MiB or 1 GiB */
  readonly pageSize: number;
  /** physical address of the leaf entry, and its raw value */
  readonly entryPa: number;
  readonly entry: bigint;
  /** effective rights across all levels */
  readonly writable: boolean;
  readonly user: boolean;
  readonly noExecute: boolean;
  /** the leaf entry's A and D bits */
  readonly accessed: boolean;
  readonly dirty: boolean;
}

/** Options of `enumerateMappings`. */
export interface EnumerateOptions {
  /** also list pages that user code cannot access (default: user pages only) */
  readonly includeSupervisor?: boolean;
}

/**
 * Returns every present leaf mapping of the lower half of the address space (va < 2^47) in the
 * tables at `pml4`, in increasing va order, by reading the table bytes. By default only user
 * mappings (U at every level). Tables that point outside RAM are skipped. Has no side effects.
 */
export function enumerateMappings(mem: PhysicalMemory, pml4: number, options: EnumerateOptions = {}): Mapping[] {
  const out: Mapping[] = [];
  const includeSupervisor = options.includeSupervisor === true;
  const visit = (table: number, level: number, vaBase: number, writable: boolean, user: boolean, nx: boolean) => {
    if (table < 0 || table + PAGE_SIZE > mem.size) return;
    const count = level === 4 ? 256 : 512;
    for (let index = 0; index < count; index++) {
      const entryPa = table + index * 8;
      if ((mem.view.getUint32(entryPa, true) & 1) === 0) continue;
      const entry = mem.readU64(entryPa);
      const flags = decodePteFlags(entry);
      const w = writable && flags.writable;
      const u = user && flags.user;
      const x = nx || flags.noExecute;
      if (!u && !includeSupervisor) continue;
      const span = levelSpan(level);
      const va = vaBase + index * span;
      const leaf = level === 1 || (flags.pageSize && level < 4);
      if (level === 4 && flags.pageSize) continue;
      if (leaf) {
        const addr = pteAddress(entry);
        out.push({
          va,
          pa: addr - (addr % span),
          pageSize: span,
          entryPa,
          entry,
          writable: w,
          user: u,
          noExecute: x,
          accessed: flags.accessed,
          dirty: flags.dirty,
        });
      } else {
        visit(pteAddress(entry), level - 1, va, w, u, x);
      }
    }
  };
  visit(pml4, 4, 0, true, true, false);
  return out;
}

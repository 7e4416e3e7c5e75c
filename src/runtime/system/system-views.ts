// The VM views of a booted kernel, filled from what it holds: the page tables from the hardware
// tables of each thread's `pml4`, the supplemental page table and the frame table from the
// kernel's own structures read through its DWARF (src/guestos/). What cannot be found is said in
// a UserFacingError naming it, never guessed.
import { enumerateMappings, describeWalk } from '../../emu/memory/page-table-inspect';
import { formatPteFlags } from '../../emu/memory/pte';
import type { PcMachine } from '../../emu/pc/pc-machine';
import { readFrameList } from '../../guestos/frame-list-reader';
import { readU64, type GuestMemory } from '../../guestos/guest-memory';
import { readSupplementalPageTable, type GuestPage } from '../../guestos/spt-reader';
import type { StructIndex } from '../../guestos/struct-index';
import type { GuestThread } from '../../guestos/thread-reader';
import type { CustomRequestArgs } from '../../shared/custom-requests';
import type { KernelStructureNames } from '../../shared/launch';
import type { FrameTableView, PageTablesView, PageWalkView, ProcessView, SptEntryView, SwapView } from '../../shared/vm-views';
import { readSwapBitmap } from '../../guestos/swap-bitmap-reader';
import { UserFacingError } from '../contract';
import { KERN_BASE } from './system-programs';
import type { DebugInfo } from '../../debuginfo/debug-info';

const hex = (n: number) => `0x${n.toString(16)}`;
const PAGE = 4096;

/** The views of one stopped PC. */
export class SystemViews {
  constructor(
    private readonly pc: PcMachine,
    private readonly kernel: DebugInfo,
    private readonly types: StructIndex,
    private readonly mem: GuestMemory,
    /** the threads known at this stop (the running one first) */
    private readonly threads: () => GuestThread[],
    /** names the launch gave for structures not found by type */
    private readonly names: KernelStructureNames = {},
  ) {}

  /** One "process" per thread that has its own page table. */
  processes(): ProcessView[] {
    return this.threads().map((t, i) => {
      const root = this.rootOf(t);
      const resident = root === undefined ? 0 : enumerateMappings(this.pc.memory.phys, root).length;
      return { pid: t.tid, name: t.name ?? t.label, state: i === 0 ? 'stopped' : 'ready', parentPid: 0, children: [], residentPages: resident, pageFaults: 0, program: t.name ?? '' };
    });
  }

  /** The supplemental page table of thread `tid`, with each page's hardware mapping. */
  spt(args: CustomRequestArgs<'pintos/spt'>): { pid: number; entries: SptEntryView[] } {
    const t = this.thread(args.pid);
    if (t.address === undefined) throw new UserFacingError(`thread ${t.tid} has no struct thread yet`);
    const read = readSupplementalPageTable(this.types, this.mem, t.address, this.names);
    if (!read.ok) throw new UserFacingError(`the supplemental page table cannot be read: it needs ${read.missing} (name members with the launch attribute structureNames: sptHash, pageHashElem)`);
    const root = this.rootOf(t);
    return { pid: t.tid, entries: read.pages.sort((a, b) => a.va - b.va).map((p) => this.entryOf(p, root)) };
  }

  /** The present user mappings of thread `tid`'s page table. */
  pageTables(args: CustomRequestArgs<'pintos/pageTables'>): PageTablesView {
    const t = this.thread(args.pid);
    const root = this.rootOf(t);
    if (root === undefined) throw new UserFacingError(`thread ${t.tid} has no page table of its own`);
    const mappings = enumerateMappings(this.pc.memory.phys, root).map((m) => ({
      va: m.va, pa: m.pa, frame: m.pa / PAGE, entryPa: m.entryPa, entry: `0x${m.entry.toString(16).padStart(16, '0')}`,
      flags: formatPteFlags(m.entry), writable: m.writable, accessed: m.accessed, dirty: m.dirty,
    }));
    return { pid: t.tid, pml4: root, tablePages: [], mappings };
  }

  /** The walk of `va` through thread `tid`'s page table. */
  pageWalk(args: CustomRequestArgs<'pintos/pageWalk'>): PageWalkView {
    if (!Number.isSafeInteger(args.va) || args.va < 0 || args.va >= 2 ** 48) throw new UserFacingError(`va must be an address below 2^48, got ${String(args.va)}`);
    const t = this.thread(args.pid);
    const root = this.rootOf(t) ?? this.pc.memory.root;
    const w = describeWalk(this.pc.memory.phys, root, args.va);
    const levels = w.levels.map((l) => ({
      level: l.level, name: l.name, index: l.index, tablePa: l.tablePa, entryPa: l.entryPa,
      entry: `0x${l.entry.toString(16).padStart(16, '0')}`, flags: formatPteFlags(l.entry),
    }));
    return w.pa === undefined ? { va: args.va, outcome: w.outcome, levels } : { va: args.va, outcome: w.outcome, pa: w.pa, levels };
  }

  /** The kernel's frame table (its global list of struct frame), frames numbered by physical page. */
  frames(): FrameTableView {
    const read = readFrameList(this.kernel, this.types, this.mem, this.names.frameTable);
    if (!read.ok) throw new UserFacingError(`the frame table cannot be read: it needs ${read.missing} (name the global with the launch attribute structureNames.frameTable)`);
    const owner = this.threads()[0];
    const frames = read.frames.map((f) => {
      const pa = f.kva !== undefined && f.kva >= KERN_BASE ? f.kva - KERN_BASE : 0;
      return { index: pa / PAGE, pa, owners: f.va !== undefined ? [{ pid: owner?.tid ?? 0, page: f.va }] : [], kind: 'frame', accessed: false, dirty: false, pinned: false, loadedAt: 0, lastUse: 0 };
    });
    return { policy: `the kernel's ${read.global}`, capacity: this.pc.memory.phys.size / PAGE, used: frames.length, clockHand: -1, frames };
  }

  /** The kernel's swap-slot map (its global swap bitmap). */
  swap(): SwapView {
    const read = readSwapBitmap(this.kernel, this.types, this.mem, this.names.swapTable);
    if (!read.ok) throw new UserFacingError(`the swap map cannot be read: it needs ${read.missing} (name the global with the launch attribute structureNames.swapTable)`);
    return { slotCount: read.slotCount, usedSlots: read.used.length, used: read.used.map((slot) => ({ slot, refs: 1, owners: [] })) };
  }

  /** The thread `tid` among those known, or a UserFacingError listing them. */
  private thread(tid: number): GuestThread {
    const all = this.threads();
    const t = all.find((x) => x.tid === tid);
    if (!t) throw new UserFacingError(`no thread ${String(tid)}; threads: ${all.map((x) => x.tid).join(', ') || 'none'}`);
    return t;
  }

  /** The physical address of thread `t`'s PML4 (its `pml4` member), or undefined when it has none. */
  private rootOf(t: GuestThread): number | undefined {
    const member = this.types.struct('thread')?.members.find((m) => m.name === 'pml4');
    if (t.address === undefined || member === undefined) return undefined;
    try {
      const kva = readU64(this.mem, t.address + member.offset, 'pml4');
      return kva >= KERN_BASE ? kva - KERN_BASE : undefined;
    } catch {
      return undefined;
    }
  }

  private entryOf(p: GuestPage, root: number | undefined): SptEntryView {
    const walk = root === undefined ? undefined : describeWalk(this.pc.memory.phys, root, p.va);
    const leaf = walk?.outcome === 'mapped' ? walk.levels[walk.levels.length - 1] : undefined;
    const kind = p.kind === 'file' || p.kind === 'anon' ? p.kind : 'uninit';
    const view: SptEntryView = {
      va: p.va,
      kind,
      region: `struct page at ${hex(p.address)}`,
      writable: walk?.writable ?? false,
      state: p.frame !== undefined ? 'in-frame' : kind === 'uninit' ? 'not-loaded' : 'in-swap',
      accessed: leaf?.flags.accessed ?? false,
      dirty: leaf?.flags.dirty ?? false,
      cow: false,
      guestKind: p.kind,
    };
    if (walk?.pa !== undefined) view.frame = Math.floor(walk.pa / PAGE);
    if (p.frame !== undefined) view.structFrame = hex(p.frame);
    if (p.kva !== undefined) view.kva = hex(p.kva);
    return view;
  }
}

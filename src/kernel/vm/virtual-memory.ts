// The VM subsystem's face to the process layer: address spaces, segments, the stack, page faults,
// fork, mmap/munmap, teardown, `int 0x42`, and read-only inspection. Each operation is delegated to
// the file holding its idea; this class only sequences them and runs the invariant checker after
// every operation that changed something (when VmDeps.checkInvariants is set): incrementally, on
// what the operation touched, with a full check now and then (invariant-schedule.ts).
import type { OpenFile } from '../filesys/file';
import { kernelPagesCharged, newAddressSpace, type AddressSpace } from '../memory/address-space';
import { finish, type Steps } from '../steps';
import { destroySpace } from './teardown';
import { observeAccessBits } from './eviction/lru';
import { handleFault, type FaultInfo } from './fault-handler';
import { forkSpace } from './fork';
import { checkAfterOperation } from './invariant-schedule';
import { checkInvariants } from './invariants';
import {
  inspectFrames,
  inspectPageTables,
  inspectSpt,
  inspectSptEntry,
  inspectSwap,
  inspectWalk,
  type FrameTableInfo,
  type PageTableInfo,
  type SptEntryInfo,
  type SwapInfo,
} from './inspect';
import { PAGE_SIZE, isUserAddress, pageDown } from './layout';
import { mmap, munmap } from './mmap';
import { peekAbsentPage, type PeekedPage } from './peek-page';
import { addSegment, setupStack, type SegmentSpec } from './segments';
import type { VmStats } from './stats';
import { touchPage, touchSpace } from './touch-log';
import { newVmState, type VmDeps, type VmState } from './vm-state';

export type { AddressSpace } from '../memory/address-space';
export type { EvictionPolicyName, VmDeps } from './vm-state';
export { EVICTION_POLICIES } from './vm-state';
export type { FaultInfo } from './fault-handler';
export type { SegmentSpec } from './segments';
export type { FrameInfo, FrameTableInfo, PageTableInfo, PteInfo, SptEntryInfo, SwapInfo } from './inspect';
export type { PidStats, VmStats } from './stats';
export { KERN_BASE, PAGE_SIZE, STACK_BOTTOM, USER_STACK } from './layout';

/** The virtual-memory subsystem of one machine. */
export class VirtualMemory {
  /** All of its state, plain data (exposed for snapshots and white-box tests). */
  readonly state: VmState;

  constructor(deps: VmDeps) {
    this.state = newVmState(deps);
  }

  /** New empty address space for process `pid` (a zeroed PML4 from the kernel pool); undefined when the kernel pool is exhausted. */
  createSpace(pid: number): AddressSpace | undefined {
    const { kernelPool, phys } = this.state.deps;
    const pml4 = kernelPool.allocate();
    if (pml4 === undefined) return undefined;
    phys.zeroPage(pml4);
    const space = newAddressSpace(this.state.nextSpaceId++, pid, pml4);
    this.state.spaces.set(space.id, space);
    return space;
  }

  /** Makes `space` the MMU's current address space (setRoot; the TLB is flushed). */
  activate(space: AddressSpace): void {
    if (space.destroyed) throw new Error(`activating destroyed address space of pid ${space.pid}`);
    this.state.deps.mem.setRoot(space.pml4);
  }

  /**
   * Registers segment `seg` lazily: UNINIT pages becoming ANON, read from the file then zeroed. A
   * page already holding another segment's untouched page is merged (union of rights, both
   * parts of content). The file is reopened once per space and closed at destruction. Returns
   * false (nothing added) when out of kernel memory, misaligned, outside user space, or
   * overlapping a page that is not an untouched segment page.
   */
  addSegment(space: AddressSpace, seg: SegmentSpec): boolean {
    this.alive(space);
    touchSpace(this.state, space);
    return this.checked('addSegment', addSegment(this.state, space, seg));
  }

  /** Claims the first stack page [USER_STACK-4096, USER_STACK) in a frame (ANON, marked stack). False when no frame or kernel page can be had. */
  setupStack(space: AddressSpace): boolean {
    return finish(this.setupStackSteps(space));
  }

  /** `setupStack` as work that pauses at the claim's events a debugger stops on (see steps.ts). */
  *setupStackSteps(space: AddressSpace): Steps<boolean> {
    this.alive(space);
    return this.checked('setupStack', yield* setupStack(this.state, space));
  }

  /**
   * Resolves fault `f` of the process owning `space` (which must be the current space when the
   * fault came from the MMU). Returns true when the access can be retried, false when it is
   * invalid (the caller kills the process; the 'page-fault' event carries the reason).
   */
  handleFault(space: AddressSpace, f: FaultInfo): boolean {
    return finish(this.faultSteps(space, f));
  }

  /**
   * `handleFault` as work that pauses at each event it emits that a debugger stops on (see
   * steps.ts): eviction, swap-out or write-back, frame-free, frame-alloc, swap-in; 'page-fault'
   * comes last. Nothing may change the VM between its pauses but the work itself; its events
   * carry `f.rip`.
   */
  *faultSteps(space: AddressSpace, f: FaultInfo): Steps<boolean> {
    this.alive(space);
    if (isUserAddress(f.addr)) touchPage(this.state, space, pageDown(f.addr));
    const work = handleFault(this.state, space, f);
    for (;;) {
      this.state.rip = f.rip;
      let step;
      try {
        step = work.next();
      } finally {
        this.state.rip = undefined;
      }
      if (step.done) return this.checked('page fault', step.value);
      yield step.value;
    }
  }

  /**
   * Makes empty `child` a copy-on-write copy of `parent`: frames shared read-only with the
   * parent, swap slots shared with one more reference, mappings inherited with the child's own
   * reopened files. Returns false when the kernel pool runs out; the child must then be destroyed.
   */
  forkSpace(parent: AddressSpace, child: AddressSpace): boolean {
    this.alive(parent);
    this.alive(child);
    if (child.spt.size !== 0) throw new Error(`fork into the non-empty address space of pid ${child.pid}`);
    return this.checked('fork', forkSpace(this.state, parent, child));
  }

  /**
   * mmap per PINTOS-ABI.md §6. `file` is the mapping's own reopened description, which this
   * subsystem now owns (closed at munmap, at destruction, or right away on failure). Returns the
   * address, or 0 when a rule is broken or kernel memory runs out. `name` names the file in events.
   */
  mmap(space: AddressSpace, addr: number, length: number, writable: boolean, file: OpenFile, offset: number, fd: number, name?: string): number {
    this.alive(space);
    const req = { addr, length, writable, file, offset, fd, name: name ?? `inode ${file.inode.sector}` };
    const at = mmap(this.state, space, req);
    if (at !== 0) this.touchRange(space, at, length);
    return this.checked('mmap', at);
  }

  /** munmap of an address returned by mmap (any other address: no effect); dirty pages written back. */
  munmap(space: AddressSpace, addr: number): void {
    const region = space.mappings.find((m) => m.addr === addr);
    if (region !== undefined) this.touchRange(space, region.addr, region.length);
    munmap(this.state, space, addr);
    this.checked('munmap', undefined);
  }

  /** Releases everything `space` owns (mappings written back, frames, slots, tables, SPT, files). */
  destroySpace(space: AddressSpace): void {
    finish(this.destroySteps(space));
  }

  /** `destroySpace` as work that pauses at each munmap and frame-free a debugger stops on (see steps.ts). */
  *destroySteps(space: AddressSpace): Steps<void> {
    yield* destroySpace(this.state, space);
    this.checked('destroySpace', undefined);
  }

  /** For `int 0x42`: kernel VA of the frame backing `uaddr` (page-aligned), or 0 when not resident. */
  frameAddress(space: AddressSpace, uaddr: number): number {
    if (!isUserAddress(uaddr)) return 0;
    const page = space.spt.get(pageDown(uaddr));
    if (page === undefined || page.frame === undefined) return 0;
    return this.state.deps.kernBase + this.state.frames.get(page.frame).pa;
  }

  /** Kernel-pool pages charged to `space`: PML4, page-table pages, SPT bookkeeping (one per 64 entries). */
  kernelPagesOf(space: AddressSpace): number {
    return kernelPagesCharged(space);
  }

  /**
   * One LRU observation round (call at every timer tick): frames whose PTE accessed bits are set
   * are stamped as used now and their bits cleared. Only the 'lru' policy needs it; a no-op for others.
   */
  observeAccessBits(): void {
    if (this.state.deps.policy === 'lru') observeAccessBits(this.state);
  }

  /** Pins the frame backing `uaddr` so no eviction takes it; false when the page is not resident. */
  pin(space: AddressSpace, uaddr: number): boolean {
    const page = space.spt.get(pageDown(uaddr));
    if (page === undefined || page.frame === undefined) return false;
    this.state.frames.get(page.frame).pins++;
    return true;
  }

  /** Undoes one `pin` of the frame backing `uaddr`. Throws when it is not pinned (a kernel bug). */
  unpin(space: AddressSpace, uaddr: number): void {
    const page = space.spt.get(pageDown(uaddr));
    const frame = page?.frame === undefined ? undefined : this.state.frames.get(page.frame);
    if (frame === undefined || frame.pins === 0) throw new Error(`unpin of 0x${uaddr.toString(16)}, which is not pinned`);
    frame.pins--;
  }

  /**
   * For the debugger: the content of the non-resident page at `va` of `space` and where it lives
   * (swap slot, file, zeros), read without any effect; undefined when resident or not in the SPT.
   */
  peekAbsentPage(space: AddressSpace, va: number): PeekedPage | undefined {
    return peekAbsentPage(this.state.swap, space, va);
  }

  /** The SPT of `space` by address. */
  inspectSpt(space: AddressSpace): SptEntryInfo[] {
    return inspectSpt(this.state, space);
  }

  /** The SPT entry of the page holding `va` in `space`; undefined when it has none. */
  inspectSptEntry(space: AddressSpace, va: number): SptEntryInfo | undefined {
    return inspectSptEntry(this.state, space, va);
  }

  /** The present user mappings of `space`, from its page-table bytes. */
  inspectPageTables(space: AddressSpace): PageTableInfo {
    return inspectPageTables(this.state, space);
  }

  /** The walk of `va` in `space`, level by level. */
  inspectWalk(space: AddressSpace, va: number): ReturnType<typeof inspectWalk> {
    return inspectWalk(this.state, space, va);
  }

  /** The frame table (frames in use; the rest of `capacity` is free) and the clock hand. */
  inspectFrames(): FrameTableInfo {
    return inspectFrames(this.state);
  }

  /** The swap map. */
  inspectSwap(): SwapInfo {
    return inspectSwap(this.state);
  }

  /** Counters per process and in total. */
  stats(): VmStats {
    return this.state.stats.summary(this.state.deps.policy, this.state.frames.count);
  }

  /** Every inconsistency between page tables, SPTs, frame table and swap map; [] when consistent. */
  checkInvariants(): string[] {
    return checkInvariants(this.state);
  }

  /** Live address spaces (for leak checks: empty once every process has exited). */
  get liveSpaces(): number {
    return this.state.spaces.size;
  }

  /** Swap slots in use and frames in use (for leak checks). */
  get usage(): { frames: number; swapSlots: number } {
    return { frames: this.state.frames.count, swapSlots: this.state.swap.usedCount };
  }

  /** Throws when `space` was destroyed: using it is a kernel bug. */
  private alive(space: AddressSpace): void {
    if (space.destroyed) throw new Error(`address space ${space.id} of pid ${space.pid} used after destroySpace`);
  }

  /** Records the pages of [addr, addr + length) of `space` as touched, for the incremental checker. */
  private touchRange(space: AddressSpace, addr: number, length: number): void {
    if (this.state.touched === undefined) return;
    for (let va = addr; va < addr + length; va += PAGE_SIZE) touchPage(this.state, space, va);
  }

  /** Runs the checker after operation `what` when enabled; returns `result`. Throws naming every violation. */
  private checked<T>(what: string, result: T): T {
    if (this.state.deps.checkInvariants) {
      const violations = checkAfterOperation(this.state);
      if (violations.length > 0) throw new Error(`VM invariant violated after ${what}: ${violations.join('; ')}`);
    }
    return result;
  }
}


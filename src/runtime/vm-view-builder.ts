// The data of the VM views (custom requests), built from the kernel's read-only inspection
// functions and converted to the shared view types.
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';
import type { CustomRequestArgs, CustomRequestBody } from '../shared/custom-requests';
import type { FrameTableView, PageTablesView, PageWalkView, ProcessView, SptEntryView, StatsView, SwapView, VmEventKind, VmEventView } from '../shared/vm-views';
import { UserFacingError } from './contract';
import type { ProgramRegistry } from './program-registry';
import type { StatsTimeline } from './stats-timeline';

/** What the views remember of a process after it is gone. */
export interface ExitedProcess {
  pid: number;
  name: string;
  parentPid: number;
  exitStatus: number;
  program: string;
}

/** Builds every VM view of one machine. */
export class VmViewBuilder {
  constructor(
    private readonly kernel: Kernel,
    private readonly registry: ProgramRegistry,
    private readonly timeline: StatsTimeline,
    private readonly exited: () => Iterable<ExitedProcess>,
    private readonly paused: () => boolean,
  ) {}

  /** The live process `pid`; UserFacingError when there is none. */
  process(pid: number): Process {
    const p = this.kernel.processes.processes.get(pid);
    if (!p || p.state === 'exited') throw new UserFacingError(`no live process with pid ${pid}`);
    return p;
  }

  /** Live and exited processes, by pid; the process on the CPU is `stopped` while the machine is paused. */
  processes(): CustomRequestBody<'pintos/processes'> {
    const stats = new Map(this.kernel.vm.stats().perPid.map((s) => [s.pid, s]));
    const faultsOf = (pid: number) => Object.values(stats.get(pid)?.faults ?? {}).reduce((a, b) => a + b, 0);
    const out: ProcessView[] = this.kernel.processes.live().map((p) => ({
      pid: p.pid,
      name: p.name,
      state: p.state === 'running' && this.paused() ? 'stopped' : p.state,
      parentPid: p.parentPid,
      children: [...p.children],
      residentPages: stats.get(p.pid)?.resident ?? 0,
      pageFaults: faultsOf(p.pid),
      program: this.registry.programOf(p.pid) ?? '',
    }));
    const live = new Set(out.map((p) => p.pid));
    for (const e of this.exited()) {
      if (live.has(e.pid)) continue;
      out.push({ pid: e.pid, name: e.name, state: 'exited', parentPid: e.parentPid, children: [], residentPages: 0, pageFaults: faultsOf(e.pid), exitStatus: e.exitStatus, program: e.program });
    }
    return { processes: out.sort((a, b) => a.pid - b.pid) };
  }

  /** The SPT of `pid`. */
  spt(args: CustomRequestArgs<'pintos/spt'>): CustomRequestBody<'pintos/spt'> {
    const p = this.process(args.pid);
    const entries = this.kernel.vm.inspectSpt(p.space).map((e) => {
      const view: SptEntryView = {
        va: e.va,
        kind: e.kind,
        region: e.region,
        writable: e.writable,
        state: e.state,
        accessed: e.accessed,
        dirty: e.dirty,
        cow: e.cow,
        cowShares: e.cowShares,
      };
      if (e.target !== undefined) view.target = e.target;
      if (e.frame !== undefined) view.frame = e.frame;
      if (e.swapSlot !== undefined) view.swapSlot = e.swapSlot;
      if (e.file !== undefined) view.file = e.file;
      if (e.fileOffset !== undefined) view.fileOffset = e.fileOffset;
      if (e.fileBytes !== undefined) view.fileBytes = e.fileBytes;
      if (e.mapping !== undefined) view.mapping = e.mapping;
      if (e.region === 'stack') view.stack = true;
      if (e.loadSeq !== undefined) view.loadedBy = e.loadSeq;
      return view;
    });
    return { pid: p.pid, entries };
  }

  /** The page tables of `pid`. */
  pageTables(args: CustomRequestArgs<'pintos/pageTables'>): PageTablesView {
    return this.kernel.vm.inspectPageTables(this.process(args.pid).space);
  }

  /** The walk of `va` in `pid`'s tables. */
  pageWalk(args: CustomRequestArgs<'pintos/pageWalk'>): PageWalkView {
    if (!Number.isSafeInteger(args.va) || args.va < 0 || args.va >= 2 ** 48) throw new UserFacingError(`va must be an address below 2^48, got ${String(args.va)}`);
    return this.kernel.vm.inspectWalk(this.process(args.pid).space, args.va);
  }

  /** The frame table. */
  frames(): FrameTableView {
    return this.kernel.vm.inspectFrames();
  }

  /** The swap map. */
  swap(): SwapView {
    return this.kernel.vm.inspectSwap();
  }

  /** Recent kernel events after `sinceSeq`, of `kinds`, at most `limit` (the newest). */
  events(args: CustomRequestArgs<'pintos/events'>): CustomRequestBody<'pintos/events'> {
    const since = args.sinceSeq ?? 0;
    const kinds = args.kinds && args.kinds.length > 0 ? new Set<string>(args.kinds) : undefined;
    let events = this.kernel.events.recent().filter((e) => e.seq > since && (!kinds || kinds.has(e.kind)));
    if (args.limit !== undefined && args.limit >= 0 && events.length > args.limit) events = events.slice(events.length - args.limit);
    const views = events.map((e) => ({ ...e, kind: e.kind as VmEventKind }) as VmEventView);
    return { events: views, lastSeq: this.kernel.events.count };
  }

  /** Counters per process and in total, with the timeline. */
  stats(): StatsView {
    const s = this.kernel.vm.stats();
    this.timeline.observe(this.kernel.machine.retired, true);
    return { policy: s.policy, retired: this.kernel.machine.retired, perPid: s.perPid, total: s.total, timeline: this.timeline.timeline() };
  }
}

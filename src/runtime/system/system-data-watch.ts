// Data breakpoints of a booted kernel: a variable or an address expression is watched on the
// physical bytes it occupies (a kernel variable is the same bytes through any mapping), and a hit
// becomes a stop unless its condition or hit count declines it.
import type { WatchHit } from '../../emu/memory/contract';
import type { PcMachine } from '../../emu/pc/pc-machine';
import type { FrameContext, StopInfo } from '../contract';
import { DataBreakpoints, type DataAccessType } from '../data-breakpoints';
import { dataTarget, type DataTargetRequest } from '../data-watch-targets';
import type { InspectorServices } from '../inspector-host';
import { isKernelAddress, KERN_BASE } from './system-programs';

const hex = (n: number) => `0x${n.toString(16)}`;

/** What the watches need of the runtime. */
export interface DataWatchHost {
  services(): InspectorServices;
  newId(): number;
  /** the innermost frame of the thread on the CPU, for conditions */
  topContext(): FrameContext;
  message(text: string): void;
}

/** The data breakpoints of one run, all on physical ranges. */
export class SystemDataWatch {
  readonly breakpoints: DataBreakpoints;

  constructor(
    private readonly pc: PcMachine,
    private readonly host: DataWatchHost,
  ) {
    this.breakpoints = new DataBreakpoints(pc.memory, () => host.services(), () => host.newId(), (r) =>
      r.space === 'physical' && r.start + r.length <= pc.memory.phys.size ? pc.memory.phys.ram.slice(r.start, r.start + r.length) : undefined,
    );
  }

  /** The data id of `request` in thread `tid` (it must lie in one page), or why there is none. */
  info(request: DataTargetRequest, tid: number): { dataId: string | null; description: string; accessTypes?: DataAccessType[] } {
    try {
      const { range, description } = dataTarget(request, this.host.services(), tid, tid);
      if ((range.start % 4096) + range.length > 4096) throw new Error(`${description} crosses a page boundary; watch at most the rest of its page`);
      // before the kernel maps itself (at its entry), a kernel address is Pintos's vtop: va - KERN_BASE
      const at = this.pc.memory.peekTranslate(range.start);
      const pa = at.ok ? at.pa : isKernelAddress(range.start) ? range.start - KERN_BASE : undefined;
      if (pa === undefined || pa + range.length > this.pc.memory.phys.size) throw new Error(`${description}: ${hex(range.start)} is not mapped now`);
      return { dataId: this.breakpoints.offer({ space: 'physical', start: pa, length: range.length }, description), description, accessTypes: ['read', 'write', 'readWrite'] };
    } catch (e) {
      return { dataId: null, description: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Watched bytes were touched: the stop of thread `tid`, unless every hit declines (condition, hit count). */
  stop(hits: readonly WatchHit[], tid: number): StopInfo | undefined {
    const ids: number[] = [];
    const texts: string[] = [];
    for (const { watch, hit } of this.breakpoints.relevant(hits, undefined)) {
      if (watch.condition) {
        let holds = true;
        try {
          holds = this.host.services().evaluateCondition(watch.condition, this.host.topContext());
        } catch (e) {
          this.host.message(`data breakpoint condition could not be evaluated: ${e instanceof Error ? e.message : String(e)}\n`);
        }
        if (!holds) {
          this.breakpoints.remember(watch);
          continue;
        }
      }
      watch.hits++;
      if (watch.hitCondition && !watch.hitCondition(watch.hits)) {
        this.breakpoints.remember(watch);
        continue;
      }
      ids.push(watch.id);
      texts.push(this.breakpoints.describeHit(watch, hit));
    }
    return ids.length === 0 ? undefined : { reason: 'data breakpoint', pid: tid, description: texts.join('; '), hitBreakpointIds: ids };
  }
}

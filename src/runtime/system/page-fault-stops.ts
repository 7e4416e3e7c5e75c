// The page-fault filter of the full-system mode: a stop when the CPU raises #PF, before the
// kernel's handler runs (CR2, the error code, the faulting context), and a second stop when the
// handler returns to the faulting instruction (same address space, same stack), with what it
// changed in the SPT, the page table and the frame table; the SPT view marks those entries.
import type { PcMachine } from '../../emu/pc/pc-machine';
import type { SptEntryView } from '../../shared/vm-views';
import type { AddressBreakpoints } from '../address-breakpoints';
import type { StopInfo } from '../contract';
import { describeErrorCode, type ExceptionDetails } from '../exception-details';
import type { CompiledCondition, InspectorServices } from '../inspector-host';
import { diffVm, type VmCapture, type VmDiff } from './handler-diff';
import type { SystemViews } from './system-views';

/** The page-fault vector. */
const PAGE_FAULT = 14;
/** The exception filter that stops on page faults in this mode. */
const PAGE_FAULT_FILTER = 'page-fault';
/** Most page faults waiting for their handler's return at once (nested faults). */
const MAX_TRAPS = 8;

const hex = (n: number) => `0x${n.toString(16)}`;

/** A page fault stopped at before its handler ran: where the handler returns to, and the VM state then. */
interface FaultTrap {
  rip: number;
  rsp: number;
  root: number;
  tid: number;
  addr: number;
  before: VmCapture;
}

/** What the stops need of the runtime. */
export interface PageFaultHost {
  services(): InspectorServices;
  /** the thread on the CPU */
  thread(): number;
  /** a message for the debug console */
  message(text: string): void;
}

/** The page-fault stops of one run. */
export class PageFaultStops {
  private condition: CompiledCondition | undefined;
  private readonly traps: FaultTrap[] = [];
  /** what the last handler changed, shown until the machine runs again */
  private diff: VmDiff | undefined;

  constructor(
    private readonly pc: PcMachine,
    private readonly views: SystemViews,
    private readonly addresses: AddressBreakpoints,
    private readonly host: PageFaultHost,
  ) {}

  /** Applies the exception filters: only "Any page fault" (with its condition) applies to a booted kernel. */
  configure(filters: { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[] {
    let on = false;
    this.condition = undefined;
    const results = filters.map((f) => {
      if (f.filterId !== PAGE_FAULT_FILTER) return { verified: false, message: `'${f.filterId}' is an event of the debugger's own kernel; with your kernel, use "Any page fault" (it stops before your handler runs)` };
      try {
        this.condition = f.condition?.trim() ? this.host.services().compileCondition(f.condition) : undefined;
      } catch (e) {
        return { verified: false, message: e instanceof Error ? e.message : String(e) };
      }
      on = true;
      return { verified: true };
    });
    if (on) this.pc.stopBeforeVectors.add(PAGE_FAULT);
    else this.pc.stopBeforeVectors.delete(PAGE_FAULT);
    return results;
  }

  /**
   * The CPU raised #PF at `addr` with `errorCode` and has not delivered it: the stop, when the
   * filter's condition holds (its details go into `exceptions`); the handler's return is watched.
   */
  before(errorCode: number, addr: number, exceptions: Map<number, ExceptionDetails>): StopInfo | undefined {
    const cpu = this.pc.machine.cpu;
    const fields = { addr, errorCode, present: (errorCode & 1) !== 0, write: (errorCode & 2) !== 0, user: (errorCode & 4) !== 0, fetch: (errorCode & 16) !== 0, rip: cpu.rip };
    if (this.condition) {
      try {
        if (!this.host.services().evaluateCondition(this.condition, fields)) return undefined;
      } catch (e) {
        this.host.message(`page-fault condition could not be evaluated: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    const tid = this.host.thread();
    const description = `Page fault at ${hex(addr)}: ${describeErrorCode(errorCode)}`;
    exceptions.set(tid, {
      exceptionId: 'Page fault',
      description,
      breakMode: 'always',
      details: {
        message: [
          `${description}, before your kernel's handler runs`,
          `CR2 ${hex(cpu.sys.cr2)}, error code ${hex(errorCode)}`,
          `faulting instruction at ${hex(cpu.rip)}, rsp ${hex(Number(cpu.r64[4]))}, CPL ${cpu.sys.cpl}`,
        ].join('\n'),
        typeName: 'page fault',
      },
    });
    this.arm({ rip: cpu.rip, rsp: Number(cpu.r64[4]), root: this.pc.memory.root, tid, addr, before: this.capture(tid) });
    return { reason: 'exception', pid: tid, description: `Paused on page fault at ${hex(addr)}`, text: 'Page fault' };
  }

  /**
   * A breakpoint stop at `addr`: when it is a handler's return to an instruction whose page
   * fault stopped the machine (same address space, same stack), the stop after the handler with
   * what it changed (its details go into `exceptions`); else undefined.
   */
  after(addr: number, exceptions: Map<number, ExceptionDetails>): StopInfo | undefined {
    const cpu = this.pc.machine.cpu;
    const rsp = Number(cpu.r64[4]);
    const root = this.pc.memory.root;
    const index = this.traps.findIndex((t) => t.rip === addr && t.rsp === rsp && t.root === root);
    if (index < 0) return undefined;
    const [trap] = this.traps.splice(index, 1);
    this.addresses.release(trap.rip);
    const diff = diffVm(trap.before, this.capture(trap.tid));
    this.diff = diff;
    const description = `After the page-fault handler for ${hex(trap.addr)}: ${diff.changedPages.size} SPT entr${diff.changedPages.size === 1 ? 'y' : 'ies'} changed`;
    const tid = this.host.thread();
    exceptions.set(tid, {
      exceptionId: 'After page-fault handler',
      description,
      breakMode: 'always',
      details: { message: [`Your handler returned to ${hex(addr)}, the instruction that faulted on ${hex(trap.addr)}. It changed:`, ...diff.lines.map((l) => `  ${l}`)].join('\n'), typeName: 'page fault handled' },
    });
    return { reason: 'exception', pid: tid, description, text: 'After page-fault handler' };
  }

  /** The machine runs again: the last handler's changes are no longer marked. */
  forgetDiff(): void {
    this.diff = undefined;
  }

  /** Forgets the faults waiting for their handler's return (travelling back leaves their future). */
  clearTraps(): void {
    for (const t of this.traps.splice(0)) this.addresses.release(t.rip);
  }

  /** `spt` with the entries the last handler added or changed marked (`handlerChange`). */
  markChanges(spt: { pid: number; entries: SptEntryView[] }): { pid: number; entries: SptEntryView[] } {
    const changed = this.diff?.changedPages;
    if (!changed || changed.size === 0) return spt;
    return { pid: spt.pid, entries: spt.entries.map((e) => (changed.has(e.va) ? { ...e, handlerChange: changed.get(e.va) } : e)) };
  }

  private arm(trap: FaultTrap): void {
    if (this.traps.length >= MAX_TRAPS) this.addresses.release(this.traps.shift()!.rip);
    this.traps.push(trap);
    this.addresses.acquire(trap.rip);
  }

  /** The SPT, page table and frame table of thread `tid` now (parts that cannot be read are left out). */
  private capture(tid: number): VmCapture {
    const part = <T>(read: () => T): T | undefined => {
      try {
        return read();
      } catch {
        return undefined;
      }
    };
    return {
      spt: part(() => this.views.spt({ pid: tid }).entries),
      mappings: part(() => this.views.pageTables({ pid: tid }).mappings),
      frames: part(() => this.views.frames().frames),
    };
  }
}

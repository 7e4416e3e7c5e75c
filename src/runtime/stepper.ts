// Stepping one process while the others keep their turn in the scheduler: by instruction, by
// statement or by line; into calls, over them (run to the return address in the same or an outer
// frame) or out of the current function. Works in bounded chunks so a pause or a breakpoint
// elsewhere can interrupt it.
import type { DebugInfo } from '../debuginfo/debug-info';
import type { FunctionInfo } from '../debuginfo/program-model';
import type { PhysicalMemory } from '../emu/memory/physical-memory';
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/userprog/process';
import type { AddressBreakpoints } from './address-breakpoints';
import { functionBodyAddress } from './code-breakpoints';
import type { StopInfo } from './contract';
import type { DriveOutcome, KernelDriver } from './kernel-driver';
import { readUserMemory } from './process-memory';
import type { ProcessRegisters } from './process-registers';
import type { ProgramRegistry } from './program-registry';
import type { StackFrames } from './stack-frames';

/** Into calls, over them, or out of the current function. */
export type StepKind = 'in' | 'over' | 'out';
/** How far one step goes (DAP SteppingGranularity). */
export type StepGranularity = 'statement' | 'line' | 'instruction';

/** Instructions one drive of the run-to phase may take. */
const RUN_TO_BUDGET = 200_000;

/** What the stepper needs. */
export interface StepperContext {
  kernel: Kernel;
  phys: PhysicalMemory;
  registers: ProcessRegisters;
  registry: ProgramRegistry;
  frames: StackFrames;
  addresses: AddressBreakpoints;
  driver: KernelDriver;
}

/**
 * The return address when the one instruction that took pc/sp from `before` to `now` was a call
 * (sp went down by 8 to a return address just after `before.pc`, and pc jumped), else undefined.
 * `read` reads the stack without side effects.
 */
export function callReturnAddress(before: { pc: number; sp: number }, now: { pc: number; sp: number }, read: (va: number, length: number) => Uint8Array | undefined): number | undefined {
  if (now.sp !== before.sp - 8) return undefined;
  const bytes = read(now.sp, 8);
  if (!bytes) return undefined;
  const ret = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const inCall = ret > before.pc && ret <= before.pc + 15;
  const jumped = now.pc < before.pc || now.pc > before.pc + 15;
  return inCall && jumped ? ret : undefined;
}

/** Result of a chunk of stepping. */
export type StepOutcome = { kind: 'stop'; stop: StopInfo } | { kind: 'finished' } | { kind: 'continue' };

/** Running to an address: a temporary breakpoint, accepted only in the stepping process with an acceptable rsp. */
interface RunTo {
  addr: number;
  accept: (sp: number) => boolean;
  /** what to do on arrival: stop there, or go on stepping instruction by instruction */
  then: 'stop' | 'single';
}

/** Where a step started. */
export interface StepOrigin {
  info: DebugInfo | undefined;
  fn: FunctionInfo | undefined;
  file: string | undefined;
  line: number | undefined;
  rowStart: number | undefined;
  /** the frame's canonical frame address: rsp at or above it means the function returned */
  cfa: number | undefined;
}

/** One step request in progress. */
export class Stepper {
  private runTo: RunTo | undefined;
  private passOver: { pid: number; pc: number } | undefined;
  private readonly origin: StepOrigin;

  constructor(
    private readonly ctx: StepperContext,
    readonly pid: number,
    private readonly kind: StepKind,
    private granularity: StepGranularity,
  ) {
    const p = this.process();
    const at = p ? ctx.registers.pcAndSp(p) : undefined;
    const info = ctx.registry.debugInfoOfPid(pid);
    const row = at ? info?.lineRangeAt(at.pc) : undefined;
    const caller = p ? ctx.frames.callerOf(p) : undefined;
    this.origin = { info, fn: at ? info?.functionAt(at.pc) : undefined, file: row?.file, line: row?.line, rowStart: row?.start, cfa: caller?.cfa };
    if (at) this.passOver = { pid, pc: at.pc };
    // without line information a line step leaves the function (as out), or is one instruction
    const noLines = granularity !== 'instruction' && row === undefined;
    if (noLines && !caller) this.granularity = 'instruction';
    if ((kind === 'out' || noLines) && caller) this.startRunTo({ addr: caller.returnAddress, accept: (sp) => sp >= caller.cfa, then: 'stop' });
  }

  /** Steps until done, interrupted, or `deadline` (performance.now() ms) passes. */
  advance(deadline: number): StepOutcome {
    for (let n = 0; ; n++) {
      if (n > 0 && performance.now() > deadline) return { kind: 'continue' };
      const p = this.process();
      if (!p) return this.targetGone();
      if (this.runTo) {
        const r = this.advanceRunTo(p);
        if (r) return r;
        continue;
      }
      if (this.ctx.kernel.processes.current !== p) {
        const saved = this.ctx.registers.pcAndSp(p);
        if (!saved) return this.targetGone();
        this.startRunTo({ addr: saved.pc, accept: () => true, then: 'single' });
        continue;
      }
      const r = this.singleStep(p);
      if (r) return r;
    }
  }

  /** Removes the temporary breakpoint, if any (the step ended or was abandoned). */
  dispose(): void {
    if (this.runTo) this.ctx.addresses.release(this.runTo.addr);
    this.runTo = undefined;
  }

  private process(): Process | undefined {
    const p = this.ctx.kernel.processes.processes.get(this.pid);
    return p && p.state !== 'exited' && !(p.pending?.kind === 'exit') ? p : undefined;
  }

  private startRunTo(runTo: RunTo): void {
    this.dispose();
    this.runTo = runTo;
    this.ctx.addresses.acquire(runTo.addr);
  }

  private advanceRunTo(p: Process): StepOutcome | undefined {
    const runTo = this.runTo!;
    const outcome = this.ctx.driver.run(RUN_TO_BUDGET, {
      passOver: this.takePassOver(),
      // kernel-heavy code stepped over (a fork loop) still comes back to the deadline check often
      maxTicks: 1,
      target: (addr, current) => {
        if (addr !== runTo.addr || current !== p) return false;
        const at = this.ctx.registers.pcAndSp(p);
        return at !== undefined && runTo.accept(at.sp);
      },
    });
    if (outcome.kind !== 'target') return this.passOn(outcome);
    this.dispose();
    if (runTo.then === 'stop') return this.stepStop(p);
    this.passOver = { pid: p.pid, pc: runTo.addr };
    return undefined;
  }

  private takePassOver(): { pid: number; pc: number } | undefined {
    const p = this.passOver;
    this.passOver = undefined;
    return p;
  }

  /** Outcomes other than reaching the target: budget goes on, the rest ends the step. */
  private passOn(outcome: DriveOutcome): StepOutcome | undefined {
    if (outcome.kind === 'budget') return undefined;
    if (outcome.kind === 'finished') return { kind: 'finished' };
    if (outcome.kind === 'stop') return { kind: 'stop', stop: outcome.stop };
    return undefined;
  }

  /** One instruction of `p` (the process on the CPU), then the decision whether the step is done. */
  private singleStep(p: Process): StepOutcome | undefined {
    const before = this.ctx.registers.pcAndSp(p)!;
    const retired = p.userInstructions;
    const outcome = this.ctx.driver.run(1, { passOver: this.takePassOver() });
    const passed = this.passOn(outcome);
    if (passed) return passed;
    if (!this.process()) return this.targetGone();
    if (p.userInstructions === retired) return undefined;
    const now = this.ctx.registers.pcAndSp(p);
    if (!now) return undefined;
    return this.decide(p, before, now);
  }

  private decide(p: Process, before: { pc: number; sp: number }, now: { pc: number; sp: number }): StepOutcome | undefined {
    const returnAddress = this.callReturnAddress(p, before, now);
    if (returnAddress !== undefined) return this.enteredCall(p, now, returnAddress);
    if (this.granularity === 'instruction') return this.stepStop(p);
    const info = this.ctx.registry.debugInfoOfPid(p.pid);
    const row = info?.lineRangeAt(now.pc);
    if (this.origin.cfa !== undefined && now.sp >= this.origin.cfa && row) return this.stepStop(p);
    if (!info || !row || row.line === 0 || !info.isStatementStart(now.pc)) return undefined;
    if (this.granularity === 'statement') return now.pc !== this.origin.rowStart ? this.stepStop(p) : undefined;
    const fn = info.functionAt(now.pc);
    if (info !== this.origin.info || fn !== this.origin.fn || row.line !== this.origin.line || row.file !== this.origin.file) return this.stepStop(p);
    return undefined;
  }

  /** The return address when the instruction from `before` to `now` was a call, else undefined. */
  private callReturnAddress(p: Process, before: { pc: number; sp: number }, now: { pc: number; sp: number }): number | undefined {
    return callReturnAddress(before, now, (va, n) => {
      const bytes = readUserMemory(this.ctx.phys, p.space.pml4, va, n).bytes;
      return bytes.length === n ? bytes : undefined;
    });
  }

  /** The step just executed a call: follow it (step in with line info) or run to its return. */
  private enteredCall(p: Process, now: { pc: number; sp: number }, returnAddress: number): StepOutcome | undefined {
    const overCall = () => {
      this.startRunTo({ addr: returnAddress, accept: (sp) => sp > now.sp, then: this.granularity === 'instruction' ? 'stop' : 'single' });
      return undefined;
    };
    if (this.kind === 'over' || this.kind === 'out') return overCall();
    if (this.granularity === 'instruction') return this.stepStop(p);
    const info = this.ctx.registry.debugInfoOfPid(p.pid);
    const fn = info?.functionAt(now.pc);
    if (!info || !fn || !info.lineRangeAt(now.pc)) return overCall();
    const body = functionBodyAddress(info, fn.name) ?? now.pc;
    if (body === now.pc || body < fn.lowPc || body >= fn.highPc) return this.stepStop(p);
    this.startRunTo({ addr: body, accept: (sp) => sp <= now.sp, then: 'stop' });
    return undefined;
  }

  private stepStop(p: Process): StepOutcome {
    this.dispose();
    return { kind: 'stop', stop: { reason: 'step', pid: p.pid, description: 'Step' } };
  }

  /** The stepping process is gone: stop with the next live one (the run may have ended). */
  private targetGone(): StepOutcome {
    this.dispose();
    const outcome = this.ctx.driver.run(0);
    if (outcome.kind === 'finished') return { kind: 'finished' };
    const next = this.ctx.kernel.processes.current ?? this.ctx.kernel.processes.live()[0];
    if (!next) return { kind: 'finished' };
    return { kind: 'stop', stop: { reason: 'step', pid: next.pid, description: `Process ${this.pid} exited` } };
  }
}

// Stepping the CPU of a booted kernel: by instruction, by statement or by line; into calls, over
// them (run to the return address on the same stack) or out of the current function. An interrupt
// or exception delivered during a step is stepped over as a call is: the step runs on until the
// handler returns to the interrupted instruction (same address space, same stack, no deeper), so
// a timer tick never drags a step into the interrupt code. Works in bounded chunks so a pause can
// interrupt it.
import type { PcMachine } from '../../emu/pc/pc-machine';
import type { AddressBreakpoints } from '../address-breakpoints';
import { functionBodyAddress } from '../code-breakpoints';
import type { StopInfo } from '../contract';
import { callReturnAddress, type StepGranularity, type StepKind, type StepOrigin } from '../stepper';
import type { SystemFrames } from './system-frames';

/** What one drive of the machine ended with. */
export type DriveOutcome =
  | { kind: 'budget' }
  /** the stepper's own breakpoint was reached (and accepted) */
  | { kind: 'target' }
  | { kind: 'stop'; stop: StopInfo }
  | { kind: 'finished' };

/** Runs the machine for the stepper, honouring the user's breakpoints and exception filters. */
export interface SystemDriver {
  /** Runs up to `budget` instructions; `target` claims a stop at one of the stepper's addresses. */
  run(budget: number, target?: (addr: number) => boolean): DriveOutcome;
}

/** The outcome of a chunk of stepping. */
export type SystemStepOutcome = { kind: 'stop'; stop: StopInfo } | { kind: 'finished' } | { kind: 'continue' };

/** Instructions one drive of a run-to may take before the deadline is looked at. */
const RUN_TO_BUDGET = 200_000;

interface RunTo {
  addr: number;
  accept: () => boolean;
  /** on arrival: stop, go on instruction by instruction, or judge the instruction that ran from `before` */
  then: 'stop' | 'single' | { decideFrom: At };
}

interface At {
  pc: number;
  sp: number;
}

/** The stack a context runs on: its address space and, in the kernel, its kernel stack page. */
function stackOf(pc: PcMachine): string {
  const cpu = pc.machine.cpu;
  const sp = Number(cpu.r64[4]);
  return cpu.sys.cpl === 0 ? `${pc.memory.root}:${Math.floor(sp / 4096)}` : `${pc.memory.root}:user`;
}

/** One step request in progress. */
export class SystemStepper {
  private runTo: RunTo | undefined;
  private readonly origin: StepOrigin;

  constructor(
    private readonly pc: PcMachine,
    private readonly frames: SystemFrames,
    private readonly addresses: AddressBreakpoints,
    private readonly driver: SystemDriver,
    private readonly thread: number,
    private readonly kind: StepKind,
    private granularity: StepGranularity,
  ) {
    const at = this.at();
    const info = frames.infoAt(at.pc);
    const row = info?.lineRangeAt(at.pc);
    const caller = frames.callerOf();
    this.origin = { info, fn: info?.functionAt(at.pc), file: row?.file, line: row?.line, rowStart: row?.start, cfa: caller?.cfa };
    const noLines = granularity !== 'instruction' && row === undefined;
    if (noLines && !caller) this.granularity = 'instruction';
    if ((kind === 'out' || noLines) && caller) {
      const stack = stackOf(pc);
      this.startRunTo({ addr: caller.returnAddress, accept: () => stackOf(pc) === stack && this.at().sp >= caller.cfa, then: 'stop' });
    }
  }

  /** Steps until done, interrupted, or `deadline` (performance.now() ms) passes. */
  advance(deadline: number): SystemStepOutcome {
    for (let n = 0; ; n++) {
      if (n > 0 && performance.now() > deadline) return { kind: 'continue' };
      const r = this.runTo ? this.advanceRunTo() : this.singleStep();
      if (r) return r;
    }
  }

  /** Removes the temporary breakpoint, if any. */
  dispose(): void {
    if (this.runTo) this.addresses.release(this.runTo.addr);
    this.runTo = undefined;
  }

  private at(): At {
    const cpu = this.pc.machine.cpu;
    return { pc: cpu.rip, sp: Number(cpu.r64[4]) };
  }

  private startRunTo(runTo: RunTo): void {
    this.dispose();
    this.runTo = runTo;
    this.addresses.acquire(runTo.addr);
  }

  private advanceRunTo(): SystemStepOutcome | undefined {
    const runTo = this.runTo!;
    const outcome = this.driver.run(RUN_TO_BUDGET, (addr) => addr === runTo.addr && runTo.accept());
    if (outcome.kind === 'budget') return undefined;
    if (outcome.kind !== 'target') return this.ended(outcome);
    this.dispose();
    if (runTo.then === 'stop') return this.stepStop();
    return runTo.then === 'single' ? undefined : this.decide(runTo.then.decideFrom, this.at());
  }

  private ended(outcome: DriveOutcome): SystemStepOutcome {
    this.dispose();
    if (outcome.kind === 'stop') return { kind: 'stop', stop: outcome.stop };
    return { kind: 'finished' };
  }

  /** One instruction (or one delivery), then the decision whether the step is done. */
  private singleStep(): SystemStepOutcome | undefined {
    const before = this.at();
    const stack = stackOf(this.pc);
    const deliveries = this.pc.deliveries;
    const outcome = this.driver.run(1);
    if (outcome.kind !== 'budget') return this.ended(outcome);
    if (this.pc.deliveries !== deliveries && this.pc.lastDelivery) {
      // a handler was entered: run until it returns to the interrupted instruction on the same stack
      // (when the instruction ran before the delivery, it is judged on the return)
      const from = this.pc.lastDelivery;
      const then = from.rip === before.pc ? 'single' : { decideFrom: before };
      this.startRunTo({ addr: from.rip, accept: () => stackOf(this.pc) === stack && this.at().sp >= from.rsp, then });
      return undefined;
    }
    return this.decide(before, this.at());
  }

  private decide(before: At, now: At): SystemStepOutcome | undefined {
    const returnAddress = callReturnAddress(before, now, (va, n) => this.frames.read(va, n));
    if (returnAddress !== undefined) return this.enteredCall(now, returnAddress);
    if (this.granularity === 'instruction') return this.stepStop();
    const info = this.frames.infoAt(now.pc);
    const row = info?.lineRangeAt(now.pc);
    if (this.origin.cfa !== undefined && now.sp >= this.origin.cfa && row) return this.stepStop();
    if (!info || !row || row.line === 0 || !info.isStatementStart(now.pc)) return undefined;
    if (this.granularity === 'statement') return now.pc !== this.origin.rowStart ? this.stepStop() : undefined;
    const fn = info.functionAt(now.pc);
    if (info !== this.origin.info || fn !== this.origin.fn || row.line !== this.origin.line || row.file !== this.origin.file) return this.stepStop();
    return undefined;
  }

  /** The step executed a call: follow it (step in, with line information) or run to its return. */
  private enteredCall(now: At, returnAddress: number): SystemStepOutcome | undefined {
    const stack = stackOf(this.pc);
    const overCall = () => {
      this.startRunTo({ addr: returnAddress, accept: () => stackOf(this.pc) === stack && this.at().sp > now.sp, then: this.granularity === 'instruction' ? 'stop' : 'single' });
      return undefined;
    };
    if (this.kind === 'over' || this.kind === 'out') return overCall();
    if (this.granularity === 'instruction') return this.stepStop();
    const info = this.frames.infoAt(now.pc);
    const fn = info?.functionAt(now.pc);
    if (!info || !fn || !info.lineRangeAt(now.pc)) return overCall();
    const body = functionBodyAddress(info, fn.name) ?? now.pc;
    if (body === now.pc || body < fn.lowPc || body >= fn.highPc) return this.stepStop();
    this.startRunTo({ addr: body, accept: () => stackOf(this.pc) === stack && this.at().sp <= now.sp, then: 'stop' });
    return undefined;
  }

  private stepStop(): SystemStepOutcome {
    this.dispose();
    return { kind: 'stop', stop: { reason: 'step', pid: this.thread, description: 'Step' } };
  }
}

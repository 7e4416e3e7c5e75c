// The runtime's surface: what the debug adapter calls and what it hears back. The runtime knows
// nothing of DAP; the adapter only translates. Types here are plain data.
import type { DebugInfo } from '../debuginfo/debug-info';

/** What the runtime tells its host (the adapter) as things happen. */
export interface RuntimeEvents {
  /** the machine stopped (all processes stop together) */
  stopped(stop: StopInfo): void;
  /** guest console output ('stdout'), or a message of the debugger itself ('console') */
  output(text: string, category: 'stdout' | 'console' | 'stderr'): void;
  threadStarted(pid: number, name: string): void;
  threadExited(pid: number): void;
  /** the run ended (power-off); `exitCode` is the initial process's exit status, or 0 after halt */
  exited(exitCode: number): void;
  /** VM state changed: after every stop, and throttled (~4 per second) while running */
  vmChanged(running: boolean): void;
  /** a breakpoint's verification or line changed (e.g. resolved when a program was exec'd) */
  breakpointChanged(bp: BreakpointResult): void;
  /**
   * the machine leaves its stop on a custom request (travel to an event, reverse step out), which
   * the client does not know as an execution request: it should forget the old stop (`pid` is on the CPU)
   */
  continued?(pid: number): void;
}

export type StopReasonName =
  | 'entry'
  | 'breakpoint'
  | 'function breakpoint'
  | 'instruction breakpoint'
  | 'data breakpoint'
  | 'step'
  | 'pause'
  | 'exception'
  | 'end';

/** Why and where the machine stopped. */
export interface StopInfo {
  reason: StopReasonName;
  /** the process (thread) to select */
  pid: number;
  /** shown in the UI, e.g. "Paused on stack growth at 0x4746e000" */
  description: string;
  /** short text, e.g. the exception filter label */
  text?: string;
  hitBreakpointIds?: number[];
}

/** A breakpoint as the runtime resolved it. */
export interface BreakpointResult {
  id: number;
  verified: boolean;
  /** resolved source line (the nearest line with code at or after the requested one) */
  line?: number;
  source?: string;
  /** instruction address as `0x...` */
  instructionReference?: string;
  message?: string;
}

/** A requested source breakpoint. */
export interface SourceBreakpointSpec {
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** One stack frame. `id` is valid until the machine runs again. */
export interface FrameInfo {
  id: number;
  name: string;
  /** absolute local path of the source (after sourceMap), when known */
  source?: string;
  line: number;
  column: number;
  /** address of the frame's current instruction */
  pc: number;
  /** which program (ELF) the code belongs to */
  program: string;
  /** the kernel's work in progress for the process (a label frame above the user frames) */
  kernel?: boolean;
}

/**
 * Everything the inspection side (variables, expressions, memory) needs about one frame.
 * Register values are 64-bit; `readMemory` never faults a page in and never changes A/D bits
 * (a non-present page reads from its swap slot, file or zeros; an unmapped one is unreadable:
 * undefined).
 */
export interface FrameContext {
  pid: number;
  frameIndex: number;
  pc: number;
  /** registers by name: rax..r15, rip, rflags; in outer frames only the recovered ones */
  registers: Map<string, bigint>;
  /** canonical frame address, when known */
  cfa?: bigint;
  debugInfo: DebugInfo | undefined;
  readMemory(va: number, length: number): Uint8Array | undefined;
  /** where the bytes of [va, va+length) that are not in a frame live (`in swap slot 17`), or undefined when all are resident */
  memoryOrigin?(va: number, length: number): string | undefined;
  /** writes through the process's page table; false when a page is not present or not writable */
  writeMemory(va: number, bytes: Uint8Array): boolean;
  /** sets a register of this frame (innermost frame only); false when not possible */
  setRegister(name: string, value: bigint): boolean;
}

/** Thrown by the runtime for problems the user must fix (bad launch attribute, missing file, ...). */
export class UserFacingError extends Error {
  constructor(
    message: string,
    /** the launch attribute at fault, when there is one */
    readonly attribute?: string,
  ) {
    super(message);
  }
}

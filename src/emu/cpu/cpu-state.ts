// The architectural state of the CPU: general registers, rip, rflags (status flags kept lazily),
// plus the link to memory. All registers live in ONE register file seen through several typed views,
// so the executor can do 64-bit arithmetic on BigUint64Array elements, move 32-bit halves through
// the Uint32Array view, and touch partial registers (al/ah/ax) through the byte views, all without
// creating BigInt objects.
import type { MemoryBus } from '../memory/contract';
import type { Area } from '../memory/control-area';
import { Slot } from './registers';
import { SystemState, type SystemSnapshot } from './system-state';

/** Port I/O as the CPU's `in`, `out`, `ins` and `outs` reach it (a PC's port bus implements it). */
export interface PortIo {
  /** Reads `size` (1, 2 or 4) bytes from `port`. */
  in(port: number, size: number): number;
  /** Writes the low `size` bytes of `value` to `port`. */
  out(port: number, size: number, value: number): void;
}

/** Non-status RFLAGS bits user code may change with popf: TF is left out (no single-step traps), IF and IOPL are kept. */
export const USER_WRITABLE_CONTROL_FLAGS = 0x400 | 0x4000 | 0x40000 | 0x200000; // DF NT AC ID

/** Value of the non-status RFLAGS bits at process start: bit 1 (always 1) and IF. */
export const INITIAL_CONTROL_FLAGS = 0x202;

/** Why an instruction asks the run loop to stop after it (CpuState.pendingStop). */
export const enum PendingStop {
  NONE = 0,
  SYSCALL = 1,
  INTERRUPT = 2,
  HALT = 3,
  /** a system instruction changed state the run loop must look at (full-system mode) */
  SYSTEM = 4,
}

/** A copy of the CPU state (see CpuState.snapshot). Plain data. */
export interface CpuSnapshot {
  readonly registerFile: Uint8Array;
  readonly rip: number;
  readonly flagOp: number;
  readonly flagBits: number;
  readonly controlFlags: number;
  /** the system registers, in full-system mode (a user-mode context leaves them out) */
  readonly system?: SystemSnapshot;
}

/**
 * Register file layout: slot i (see `Slot`) occupies bytes [8i, 8i+8). Views:
 * `r64[i]` the 64-bit value, `s64[i]` the same signed, `r32[2i]`/`r32[2i+1]` the low/high 32 bits,
 * `s32` the same signed, `r16[4i]` the low 16 bits, `r8[8i]` the low byte (`r8[8i+1]` = ah..bh).
 *
 * RFLAGS = the six status flags (computed from the lazy state, see cpu/lazy-flags.ts) | `controlFlags`
 * (DF, IF, bit 1, AC, ID, NT). `rip` is a number in [0, 2^48): the low 48 bits of a canonical address.
 */
export class CpuState {
  readonly r64: BigUint64Array;
  readonly s64: BigInt64Array;
  readonly r32: Uint32Array;
  readonly s32: Int32Array;
  readonly r16: Uint16Array;
  readonly r8: Uint8Array;

  /** address of the next instruction to execute */
  rip = 0;
  /** lazy-flags operation (cpu/lazy-flags.ts LazyOp); 0 = the status flags are in `flagBits` */
  flagOp = 0;
  /** materialized status flags; with a lazy op, its CF bit is the carry-in (adc/sbb) or the kept CF (inc/dec) */
  flagBits = 0;
  /** every RFLAGS bit that is not a status flag (DF is 0x400) */
  controlFlags = INITIAL_CONTROL_FLAGS;
  /** set by syscall/int/hlt for the run loop, which clears it (not part of snapshots) */
  pendingStop = PendingStop.NONE;
  /** the vector of a pending `int imm8` stop */
  pendingVector = 0;
  /** set when a decoded code page was written or a watch hit was recorded: the run loop leaves the current block */
  codeWritten = false;
  /** index, within its block, of the instruction that faulted in a compiled block (set on the fault) */
  blockFault = 0;
  /** privilege level, control registers, MSRs, selectors (see cpu/system-state.ts) */
  readonly sys = new SystemState();
  /** where `in`/`out` go; undefined when no devices are attached (they raise #GP at any CPL) */
  ports: PortIo | undefined;
  /** true when this CPU runs a whole kernel: snapshots then carry the system registers */
  fullSystem = false;
  /** the memory this CPU reads and writes */
  readonly mem: MemoryBus;
  /** physical pieces of page-crossing accesses: [first pa, second pa, bytes in first page] per slot */
  readonly split = new Float64Array(6);

  /** A CPU on `mem` whose register file lives at `registers` (8-byte aligned; the machine's CPU
   *  keeps it in the memory's control area, see memory/control-area.ts) or in a buffer of its own. */
  constructor(mem: MemoryBus, registers?: Area) {
    this.mem = mem;
    const buffer = registers?.buffer ?? new ArrayBuffer(Slot.COUNT * 8);
    const at = registers?.offset ?? 0;
    this.r64 = new BigUint64Array(buffer, at, Slot.COUNT);
    this.s64 = new BigInt64Array(buffer, at, Slot.COUNT);
    this.r32 = new Uint32Array(buffer, at, Slot.COUNT * 2);
    this.s32 = new Int32Array(buffer, at, Slot.COUNT * 2);
    this.r16 = new Uint16Array(buffer, at, Slot.COUNT * 4);
    this.r8 = new Uint8Array(buffer, at, Slot.COUNT * 8);
  }

  /** Copies registers, rip and flags. */
  snapshot(): CpuSnapshot {
    return {
      registerFile: this.r8.slice(),
      rip: this.rip,
      flagOp: this.flagOp,
      flagBits: this.flagBits,
      controlFlags: this.controlFlags,
      ...(this.fullSystem ? { system: this.sys.snapshot() } : {}),
    };
  }

  /** Restores what `snapshot` captured. */
  restore(s: CpuSnapshot): void {
    this.r8.set(s.registerFile);
    this.rip = s.rip;
    this.flagOp = s.flagOp;
    this.flagBits = s.flagBits;
    this.controlFlags = s.controlFlags;
    if (s.system !== undefined) this.sys.restore(s.system);
  }
}

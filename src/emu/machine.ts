// The machine: a CPU executing user-mode x86-64 code out of a MemoryBus, block by block, for an
// instruction budget, returning why it stopped. The kernel services syscalls, interrupts and
// faults between calls to `run`; the debugger uses breakpoints, single steps and watchpoints.
// Blocks run by the interpreter (each instruction's handler) until they are hot, then as one
// compiled function each (jit/compile-block.ts); both tiers give the same results and stops.
import type { MemoryBus } from './memory/contract';
import { PageFault } from './memory/contract';
import { Control } from './memory/control-area';
import { CpuState, PendingStop, type CpuSnapshot } from './cpu/cpu-state';
import { CpuFault, InvalidOpcode, Vector } from './cpu/faults';
import { regNumber } from './cpu/registers';
import { Block, BlockCache } from './block-cache';
import { compileBlock, type CompiledBlock } from './jit/compile-block';
import { WasmTier } from './wasm/wasm-tier';
import type { StopReason } from './stop-reason';
import { readRflags, writeRflagsUser } from './exec/stack';
import { setStatusFlags } from './cpu/lazy-flags';
import { STATUS_FLAGS } from './isa/operand-forms';

const TWO47 = 140737488355328;
const TWO48 = 281474976710656;
const BUDGET: StopReason = { kind: 'budget' };
/** Most blocks compiled into one WebAssembly module. */
const MAX_BATCH = 64;
const SYSCALL: StopReason = { kind: 'syscall' };
const HALT: StopReason = { kind: 'halt' };
const SYSTEM: StopReason = { kind: 'system' };

/** Tuning of a machine. */
export interface MachineOptions {
  /**
   * Whole runs of a block by the interpreter before it is compiled to a JavaScript function
   * (default 16; 0 compiles on first use, Infinity never compiles). Either way the results,
   * faults and stops are the same.
   */
  readonly compileAfter?: number;
  /**
   * What hot code is compiled to: 'wasm' (the default: WebAssembly functions run by a dispatcher
   * in WebAssembly; blocks at breakpoints, and everything on a memory bus without a WebAssembly
   * memory, fall back to 'js') or 'js' (a JavaScript function per block). Either way the
   * results, faults and stops are the same.
   */
  readonly engine?: 'js' | 'wasm';
}

/** Default of MachineOptions.compileAfter. */
export const DEFAULT_COMPILE_AFTER = 16;

/** CPU state plus the retired count, as captured by Machine.snapshot. */
export interface MachineSnapshot {
  readonly cpu: CpuSnapshot;
  readonly retired: number;
}

/**
 * One x86-64 CPU bound to one memory bus.
 *
 * Registers: `cpu.r64[n]` (BigUint64Array) / `cpu.r32[2n]`, `cpu.r32[2n+1]` (low/high halves) for
 * the hot path; `getReg`/`setReg` (bigint, by name or number) for convenience. `rip` is a number
 * (low 48 bits of a canonical address); `getRip`/`setRip` convert to and from bigint.
 */
export class Machine {
  /** the architectural state */
  readonly cpu: CpuState;
  /** exact number of retired instructions (syscall and int count; a faulting instruction does not) */
  retired = 0;
  private readonly blocks: BlockCache;
  private readonly breakpoints = new Set<number>();
  /** breakpoints.size !== 0, kept as a plain field for the run loop */
  private hasBreakpoints = false;
  private readonly stopBefore = (addr: number) => this.breakpoints.has(addr);
  private resumeAt = -1;
  private readonly compileAfter: number;
  private readonly wasm: WasmTier | undefined;

  constructor(readonly mem: MemoryBus, options: MachineOptions = {}) {
    this.compileAfter = options.compileAfter ?? DEFAULT_COMPILE_AFTER;
    const guest = mem.guest;
    this.cpu = new CpuState(mem, guest === undefined ? undefined : { buffer: guest.buffer, offset: guest.controlBase + Control.REGISTERS });
    this.blocks = new BlockCache(mem);
    const tier = (options.engine ?? 'wasm') === 'wasm' && guest?.wasm !== undefined ? new WasmTier(this.cpu, { ...guest, wasm: guest.wasm }) : undefined;
    this.wasm = tier;
    if (tier !== undefined) {
      this.blocks.onDrop = (b) => tier.forget(b);
      this.blocks.onClear = () => tier.clear();
    }
    mem.onCodeWrite((ppn) => {
      this.blocks.dropPage(ppn);
      this.cpu.codeWritten = true;
    });
    mem.onWatchHit(() => {
      this.cpu.codeWritten = true;
    });
  }

  /**
   * Executes up to `budget` instructions and returns why it stopped (see StopReason). Never
   * throws for guest behaviour: undefined opcodes, faults and non-canonical addresses become
   * `fault` stops. A breakpoint at the rip where the previous run stopped for it is passed over.
   */
  run(budget: number): StopReason {
    const cpu = this.cpu;
    const mem = this.mem;
    let remaining = budget;
    let resume = this.resumeAt;
    this.resumeAt = -1;
    // Hits recorded before this call (kernel writes to watched frames) stop the machine after
    // one instruction; the interpreter's per-instruction check does that, so it runs first.
    let hitsPending = mem.hasWatchHits;
    // `codeWritten` also goes up when a watch hit is recorded (see the constructor), so the
    // per-instruction check below is one field; it starts as "hits pending".
    cpu.codeWritten = hitsPending;
    for (;;) {
      if (remaining <= 0) return BUDGET;
      const rip = cpu.rip;
      const breakpoints = this.hasBreakpoints;
      if (breakpoints && rip !== resume && this.breakpoints.has(rip)) {
        this.resumeAt = rip;
        return { kind: 'breakpoint', addr: rip };
      }
      resume = -1;
      let block: Block;
      try {
        block = this.blocks.lookup(rip, breakpoints ? this.stopBefore : undefined);
      } catch (e) {
        return this.faultStop(e, rip);
      }
      const insns = block.insns;
      const len = insns.length;
      let done: number;
      const tier = this.wasm;
      if (tier !== undefined && len <= remaining && !hitsPending && (block.wasmIndex >= 0 || (block.compiled === undefined && block.runs >= this.compileAfter && this.compileWasm(tier, block)))) {
        tier.enter(block);
        try {
          done = tier.run(remaining);
        } catch (e) {
          this.retired += cpu.blockFault;
          return this.faultStop(e, cpu.rip);
        }
      } else if (len <= remaining && !hitsPending && (block.compiled !== undefined || (++block.runs > this.compileAfter && this.compile(block)))) {
        cpu.rip = block.end;
        try {
          done = (block.compiled as CompiledBlock)(remaining);
        } catch (e) {
          const k = cpu.blockFault;
          const at = insns[k % len].addr;
          cpu.rip = at;
          this.retired += k;
          return this.faultStop(e, at);
        }
        if (done % len !== 0) cpu.rip = insns[done % len].addr;
      } else {
        const n = len < remaining ? len : remaining;
        cpu.rip = n === len ? block.end : insns[n].addr;
        let i = 0;
        try {
          while (i < n) {
            const insn = insns[i++];
            insn.exec(cpu, insn);
            if (cpu.codeWritten) break;
          }
        } catch (e) {
          const at = insns[i - 1].addr;
          cpu.rip = at;
          this.retired += i - 1;
          return this.faultStop(e, at);
        }
        done = i;
        hitsPending = false;
        if (i !== len) cpu.rip = insns[i].addr;
      }
      this.retired += done;
      remaining -= done;
      const left = cpu.codeWritten;
      if (left) cpu.codeWritten = false;
      if (cpu.pendingStop !== PendingStop.NONE) {
        const stop = cpu.pendingStop;
        cpu.pendingStop = PendingStop.NONE;
        if (stop === PendingStop.SYSCALL) return SYSCALL;
        if (stop === PendingStop.HALT) return HALT;
        if (stop === PendingStop.SYSTEM) return this.systemStop();
        return { kind: 'interrupt', vector: cpu.pendingVector };
      }
      if (left && mem.hasWatchHits) return { kind: 'watchpoint', hits: mem.takeWatchHits() };
    }
  }

  /** After a system instruction: decoded code follows a change of code width (a kernel's switch
   *  from 32-bit boot code to long mode). */
  private systemStop(): StopReason {
    const bits = this.cpu.sys.codeBits;
    if (bits !== this.blocks.codeBits) {
      this.blocks.clear();
      this.blocks.codeBits = bits;
    }
    return SYSTEM;
  }

  /** Compiles a hot block to a JavaScript function; returns true (run it now). */
  private compile(block: Block): boolean {
    block.compiled = compileBlock(this.cpu, this.mem, block.insns, !this.breakpoints.has(block.va));
    return true;
  }

  /**
   * Compiles a hot block for the WebAssembly tier, with the warm blocks of its page not compiled
   * yet; returns true, or false for a block at a breakpoint (the dispatcher never enters those:
   * the JavaScript tier runs them).
   */
  private compileWasm(tier: WasmTier, block: Block): boolean {
    if (this.breakpoints.has(block.va)) return false;
    const warm = this.compileAfter / 2;
    const others = this.blocks.pageBlocks(block).filter((b) => b !== block && b.wasmIndex < 0 && b.runs >= warm && !this.breakpoints.has(b.va));
    tier.compile([block, ...others.slice(0, MAX_BATCH - 1)]);
    return true;
  }

  /** Executes one instruction; returns `step` unless something else stopped it first. */
  step(): StopReason {
    const r = this.run(1);
    return r.kind === 'budget' ? { kind: 'step' } : r;
  }

  private faultStop(e: unknown, at: number): StopReason {
    if (this.mem.hasWatchHits) this.mem.takeWatchHits();
    this.cpu.pendingStop = PendingStop.NONE;
    if (e instanceof PageFault) {
      return { kind: 'fault', vector: Vector.PF, errorCode: e.errorCode, addr: e.addr, message: e.message };
    }
    if (e instanceof InvalidOpcode) {
      return { kind: 'fault', vector: Vector.UD, addr: at, bytes: e.bytes, message: `${e.message} at 0x${at.toString(16)}` };
    }
    if (e instanceof CpuFault) {
      const base = { kind: 'fault' as const, vector: e.vector, message: `${e.message} at 0x${at.toString(16)}` };
      if (e.vector === Vector.UD) return { ...base, addr: at, bytes: this.peekBytes(at, 2) };
      return e.errorCode === undefined ? base : { ...base, errorCode: e.errorCode };
    }
    throw e;
  }

  private peekBytes(va: number, n: number): number[] {
    const out: number[] = [];
    try {
      for (let k = 0; k < n; k++) out.push(this.mem.ram[this.mem.translate(va + k, 0, true)]);
    } catch {
      // unreadable bytes are simply left out
    }
    return out;
  }

  /** Adds an address breakpoint (stops before executing the instruction at `va`). */
  addBreakpoint(va: number): void {
    if (this.breakpoints.has(va)) return;
    this.breakpoints.add(va);
    this.hasBreakpoints = true;
    this.blocks.clear();
  }

  /** Removes an address breakpoint. */
  removeBreakpoint(va: number): void {
    if (!this.breakpoints.delete(va)) return;
    this.hasBreakpoints = this.breakpoints.size !== 0;
    this.blocks.clear();
  }

  /** The addresses of all breakpoints. */
  listBreakpoints(): number[] {
    return [...this.breakpoints];
  }

  /** Drops all decoded code (call after restoring memory from a snapshot; it also takes up the
   *  CPU's code width). */
  flushDecodedCode(): void {
    this.blocks.clear();
    this.blocks.codeBits = this.cpu.sys.codeBits;
  }

  /** A 64-bit register by number (0..15) or name ('rax'..'r15'). */
  getReg(reg: number | string): bigint {
    return this.cpu.r64[this.regIndex(reg)];
  }

  /** Sets a 64-bit register by number or name (the value is taken modulo 2^64). */
  setReg(reg: number | string, value: bigint): void {
    this.cpu.r64[this.regIndex(reg)] = BigInt.asUintN(64, value);
  }

  private regIndex(reg: number | string): number {
    const n = typeof reg === 'number' ? reg : regNumber(reg);
    if (!(n >= 0 && n < 16)) throw new RangeError(`no such register: ${reg}`);
    return n;
  }

  /** rip as a 64-bit value. */
  getRip(): bigint {
    const rip = this.cpu.rip;
    return BigInt(rip >= TWO47 ? rip - TWO48 : rip) & 0xffffffffffffffffn;
  }

  /** Sets rip; throws RangeError for a non-canonical address. */
  setRip(value: bigint | number): void {
    const v = BigInt.asIntN(64, BigInt(value));
    if (v >= BigInt(TWO47) || v < -BigInt(TWO47)) throw new RangeError(`non-canonical rip ${v.toString(16)}`);
    this.cpu.rip = Number(v < 0n ? v + BigInt(TWO48) : v);
  }

  /** RFLAGS as a number. */
  getRflags(): number {
    return readRflags(this.cpu);
  }

  /** Sets RFLAGS: status flags and DF/AC/ID/NT as given, IF and bit 1 kept. */
  setRflags(value: number): void {
    writeRflagsUser(this.cpu, value);
  }

  /** Sets just the six status flags. */
  setStatusFlags(value: number): void {
    setStatusFlags(this.cpu, STATUS_FLAGS, value);
  }

  /** Captures the CPU state and retired count (memory snapshots belong to the memory system). */
  snapshot(): MachineSnapshot {
    return { cpu: this.cpu.snapshot(), retired: this.retired };
  }

  /** Restores a MachineSnapshot. If memory was restored too, also call flushDecodedCode. */
  restore(s: MachineSnapshot): void {
    this.cpu.restore(s.cpu);
    this.retired = s.retired;
    this.resumeAt = -1;
  }
}

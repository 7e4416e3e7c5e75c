// The functions WebAssembly block functions call on their slow paths: in JavaScript, a translation
// that missed the TLB (or crosses a page), loads and stores through split handles, #GP for
// non-canonical addresses, and whole instructions left to their interpreter handlers; in
// WebAssembly (wasm-flags.ts), conditions on lazy flags the block does not know and setting
// CF/OF. The JavaScript ones keep the CPU object and the exchange words in step (exchange.ts):
// flags are read from the exchange words before JavaScript looks at them and written back after
// it changed them.
import { MAX_BLOCK } from '../block-cache';
import type { CpuState } from '../cpu/cpu-state';
import { Slot } from '../cpu/registers';
import type { Insn } from '../decoder/insn';
import { canonical, ld16, ld32, ld64, ld8, phys, st16, st32, st64, st8 } from '../exec/memory-access';
import { branchTarget } from '../jit/block-runtime';
import { X_FLAG_BITS, X_FLAG_OP, X_LEAVE, X_RIP } from './exchange';
import type { WasmFlags } from './wasm-flags';

/** Typed views of the exchange words. */
export interface ExchangeViews {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** index of the first exchange word in `i32` (byte offset / 4) */
  readonly i32Base: number;
  /** index of the first exchange word in `f64` (byte offset / 8) */
  readonly f64Base: number;
}

/** Import indexes, in the order `blockImports` lists them (function indexes in the module). */
export const enum Import {
  /** (va f64, size i32, access i32, slot i32) -> handle f64 */
  Translate = 0,
  /** (handle f64, size i32) -> value i64 */
  LoadHandle = 1,
  /** (handle f64, size i32, value i64) */
  StoreHandle = 2,
  /** (cc i32) -> i32 */
  Condition = 3,
  /** (lo i32, hi i32): throws #GP for the non-canonical address hi:lo */
  NonCanonical = 4,
  /** (lo i32, hi i32) -> f64: the canonical branch target or #GP */
  BranchTarget = 5,
  /** (insn i32): runs instruction `insn` (named as in X_INSN) with its interpreter handler */
  Interpret = 6,
  /** (mask i32, value i32): replaces the status flags in `mask` with those bits of `value` */
  SetFlags = 7,
  /** (budget i32, done i32, table index i32) -> i32: tail-calls the block function at that index
   *  (the dispatcher module's; only it imports the function table, see wasm-dispatcher.ts) */
  Chain = 8,
  COUNT = 9,
}

const T0 = Slot.T0;

/** A compiled block as the imports see it. */
export interface ImportBlock {
  readonly insns: readonly Insn[];
  readonly end: number;
}

/**
 * The import functions of the compiled blocks run by `cpu`, with the flag functions `flags` of its
 * guest memory and the dispatcher's `chain`; `blockAt(t)` is the block at table index t (instructions are named as in X_INSN:
 * t * MAX_BLOCK + place).
 */
export function blockImports(cpu: CpuState, x: ExchangeViews, flags: WasmFlags, chain: (budget: number, done: number, index: number) => number, blockAt: (t: number) => ImportBlock): ((...args: never[]) => unknown)[] {
  const { i32, f64, i32Base, f64Base } = x;
  const mem = cpu.mem;
  const leaveIfNeeded = (): void => {
    if (cpu.codeWritten || mem.hasWatchHits) i32[i32Base + X_LEAVE / 4] = 1;
  };
  const translate = (va: number, size: number, access: number, slot: number): number => {
    const h = phys(cpu, va, size, access, slot);
    leaveIfNeeded();
    return h;
  };
  const loadHandle = (h: number, size: number): bigint => {
    let v: number;
    if (size === 8) {
      ld64(cpu, h, T0);
      v = -1;
    } else v = size === 4 ? ld32(cpu, h) : size === 2 ? ld16(cpu, h) : ld8(cpu, h);
    leaveIfNeeded();
    return v < 0 ? cpu.r64[T0] : BigInt(v);
  };
  const storeHandle = (h: number, size: number, value: bigint): void => {
    if (size === 8) {
      cpu.r64[T0] = value;
      st64(cpu, h, T0);
    } else {
      const v = Number(BigInt.asUintN(32, value));
      if (size === 4) st32(cpu, h, v);
      else if (size === 2) st16(cpu, h, v & 0xffff);
      else st8(cpu, h, v & 0xff);
    }
    leaveIfNeeded();
  };
  const nonCanonical = (lo: number, hi: number): void => {
    canonical(lo >>> 0, hi);
  };
  const target = (lo: number, hi: number): number => branchTarget(lo >>> 0, hi >>> 0);
  const interpret = (index: number): void => {
    const block = blockAt(Math.floor(index / MAX_BLOCK));
    const insn = block.insns[index % MAX_BLOCK];
    cpu.flagOp = i32[i32Base + X_FLAG_OP / 4];
    cpu.flagBits = i32[i32Base + X_FLAG_BITS / 4];
    cpu.rip = block.end;
    insn.exec(cpu, insn);
    i32[i32Base + X_FLAG_OP / 4] = cpu.flagOp;
    i32[i32Base + X_FLAG_BITS / 4] = cpu.flagBits;
    f64[f64Base + X_RIP / 8] = cpu.rip;
    if (cpu.codeWritten || cpu.pendingStop !== 0 || mem.hasWatchHits) i32[i32Base + X_LEAVE / 4] = 1;
  };
  return [translate, loadHandle, storeHandle, flags.condition, nonCanonical, target, interpret, flags.setFlags, chain] as ((...args: never[]) => unknown)[];
}

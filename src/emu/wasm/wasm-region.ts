// The WebAssembly tier: the decoded blocks of one code page compiled into one WebAssembly
// function. Registers, the TLB and RAM are read in place (they share the module's memory, see
// memory/control-area.ts); a jump to another block of the region is a branch inside the
// function (a loop around a br_table on the rip's page offset), anything else returns to the run
// loop. Instructions the tier does not handle call their interpreter handler.
//
// Contract of the returned function `f(budget)` (the same as a JavaScript region's): called with
// `cpu.rip` at the start of one of its blocks and budget >= that block's length, it runs whole
// blocks while the next one fits in `budget` and returns how many instructions completed, with
// `cpu.rip` (and the lazy flags) at the state after them. It returns early after an instruction
// whose slow path wrote decoded code or hit a watch, after an interpreted instruction that asked
// the run loop to stop, and at a block that starts at a breakpoint unless it is the first one.
// When an instruction faults it has changed nothing; `cpu.rip` is set to it and
// `cpu.blockFault` to the count of instructions completed before it, and the fault is rethrown.
import type { CpuState } from '../cpu/cpu-state';
import type { Insn } from '../decoder/insn';
import type { MemoryBus } from '../memory/contract';
import { Control } from '../memory/control-area';
import { NotCompilable } from '../jit/block-source';
import { liveFlagsOut, planFor } from '../jit/compile-block';
import { Op } from './wasm-code';
import { buildModule, ValType, type FuncType } from './wasm-module';
import { X_DONE, X_FLAG_BITS, X_FLAG_OP, X_INSN, X_LEAVE, X_RIP } from './exchange';
import { Import, regionImports } from './region-imports';
import { After, emitNative } from './wasm-insns';
import { RegionCode } from './wasm-operands';

/** A compiled region (see the file comment). */
export type WasmRegion = (budget: number) => number;

/** What the region compiler needs of a decoded block. */
export interface WasmRegionBlock {
  readonly va: number;
  readonly end: number;
  readonly insns: readonly Insn[];
}

const { F64, I32, I64 } = { F64: ValType.F64, I32: ValType.I32, I64: ValType.I64 };

/** Function types: the imports in Import order, then the region function. */
const TYPES: FuncType[] = [
  { params: [F64, I32, I32, I32], results: [F64] },
  { params: [F64, I32], results: [I64] },
  { params: [F64, I32, I64], results: [] },
  { params: [I32], results: [I32] },
  { params: [I32, I32], results: [] },
  { params: [I32, I32], results: [F64] },
  { params: [I32], results: [] },
  { params: [I32, F64], results: [I32] },
];
const REGION_TYPE = 7;

/** Emits one block as case `j` of `n`; `first` is its first instruction's region index. */
function emitCase(rc: RegionCode, block: WasmRegionBlock, j: number, n: number, first: number, atBreakpoint: boolean): void {
  const c = rc.code;
  const len = block.insns.length;
  c.get(rc.done).i32(len).op(Op.I32Add).get(0).op(Op.I32GtS).open(Op.If);
  rc.leave(0);
  c.end();
  if (atBreakpoint) {
    c.get(rc.done).open(Op.If);
    rc.leave(0);
    c.end();
  }
  c.i32(0).set(rc.slow);
  rc.known = undefined;
  rc.startBlock();
  const live = liveFlagsOut(block.insns.map(planFor));
  let after: After | undefined = After.NEXT;
  block.insns.forEach((insn, p) => {
    const last = p === len - 1;
    rc.index = first + p;
    rc.startInstruction();
    const mark = c.mark();
    try {
      after = emitNative(rc, insn, live[p]);
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      c.truncate(mark);
      after = undefined;
    }
    if (after === undefined) {
      rc.noteSlowPath();
      c.i32(rc.index).call(Import.Interpret);
      rc.known = undefined;
    }
    if (!last) {
      c.get(rc.slow).open(Op.If);
      rc.leaveFlag();
      c.open(Op.If);
      rc.leave(p + 1, () => c.i64(insn.next));
      c.end();
      c.end();
    }
  });
  if (after === undefined) {
    rc.interpretedRip();
    c.set(rc.rip);
  } else if (after === After.NEXT) c.i64(block.end).set(rc.rip);
  c.get(rc.done).i32(len).op(Op.I32Add).set(rc.done);
  c.get(rc.slow).open(Op.If);
  rc.leaveFlag();
  c.open(Op.If);
  rc.leave(0);
  c.end();
  c.end();
  c.br(n - j);
}

/**
 * Compiles `blocks` (decoded blocks of one page at one linear page, distinct starts) for `cpu`
 * into a region, or returns undefined when the memory bus has no WebAssembly memory.
 * `atBreakpoint(va)` tells which block starts hold a breakpoint. No guest state is read or changed.
 */
export function compileWasmRegion(cpu: CpuState, mem: MemoryBus, blocks: readonly WasmRegionBlock[], atBreakpoint: (va: number) => boolean): WasmRegion | undefined {
  const guest = mem.guest;
  if (guest?.wasm === undefined) return undefined;
  const rc = new RegionCode(guest.controlBase);
  const c = rc.code;
  const pageBase = blocks[0].va - (blocks[0].va % 4096);
  const n = blocks.length;
  const caseAt = new Int32Array(4096).fill(n);
  blocks.forEach((b, j) => { caseAt[b.va - pageBase] = j; });
  c.get(1).op(Op.I64TruncF64U).set(rc.rip);
  c.open(Op.Loop);
  c.open(Op.Block);
  for (let j = 0; j < n; j++) c.open(Op.Block);
  c.get(rc.rip).i64(pageBase).op(Op.I64Sub).i64(4096).op(Op.I64GeU).brIf(n);
  c.get(rc.rip).i64(pageBase).op(Op.I64Sub, Op.I32WrapI64).brTable([...caseAt], n);
  const all: Insn[] = [];
  const ends: number[] = [];
  const faultAddr: number[] = [];
  const faultPosition: number[] = [];
  blocks.forEach((b, j) => {
    c.end();
    emitCase(rc, b, j, n, all.length, atBreakpoint(b.va));
    b.insns.forEach((insn, p) => {
      all.push(insn);
      ends.push(b.end);
      faultAddr.push(insn.addr);
      faultPosition.push(p);
    });
  });
  c.end();
  rc.leave(0);
  c.end();
  c.op(Op.Unreachable);
  const exchangeByte = guest.controlBase + Control.EXCHANGE;
  const x = {
    i32: new Int32Array(guest.buffer),
    f64: new Float64Array(guest.buffer, 0, Math.floor(guest.buffer.byteLength / 8)),
    i32Base: exchangeByte / 4,
    f64Base: exchangeByte / 8,
  };
  const imports = regionImports(cpu, x, all, Float64Array.from(ends));
  const pages = guest.buffer.byteLength / 65536;
  const binary = buildModule(TYPES, [0, 1, 2, 3, 4, 5, 6, 4], pages, [{ type: REGION_TYPE, locals: c.locals, body: c.bytes, exportName: 'run' }]);
  const env: Record<string, unknown> = { memory: guest.wasm };
  imports.forEach((f, i) => { env[`f${i}`] = f; });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env } as WebAssembly.Imports);
  const run = instance.exports.run as (budget: number, rip: number) => number;
  const i32 = x.i32;
  const f64 = x.f64;
  const op = x.i32Base + X_FLAG_OP / 4;
  const bits = x.i32Base + X_FLAG_BITS / 4;
  const leaveWord = x.i32Base + X_LEAVE / 4;
  const ripWord = x.f64Base + X_RIP / 8;
  const insnWord = x.i32Base + X_INSN / 4;
  const doneWord = x.i32Base + X_DONE / 4;
  return (budget: number): number => {
    i32[op] = cpu.flagOp;
    i32[bits] = cpu.flagBits;
    i32[leaveWord] = 0;
    let done: number;
    try {
      done = run(budget, cpu.rip);
    } catch (e) {
      cpu.flagOp = i32[op];
      cpu.flagBits = i32[bits];
      const k = i32[insnWord];
      cpu.rip = faultAddr[k];
      cpu.blockFault = i32[doneWord] + faultPosition[k];
      throw e;
    }
    cpu.flagOp = i32[op];
    cpu.flagBits = i32[bits];
    cpu.rip = f64[ripWord];
    return done;
  };
}

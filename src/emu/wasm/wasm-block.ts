// WebAssembly functions for decoded blocks: one function per block, a batch of them per module.
// A block function runs its block's instructions on the registers, TLB and RAM in guest memory
// (natively where wasm-insns.ts handles the instruction, through the interpreter's handler
// otherwise), leaves the rip it continues at in the exchange word X_NEXT and returns the
// instructions completed so far; a negative result (-1 - completed) tells the dispatcher to
// return to the run loop (a slow path wrote decoded code, hit a watch, or an interpreted
// instruction asked the run loop to stop).
import type { Insn } from '../decoder/insn';
import { MAX_BLOCK } from '../block-cache';
import { NotCompilable } from '../jit/block-source';
import { isFallbackPlan, liveFlagsOut, planFor } from '../jit/compile-block';
import { STATUS_FLAGS } from '../isa/operand-forms';
import { Op } from './wasm-code';
import { buildModule, ValType, type FuncDef, type FuncType } from './wasm-module';
import { Import } from './block-imports';
import { After, emitNative } from './wasm-insns';
import { BlockCode } from './wasm-operands';

/** What a block function is made from. */
export interface CompilableBlock {
  readonly va: number;
  /** physical address of its first instruction */
  readonly pa: number;
  readonly end: number;
  readonly insns: readonly Insn[];
}

/** Whether the engine runs tail calls (return_call, return_call_indirect): a module whose two
 *  functions tail-call validates. Without them every block returns to the dispatcher. */
export const TAIL_CALLS = WebAssembly.validate(new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  1, 4, 1, 0x60, 0, 0, // type 0: [] -> []
  3, 3, 2, 0, 0, // two functions of type 0
  4, 4, 1, 0x70, 0, 1, // a table of one funcref
  10, 14, 2, 7, 0, 0x41, 0, 0x13, 0, 0, 0x0b, // i32.const 0; return_call_indirect type 0 table 0
  4, 0, 0x12, 0, 0x0b, // return_call 0
]));

const { F64, I32, I64 } = { F64: ValType.F64, I32: ValType.I32, I64: ValType.I64 };

/** Function types: the imports in Import order, the block function (budget, done) -> done, and
 *  the Chain import. */
export const MODULE_TYPES: FuncType[] = [
  { params: [F64, I32, I32, I32], results: [F64] },
  { params: [F64, I32], results: [I64] },
  { params: [F64, I32, I64], results: [] },
  { params: [I32], results: [I32] },
  { params: [I32, I32], results: [] },
  { params: [I32, I32], results: [F64] },
  { params: [I32], results: [] },
  { params: [I32, I32], results: [I32] },
  { params: [I32, I32, I32], results: [I32] },
];
/** The type index of each import, in Import order. */
export const IMPORT_TYPES = [0, 1, 2, 3, 4, 5, 6, 4, 8];
/** The type index of block functions. */
export const BLOCK_TYPE = 7;
/** The type index of the Chain import. */
export const CHAIN_TYPE = 8;

/** The function of `block`, whose table index is `tableIndex`. */
function blockFunction(controlBase: number, block: CompilableBlock, tableIndex: number): FuncDef {
  const rc = new BlockCode(controlBase);
  const c = rc.code;
  const len = block.insns.length;
  const loops = jumpsToItself(block);
  rc.known = undefined;
  rc.startBlock();
  if (loops) c.open(Op.Loop);
  c.i32(0).set(rc.slow);
  const plans = block.insns.map(planFor);
  // an instruction without a JavaScript-tier plan (adc, sbb) counts as writing no flags there: here
  // it may be compiled, and keeps every flag it writes
  const live = liveFlagsOut(plans).map((l, i) => (isFallbackPlan(plans[i]) ? STATUS_FLAGS : l));
  let after: After | undefined = After.NEXT;
  block.insns.forEach((insn, p) => {
    const last = p === len - 1;
    rc.index = tableIndex * MAX_BLOCK + p;
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
      rc.flagsStored();
      rc.registersChanged();
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
  if (loops) {
    // another pass when the branch went back to the start and the pass fits in the budget; the
    // registers and flags go to memory first, as the pass starts with nothing in locals
    rc.storeRegisters();
    rc.flushFlags();
    c.get(rc.rip).i64(block.va).op(Op.I64Eq).get(rc.done).i32(len).op(Op.I32Add).get(0).op(Op.I32LeS, Op.I32And).brIf(0);
    c.end();
  }
  if (TAIL_CALLS) rc.chainOrFinish(0, Math.floor(block.va / 4096), block.pa - (block.pa % 4096));
  else rc.finish(0);
  c.prepend(rc.prologue());
  return { type: BLOCK_TYPE, locals: rc.code.locals, body: rc.code.bytes, exportName: `b${tableIndex}` };
}

/** True when the block ends with a direct jump or conditional branch to its own first instruction. */
function jumpsToItself(block: CompilableBlock): boolean {
  const last = block.insns[block.insns.length - 1];
  const flow = last.entry.flow;
  return (flow === 'branch' || flow === 'jump') && last.entry.operands[0] !== 'r/m' && last.target === block.va;
}

/**
 * A module with the functions of `blocks` (`tableIndexes[i]` is block i's table index, which its
 * instructions are named by), importing `memory` (guest memory of `pages` 64 KiB pages whose
 * control area starts at `controlBase`) and the import functions `imports` (Import order).
 * Returns the functions in the order of `blocks`. No guest state is read or changed.
 */
export function compileBatch(blocks: readonly CompilableBlock[], tableIndexes: readonly number[], controlBase: number, memory: WebAssembly.Memory, pages: number, imports: readonly ((...args: never[]) => unknown)[]): WebAssembly.ExportValue[] {
  const funcs = blocks.map((b, i) => blockFunction(controlBase, b, tableIndexes[i]));
  // the modules do not import the function table: every table.set would then update each of them
  const binary = buildModule(MODULE_TYPES, IMPORT_TYPES, pages, funcs);
  const env: Record<string, unknown> = { memory };
  imports.forEach((f, i) => { env[`f${i}`] = f; });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env } as WebAssembly.Imports);
  return tableIndexes.map((t) => instance.exports[`b${t}`]);
}

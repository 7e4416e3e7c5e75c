// The dispatcher of the WebAssembly tier: one function per machine that runs compiled blocks one
// after another without returning to JavaScript. For each block on another page than the
// previous one it probes the execute TLB for the rip (a miss returns to the run loop, which walks
// the page tables; mappings cannot change during a run), looks the physical
// address up in the code cache of the control area (a miss returns too), checks the budget and
// calls the block's function through the function table.
//
// Code cache entry (32 bytes, at CODE_CACHE + slot * 32): linear address f64 @0, physical address
// i32 @8 (-1 when empty), table index i32 @12, length i32 @16. Slot of physical address pa:
// (pa ^ (pa >>> 13)) & (CODE_CACHE_ENTRIES - 1).
import { Access } from '../memory/contract';
import { CODE_CACHE_ENTRIES, Control } from '../memory/control-area';
import { TLB_BITS, TLB_ENTRIES } from '../memory/tlb';
import { Code, Op } from './wasm-code';
import { buildModule, ValType } from './wasm-module';
import { X_NEXT, X_RIP } from './exchange';
import { BLOCK_TYPE, CHAIN_TYPE, MODULE_TYPES, TAIL_CALLS } from './wasm-block';

/** The code-cache slot of physical address `pa`. */
export function codeCacheSlot(pa: number): number {
  return (pa ^ (pa >>> 13)) & (CODE_CACHE_ENTRIES - 1);
}

/** The dispatcher's functions. */
export interface Dispatcher {
  /** Runs compiled blocks from `rip` while the next one fits in `budget`; returns the instructions
   *  completed and leaves the rip to continue at in the exchange word X_RIP. */
  readonly run: (budget: number, rip: number) => number;
  /** The blocks' Chain import (block-imports.ts): block modules do not import the table. */
  readonly chain: (budget: number, done: number, index: number) => number;
}

/** Builds the dispatcher for guest memory `memory` (`pages` pages, control area at
 *  `controlBase`) and the function table `table` of the block functions. */
export function buildDispatcher(memory: WebAssembly.Memory, pages: number, controlBase: number, table: WebAssembly.Table): Dispatcher {
  const c = new Code(2);
  const done = c.local(ValType.I32);
  const r = c.local(ValType.I32);
  const va = c.local(ValType.I64);
  const off = c.local(ValType.I32);
  const e = c.local(ValType.I32);
  const pa = c.local(ValType.I32);
  const entry = c.local(ValType.I32);
  const page = c.local(ValType.I64);
  const frame = c.local(ValType.I32);
  const executeTable = (Access.Execute << 1) | 1;
  const tags = controlBase + Control.TLB_TAGS + (executeTable << TLB_BITS) * 8;
  const frames = controlBase + Control.TLB_FRAMES + (executeTable << TLB_BITS) * 4;
  const cache = controlBase + Control.CODE_CACHE;
  const exchange = controlBase + Control.EXCHANGE;
  c.get(1).op(Op.I64TruncF64U).set(va);
  c.i64(-1).set(page);
  c.open(Op.Loop);
  c.open(Op.Block);
  c.get(va).op(Op.I32WrapI64).i32(4095).op(Op.I32And).set(off);
  // the page of the previous block needs no TLB probe: mappings cannot change during a run
  c.get(va).i64(12).op(Op.I64ShrU).get(page).op(Op.I64Ne);
  c.open(Op.If);
  c.get(va).i64(12).op(Op.I64ShrU, Op.I32WrapI64).i32(TLB_ENTRIES - 1).op(Op.I32And).set(e);
  c.get(e).i32(3).op(Op.I32Shl).mem(Op.F64Load, 3, tags);
  c.get(va).get(off).op(Op.I64ExtendI32U, Op.I64Sub, Op.F64ConvertI64U, Op.F64Ne).brIf(1);
  c.get(e).i32(2).op(Op.I32Shl).mem(Op.I32Load, 2, frames).set(frame);
  c.get(va).i64(12).op(Op.I64ShrU).set(page);
  c.end();
  c.get(frame).get(off).op(Op.I32Add).set(pa);
  c.get(pa).get(pa).i32(13).op(Op.I32ShrU, Op.I32Xor).i32(CODE_CACHE_ENTRIES - 1).op(Op.I32And).i32(5).op(Op.I32Shl).set(entry);
  c.get(entry).mem(Op.I32Load, 2, cache + 8).get(pa).op(Op.I32Ne).brIf(0);
  c.get(entry).mem(Op.F64Load, 3, cache).get(va).op(Op.F64ConvertI64U, Op.F64Ne).brIf(0);
  c.get(done).get(entry).mem(Op.I32Load, 2, cache + 16).op(Op.I32Add).get(0).op(Op.I32GtS).brIf(0);
  c.get(0).get(done).get(entry).mem(Op.I32Load, 2, cache + 12).callIndirect(BLOCK_TYPE).set(r);
  c.i32(0).mem(Op.I64Load, 3, exchange + X_NEXT).set(va);
  c.get(r).i32(0).op(Op.I32LtS);
  c.open(Op.If).i32(-1).get(r).op(Op.I32Sub).set(done).br(1).end();
  c.get(r).set(done).br(1);
  c.end();
  c.i32(0).get(va).op(Op.F64ConvertI64U).mem(Op.F64Store, 3, exchange + X_RIP);
  c.get(done).op(Op.Return);
  c.end();
  c.op(Op.Unreachable);
  const types = [...MODULE_TYPES, { params: [ValType.I32, ValType.F64], results: [ValType.I32] }];
  const funcs = [{ type: types.length - 1, locals: c.locals, body: c.bytes, exportName: 'run' }];
  if (TAIL_CALLS) funcs.push({ type: CHAIN_TYPE, locals: [], body: chainBody(), exportName: 'chain' });
  const binary = buildModule(types, [], pages, funcs, true);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory, table } });
  const run = instance.exports.run as Dispatcher['run'];
  const chain = (instance.exports.chain ?? (() => { throw new Error('no tail calls'); })) as Dispatcher['chain'];
  return { run, chain };
}

/** chain(budget, done, index): tail-calls the block function at table index `index` with (budget, done). */
function chainBody(): number[] {
  const c = new Code(3);
  c.get(0).get(1).get(2).returnCallIndirect(BLOCK_TYPE);
  return c.bytes;
}

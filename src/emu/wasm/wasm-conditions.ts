// Condition codes in WebAssembly block functions. When the block's last flag-writing instruction is known
// at compile time (cmp, sub, add, test, and, or, xor), jcc/setcc/cmovcc compare its operands
// directly; otherwise the Condition import computes it from the lazy-flag record. Results agree with
// cpu/lazy-flags.ts exactly (the same cases as jit/conditions.ts).
import { LazyKind } from '../cpu/lazy-flags';
import { Op } from './wasm-code';
import { Import } from './block-imports';
import type { BlockCode, WasmKnownFlags } from './wasm-operands';

/** Pushes condition `cc` (0..15) as an i32 0/1. */
export function pushCondition(rc: BlockCode, cc: number): void {
  const k = rc.known;
  if (k !== undefined && direct(rc, k, cc)) return;
  // the Condition import (WebAssembly, wasm-flags.ts) reads the record from memory; it cannot fault
  rc.flushFlags();
  rc.code.i32(cc).call(Import.Condition);
}

/** Ops for one width: [eq, ne, ltU, geU, leU, gtU, ltS, geS, leS, gtS, eqz, constZero pushes]. */
function opsFor(size: number) {
  const w = size === 8;
  return {
    eq: w ? Op.I64Eq : Op.I32Eq, ne: w ? Op.I64Ne : Op.I32Ne,
    ltU: w ? Op.I64LtU : Op.I32LtU, geU: w ? Op.I64GeU : Op.I32GeU, leU: w ? Op.I64LeU : Op.I32LeU, gtU: w ? Op.I64GtU : Op.I32GtU,
    ltS: w ? Op.I64LtS : Op.I32LtS, geS: w ? Op.I64GeS : Op.I32GeS, leS: w ? Op.I64LeS : Op.I32LeS, gtS: w ? Op.I64GtS : Op.I32GtS,
    zero: (rc: BlockCode) => (w ? rc.code.i64(0) : rc.code.i32(0)),
  };
}

/** Emits the direct test and returns true, or returns false (nothing emitted) when there is none. */
function direct(rc: BlockCode, k: WasmKnownFlags, cc: number): boolean {
  // only full-width 32- and 64-bit records are compared directly (smaller ones need sign games)
  if (k.size !== 4 && k.size !== 8) return false;
  const c = rc.code;
  const o = opsFor(k.size);
  const cmp = (x: number, y: number, op: Op) => { c.get(x).get(y).op(op); return true; };
  const vsZero = (x: number, op: Op) => { c.get(x); o.zero(rc); c.op(op); return true; };
  if (k.kind === LazyKind.SUB) {
    switch (cc) {
      case 2: return cmp(k.a, k.b, o.ltU);
      case 3: return cmp(k.a, k.b, o.geU);
      case 4: return cmp(k.a, k.b, o.eq);
      case 5: return cmp(k.a, k.b, o.ne);
      case 6: return cmp(k.a, k.b, o.leU);
      case 7: return cmp(k.a, k.b, o.gtU);
      case 8: return vsZero(k.res, o.ltS);
      case 9: return vsZero(k.res, o.geS);
      case 12: return cmp(k.a, k.b, o.ltS);
      case 13: return cmp(k.a, k.b, o.geS);
      case 14: return cmp(k.a, k.b, o.leS);
      case 15: return cmp(k.a, k.b, o.gtS);
    }
    return false;
  }
  if (k.kind === LazyKind.LOGIC) {
    switch (cc) {
      case 0: case 2: c.i32(0); return true;
      case 1: case 3: c.i32(1); return true;
      case 4: case 6: return vsZero(k.res, o.eq);
      case 5: case 7: return vsZero(k.res, o.ne);
      case 8: case 12: return vsZero(k.res, o.ltS);
      case 9: case 13: return vsZero(k.res, o.geS);
      case 14: return vsZero(k.res, o.leS);
      case 15: return vsZero(k.res, o.gtS);
    }
    return false;
  }
  if (k.kind === LazyKind.ADD) {
    switch (cc) {
      case 2: return cmp(k.res, k.a, o.ltU);
      case 3: return cmp(k.res, k.a, o.geU);
      case 4: return vsZero(k.res, o.eq);
      case 5: return vsZero(k.res, o.ne);
      case 8: return vsZero(k.res, o.ltS);
      case 9: return vsZero(k.res, o.geS);
    }
  }
  return false;
}

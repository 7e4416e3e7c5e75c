// Lazy status flags in WebAssembly: the same computation as cpu/lazy-flags.ts (statusFlags,
// setStatusFlags, conditionOnFlags), on the lazy-flag record as compiled blocks keep it while they
// run (flagOp and flagBits in the exchange words, operands in the register file's FLAG_DST,
// FLAG_SRC and FLAG_RES slots). Block functions import these two functions in place of JavaScript
// ones, so a condition on flags from an earlier block, or CF/OF after imul or a rotate, costs a
// call between WebAssembly functions rather than a trip through JavaScript.
import { LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { Control } from '../memory/control-area';
import { Code, Op } from './wasm-code';
import { buildModule, ValType, type FuncType } from './wasm-module';
import { X_FLAG_BITS, X_FLAG_OP } from './exchange';

/** The flag functions of one machine's guest memory. */
export interface WasmFlags {
  /** (cc i32) -> i32: condition code `cc` (0..15) on the current flags, as 0 or 1 */
  readonly condition: (cc: number) => number;
  /** (mask i32, value i32): replaces the status flags in `mask` with those bits of `value` */
  readonly setFlags: (mask: number, value: number) => void;
}

const I32 = ValType.I32;
const I64 = ValType.I64;
const TYPES: FuncType[] = [
  { params: [], results: [I32] },
  { params: [I32], results: [I32] },
  { params: [I32, I32], results: [] },
];
const STATUS = 0;

/** Compiled modules by memory layout ("pages:controlBase"). */
const compiled = new Map<string, WebAssembly.Module>();

/** Addresses the functions read and write. */
interface Layout {
  readonly op: number;
  readonly bits: number;
  readonly dst: number;
  readonly src: number;
  readonly res: number;
}

/** Builds the flag functions for guest memory `memory` (`pages` pages, control area at `controlBase`). */
export function buildFlags(memory: WebAssembly.Memory, pages: number, controlBase: number): WasmFlags {
  const exchange = controlBase + Control.EXCHANGE;
  const registers = controlBase + Control.REGISTERS;
  const at: Layout = {
    op: exchange + X_FLAG_OP,
    bits: exchange + X_FLAG_BITS,
    dst: registers + Slot.FLAG_DST * 8,
    src: registers + Slot.FLAG_SRC * 8,
    res: registers + Slot.FLAG_RES * 8,
  };
  const key = `${pages}:${controlBase}`;
  let module = compiled.get(key);
  if (module === undefined) {
    const binary = buildModule(TYPES, [], pages, [
      { type: 0, ...statusBody(at), exportName: 'status' },
      { type: 1, ...conditionBody(), exportName: 'condition' },
      { type: 2, ...setFlagsBody(at), exportName: 'setFlags' },
    ]);
    module = new WebAssembly.Module(binary);
    // machines of one size share the compiled module (a handful of sizes at most in one process)
    if (compiled.size >= 8) compiled.clear();
    compiled.set(key, module);
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { condition: instance.exports.condition as WasmFlags['condition'], setFlags: instance.exports.setFlags as WasmFlags['setFlags'] };
}

/** Pushes PF (0 or 4) of the low byte of the i32 in local `x`. */
function parity(c: Code, x: number): void {
  c.get(x).i32(0xff).op(Op.I32And, Op.I32Popcnt).i32(1).op(Op.I32And).i32(1).op(Op.I32Xor).i32(2).op(Op.I32Shl);
}

/** status() -> i32: the six status flags (statusFlags of cpu/lazy-flags.ts). */
function statusBody(at: Layout): { locals: ValType[]; body: number[] } {
  const c = new Code(0);
  const op = c.local(I32);
  const kind = c.local(I32);
  const carryIn = c.local(I32);
  c.i32(0).mem(Op.I32Load, 2, at.op).tee(op).op(Op.I32Eqz);
  c.open(Op.If).i32(0).mem(Op.I32Load, 2, at.bits).op(Op.Return).end();
  c.get(op).i32(2).op(Op.I32ShrU).set(kind);
  c.i32(0).mem(Op.I32Load, 2, at.bits).i32(1).op(Op.I32And).set(carryIn);
  c.get(op).i32(3).op(Op.I32And).i32(3).op(Op.I32Eq);
  c.open(Op.If);
  flags64(c, at, kind, carryIn);
  c.end();
  flagsSmall(c, at, op, kind, carryIn);
  return { locals: c.locals, body: c.bytes };
}

/** Returns the flags of a 1-, 2- or 4-byte record (flagsSmall of cpu/lazy-flags.ts). */
function flagsSmall(c: Code, at: Layout, op: number, kind: number, carryIn: number): void {
  const a = c.local(I32);
  const b = c.local(I32);
  const res = c.local(I32);
  const sh = c.local(I32);
  const f = c.local(I32);
  c.i32(0).mem(Op.I32Load, 2, at.dst).set(a);
  c.i32(0).mem(Op.I32Load, 2, at.src).set(b);
  c.i32(0).mem(Op.I32Load, 2, at.res).set(res);
  c.i32(8).get(op).i32(3).op(Op.I32And, Op.I32Shl).i32(1).op(Op.I32Sub).set(sh);
  parity(c, res);
  c.get(res).op(Op.I32Eqz).i32(6).op(Op.I32Shl, Op.I32Or);
  c.get(res).get(sh).op(Op.I32ShrU).i32(1).op(Op.I32And).i32(7).op(Op.I32Shl, Op.I32Or).set(f);
  const top = (push: () => void) => { push(); c.get(sh).op(Op.I32ShrU).i32(1).op(Op.I32And).i32(11).op(Op.I32Shl); };
  const af = (x: number, y: number) => c.get(x).get(y).op(Op.I32Xor).get(res).op(Op.I32Xor).i32(0x10).op(Op.I32And);
  const when = (k: LazyKind, emit: () => void) => {
    c.get(kind).i32(k).op(Op.I32Eq);
    c.open(Op.If);
    emit();
    c.op(Op.Return).end();
  };
  const addOf = () => top(() => c.get(a).get(res).op(Op.I32Xor).get(b).get(res).op(Op.I32Xor).op(Op.I32And));
  const subOf = () => top(() => c.get(a).get(b).op(Op.I32Xor).get(a).get(res).op(Op.I32Xor).op(Op.I32And));
  const withCarry = (plain: Op, inclusive: Op, x: number, y: number) => {
    c.get(x).get(y).op(inclusive).get(x).get(y).op(plain).get(carryIn).op(Op.Select);
  };
  when(LazyKind.ADD, () => { c.get(f).get(res).get(a).op(Op.I32LtU, Op.I32Or); af(a, b); c.op(Op.I32Or); addOf(); c.op(Op.I32Or); });
  when(LazyKind.ADC, () => { c.get(f); withCarry(Op.I32LtU, Op.I32LeU, res, a); c.op(Op.I32Or); af(a, b); c.op(Op.I32Or); addOf(); c.op(Op.I32Or); });
  when(LazyKind.SUB, () => { c.get(f).get(a).get(b).op(Op.I32LtU, Op.I32Or); af(a, b); c.op(Op.I32Or); subOf(); c.op(Op.I32Or); });
  when(LazyKind.SBB, () => { c.get(f); withCarry(Op.I32LtU, Op.I32LeU, a, b); c.op(Op.I32Or); af(a, b); c.op(Op.I32Or); subOf(); c.op(Op.I32Or); });
  when(LazyKind.INC, () => {
    c.get(f).get(carryIn).op(Op.I32Or);
    c.get(a).i32(1).op(Op.I32Xor).get(res).op(Op.I32Xor).i32(0x10).op(Op.I32And, Op.I32Or);
    top(() => c.get(a).get(res).op(Op.I32Xor).i32(1).get(res).op(Op.I32Xor, Op.I32And));
    c.op(Op.I32Or);
  });
  when(LazyKind.DEC, () => {
    c.get(f).get(carryIn).op(Op.I32Or);
    c.get(a).i32(1).op(Op.I32Xor).get(res).op(Op.I32Xor).i32(0x10).op(Op.I32And, Op.I32Or);
    top(() => c.get(a).i32(1).op(Op.I32Xor).get(a).get(res).op(Op.I32Xor, Op.I32And));
    c.op(Op.I32Or);
  });
  const cf = c.local(I32);
  when(LazyKind.SHL, () => {
    // cf = b > bits ? 0 : (a >>> (bits - b)) & 1, with bits = sh + 1
    c.i32(0).get(a).get(sh).i32(1).op(Op.I32Add).get(b).op(Op.I32Sub, Op.I32ShrU).i32(1).op(Op.I32And);
    c.get(b).get(sh).i32(1).op(Op.I32Add).op(Op.I32GtU, Op.Select).set(cf);
    c.get(f).i32(0x10).op(Op.I32Or).get(cf).op(Op.I32Or);
    c.get(res).get(sh).op(Op.I32ShrU).i32(1).op(Op.I32And).get(cf).op(Op.I32Xor).i32(11).op(Op.I32Shl, Op.I32Or);
  });
  when(LazyKind.SHR, () => {
    // cf = b > sh + 1 ? 0 : (a >>> (b - 1)) & 1
    c.i32(0).get(a).get(b).i32(1).op(Op.I32Sub, Op.I32ShrU).i32(1).op(Op.I32And);
    c.get(b).get(sh).i32(1).op(Op.I32Add).op(Op.I32GtU, Op.Select);
    c.get(f).i32(0x10).op(Op.I32Or, Op.I32Or);
    c.get(a).get(sh).op(Op.I32ShrU).i32(1).op(Op.I32And).i32(11).op(Op.I32Shl, Op.I32Or);
  });
  when(LazyKind.SAR, () => {
    // ((a sign-extended from its width) >> min(b - 1, 31)) & 1
    c.get(a).i32(31).get(sh).op(Op.I32Sub, Op.I32Shl).i32(31).get(sh).op(Op.I32Sub, Op.I32ShrS);
    c.get(b).i32(1).op(Op.I32Sub).i32(31).get(b).i32(32).op(Op.I32LtU, Op.Select);
    c.op(Op.I32ShrS).i32(1).op(Op.I32And);
    c.get(f).i32(0x10).op(Op.I32Or, Op.I32Or);
  });
  c.get(f);
}

/** Returns the flags of an 8-byte record (flags64 of cpu/lazy-flags.ts). */
function flags64(c: Code, at: Layout, kind: number, carryIn: number): void {
  const a = c.local(I64);
  const b = c.local(I64);
  const res = c.local(I64);
  const f = c.local(I32);
  const n = c.local(I32);
  c.i32(0).mem(Op.I64Load, 3, at.dst).set(a);
  c.i32(0).mem(Op.I64Load, 3, at.src).set(b);
  c.i32(0).mem(Op.I64Load, 3, at.res).set(res);
  const low = c.local(I32);
  c.get(res).op(Op.I32WrapI64).set(low);
  parity(c, low);
  c.get(res).op(Op.I64Eqz).i32(6).op(Op.I32Shl, Op.I32Or);
  c.get(res).i64(63).op(Op.I64ShrU, Op.I32WrapI64).i32(7).op(Op.I32Shl, Op.I32Or).set(f);
  const top = (push: () => void) => { push(); c.i64(63).op(Op.I64ShrU, Op.I32WrapI64).i32(11).op(Op.I32Shl); };
  const af = (x: number, y: number) => c.get(x).get(y).op(Op.I64Xor).get(res).op(Op.I64Xor, Op.I32WrapI64).i32(0x10).op(Op.I32And);
  const when = (kinds: LazyKind[], emit: () => void) => {
    c.get(kind).i32(kinds[0]).op(Op.I32Eq);
    if (kinds.length > 1) c.get(kind).i32(kinds[1]).op(Op.I32Eq, Op.I32Or);
    c.open(Op.If);
    emit();
    c.op(Op.Return).end();
  };
  // the carry-in counts only for ADC and SBB
  const carry = (adc: LazyKind, plain: Op, inclusive: Op, x: number, y: number) => {
    c.get(x).get(y).op(inclusive).get(x).get(y).op(plain);
    c.get(kind).i32(adc).op(Op.I32Eq).get(carryIn).op(Op.I32And, Op.Select);
  };
  when([LazyKind.ADD, LazyKind.ADC], () => {
    c.get(f);
    carry(LazyKind.ADC, Op.I64LtU, Op.I64LeU, res, a);
    c.op(Op.I32Or);
    af(a, b);
    c.op(Op.I32Or);
    top(() => c.get(a).get(res).op(Op.I64Xor).get(b).get(res).op(Op.I64Xor, Op.I64And));
    c.op(Op.I32Or);
  });
  when([LazyKind.SUB, LazyKind.SBB], () => {
    c.get(f);
    carry(LazyKind.SBB, Op.I64LtU, Op.I64LeU, a, b);
    c.op(Op.I32Or);
    af(a, b);
    c.op(Op.I32Or);
    top(() => c.get(a).get(b).op(Op.I64Xor).get(a).get(res).op(Op.I64Xor, Op.I64And));
    c.op(Op.I32Or);
  });
  when([LazyKind.INC], () => {
    c.get(f).get(carryIn).op(Op.I32Or);
    c.get(a).i64(1).op(Op.I64Xor).get(res).op(Op.I64Xor, Op.I32WrapI64).i32(0x10).op(Op.I32And, Op.I32Or);
    top(() => c.get(a).get(res).op(Op.I64Xor).get(res).op(Op.I64And));
    c.op(Op.I32Or);
  });
  when([LazyKind.DEC], () => {
    c.get(f).get(carryIn).op(Op.I32Or);
    c.get(a).i64(1).op(Op.I64Xor).get(res).op(Op.I64Xor, Op.I32WrapI64).i32(0x10).op(Op.I32And, Op.I32Or);
    top(() => c.get(a).get(a).get(res).op(Op.I64Xor, Op.I64And));
    c.op(Op.I32Or);
  });
  // bit n of a, as the 32-bit halves give it: n >= 32 ? (aH >> (n - 32)) & 1 : (aL >>> n) & 1,
  // where n >= 32 is decided on the count bL (unsigned) as the lazy-flags code's numbers do
  const bitOfA = (signed: boolean, high: () => void) => {
    c.get(a).i64(32).op(Op.I64ShrU, Op.I32WrapI64).get(n).i32(32).op(Op.I32Sub, signed ? Op.I32ShrS : Op.I32ShrU).i32(1).op(Op.I32And);
    c.get(a).op(Op.I32WrapI64).get(n).op(Op.I32ShrU).i32(1).op(Op.I32And);
    high();
    c.op(Op.Select);
  };
  const countAtMost = (limit: number) => c.get(b).op(Op.I32WrapI64).i32(limit).op(Op.I32LeU);
  const countAtLeast = (limit: number) => c.get(b).op(Op.I32WrapI64).i32(limit).op(Op.I32GeU);
  when([LazyKind.SHL], () => {
    c.i32(64).get(b).op(Op.I32WrapI64, Op.I32Sub).set(n);
    const cf = c.local(I32);
    bitOfA(false, () => countAtMost(32));
    c.set(cf);
    c.get(f).i32(0x10).op(Op.I32Or).get(cf).op(Op.I32Or);
    c.get(res).i64(63).op(Op.I64ShrU, Op.I32WrapI64).get(cf).op(Op.I32Xor).i32(11).op(Op.I32Shl, Op.I32Or);
  });
  when([LazyKind.SHR], () => {
    c.get(b).op(Op.I32WrapI64).i32(1).op(Op.I32Sub).set(n);
    bitOfA(false, () => countAtLeast(33));
    c.get(f).i32(0x10).op(Op.I32Or, Op.I32Or);
    c.get(a).i64(63).op(Op.I64ShrU, Op.I32WrapI64).i32(11).op(Op.I32Shl, Op.I32Or);
  });
  when([LazyKind.SAR], () => {
    c.get(b).op(Op.I32WrapI64).i32(1).op(Op.I32Sub).set(n);
    bitOfA(true, () => countAtLeast(33));
    c.get(f).i32(0x10).op(Op.I32Or, Op.I32Or);
  });
  c.get(f).op(Op.Return);
}

/** condition(cc) -> i32 (conditionOnFlags of cpu/lazy-flags.ts on status()). */
function conditionBody(): { locals: ValType[]; body: number[] } {
  const c = new Code(1);
  const f = c.local(I32);
  const g = c.local(I32);
  const sfNeOf = c.local(I32);
  c.call(STATUS).set(f);
  c.get(0).i32(1).op(Op.I32ShrU).set(g);
  c.get(f).i32(7).op(Op.I32ShrU).get(f).i32(11).op(Op.I32ShrU, Op.I32Xor).i32(1).op(Op.I32And).set(sfNeOf);
  // masks of the flags each pair of codes tests: o b e be s p (then l and le)
  const masks = [0x800, 0x1, 0x40, 0x41, 0x80, 0x4];
  c.get(sfNeOf);
  c.get(f).i32(0x40).op(Op.I32And, Op.I32Eqz, Op.I32Eqz).get(sfNeOf).op(Op.I32Or);
  c.get(g).i32(6).op(Op.I32Eq, Op.Select);
  for (let i = masks.length - 1; i >= 0; i--) {
    c.get(f).i32(masks[i]).op(Op.I32And);
    c.op(Op.I32Eqz, Op.I32Eqz);
    // select(rest, test i, g != i): the test for the larger codes stays unless g is i
    c.get(g).i32(i).op(Op.I32Ne, Op.Select);
  }
  c.get(0).i32(1).op(Op.I32And, Op.I32Xor);
  return { locals: c.locals, body: c.bytes };
}

/** setFlags(mask, value) (setStatusFlags of cpu/lazy-flags.ts). */
function setFlagsBody(at: Layout): { locals: ValType[]; body: number[] } {
  const c = new Code(2);
  c.i32(0);
  c.call(STATUS).get(0).i32(-1).op(Op.I32Xor, Op.I32And);
  c.get(1).get(0).op(Op.I32And, Op.I32Or);
  c.mem(Op.I32Store, 2, at.bits);
  c.i32(0).i32(0).mem(Op.I32Store, 2, at.op);
  return { locals: c.locals, body: c.bytes };
}

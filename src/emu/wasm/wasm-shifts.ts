// Shifts, rotates and multiplies in WebAssembly block functions: shl/shr/sar by a constant (lazy flags
// as exec/shift.ts records them), rol/ror by a constant or by CL and imul, the last two only
// where flag liveness says nobody reads the flags they change (else the interpreter's handler
// runs them, which computes CF and OF exactly). 32- and 64-bit operands.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { LazyKind } from '../cpu/lazy-flags';
import { Op } from './wasm-code';
import { ValType } from './wasm-module';
import { immediate64, immediateSmall, type BlockCode } from './wasm-operands';
import { After } from './wasm-insns-after';
import { Import } from './block-imports';

const CF_OF = 0x801;

const SHIFT_KIND: Record<string, LazyKind> = { shl: LazyKind.SHL, shr: LazyKind.SHR, sar: LazyKind.SAR };

/** The r/m operand: its value in a new local and, for memory, where to write it back. */
function operand(rc: BlockCode, insn: Insn): { value: number; where: [number, number] | undefined } {
  const size = insn.opsize;
  const type = size === 8 ? ValType.I64 : ValType.I32;
  if (!insn.hasMem) return { value: rc.hold(type, () => rc.getReg(insn.rm, size)), where: undefined };
  const where = rc.translate(rc.address(insn), size, Access.Write, 0);
  return { value: rc.hold(type, () => rc.load(where, size)), where };
}

function writeBack(rc: BlockCode, insn: Insn, where: [number, number] | undefined, res: number): void {
  if (where !== undefined) rc.store(where, insn.opsize, res);
  else rc.setReg(insn.rm, insn.opsize, () => rc.code.get(res));
}

/** shl/shr/sar/rol/ror r/m by a constant or by CL (rotates only); undefined when left to the interpreter. */
export function emitShift(rc: BlockCode, insn: Insn, live: number): After | undefined {
  const name = insn.entry.mnemonic;
  const size = insn.opsize;
  if (size !== 4 && size !== 8) return undefined;
  const wide = size === 8;
  const count = insn.entry.operands[1];
  const rotate = name === 'rol' || name === 'ror';
  if (!(name in SHIFT_KIND) && !rotate) return undefined;
  const c = rc.code;
  if (count === 'CL') {
    if (!rotate) return undefined;
    const { value, where } = operand(rc, insn);
    const cl = rc.hold(ValType.I32, () => rc.getSmall(1, 1));
    const res = rc.hold(wide ? ValType.I64 : ValType.I32, () => {
      c.get(value).get(cl);
      if (wide) c.op(Op.I64ExtendI32U);
      c.op(wide ? (name === 'rol' ? Op.I64Rotl : Op.I64Rotr) : (name === 'rol' ? Op.I32Rotl : Op.I32Rotr));
    });
    writeBack(rc, insn, where, res);
    if (live !== 0) {
      // the flags are replaced only for a count other than 0: the old ones must be in memory either way
      rc.flushFlags();
      c.get(cl).i32(wide ? 0x3f : 0x1f).op(Op.I32And).open(Op.If);
      rotateFlags(rc, name, size, res);
      c.end();
      rc.known = undefined;
    }
    return After.NEXT;
  }
  if (count !== 'imm8u' && count !== '1') return undefined;
  const n = (count === '1' ? 1 : insn.imm) & (wide ? 0x3f : 0x1f);
  if (n === 0) return undefined;
  const { value, where } = operand(rc, insn);
  const type = wide ? ValType.I64 : ValType.I32;
  const amount = () => (wide ? c.i64(n) : c.i32(n));
  let op: Op;
  if (rotate) op = wide ? (name === 'rol' ? Op.I64Rotl : Op.I64Rotr) : (name === 'rol' ? Op.I32Rotl : Op.I32Rotr);
  else if (name === 'shl') op = wide ? Op.I64Shl : Op.I32Shl;
  else if (name === 'shr') op = wide ? Op.I64ShrU : Op.I32ShrU;
  else op = wide ? Op.I64ShrS : Op.I32ShrS;
  const res = rc.hold(type, () => { c.get(value); amount(); c.op(op); });
  writeBack(rc, insn, where, res);
  if (live !== 0) {
    if (rotate) rotateFlags(rc, name, size, res);
    else rc.recordFlags(rc.keepFlags(SHIFT_KIND[name], size, value, rc.hold(type, amount), res));
  } else if (!rotate) rc.flagsStored();
  rc.known = undefined;
  return After.NEXT;
}

/** Sets CF and OF after a rotate with result `res` (exec/shift.ts: CF is the bit rotated in;
 *  OF from the top bits, with the count-1 formula). */
function rotateFlags(rc: BlockCode, name: string, size: number, res: number): void {
  const c = rc.code;
  rc.flushFlags();
  const top = rc.hold(ValType.I32, () => {
    c.get(res);
    if (size === 8) c.i64(32).op(Op.I64ShrU, Op.I32WrapI64);
  });
  const cf = rc.hold(ValType.I32, () => {
    if (name === 'rol') {
      c.get(res);
      if (size === 8) c.op(Op.I32WrapI64);
      c.i32(1).op(Op.I32And);
    } else c.get(top).i32(31).op(Op.I32ShrU);
  });
  c.i32(CF_OF).get(cf);
  if (name === 'rol') c.get(top).i32(31).op(Op.I32ShrU).get(cf).op(Op.I32Xor);
  else c.get(cf).get(top).i32(30).op(Op.I32ShrU).i32(1).op(Op.I32And, Op.I32Xor);
  c.i32(11).op(Op.I32Shl, Op.I32Or).call(Import.SetFlags);
  rc.flagsStored();
}

/** imul r, r/m and imul r, r/m, imm on 32/64-bit operands when nobody reads CF/OF; undefined otherwise. */
export function emitImul(rc: BlockCode, insn: Insn, live: number, three: boolean): After | undefined {
  const size = insn.opsize;
  if (size !== 4 && size !== 8) return undefined;
  const c = rc.code;
  const wide = size === 8;
  const type = wide ? ValType.I64 : ValType.I32;
  const rm = rc.hold(type, () => {
    if (!insn.hasMem) rc.getReg(insn.rm, size);
    else rc.load(rc.translate(rc.address(insn), size, Access.Read, 0), size);
  });
  const other = rc.hold(type, () => {
    if (!three) rc.getReg(insn.reg, size);
    else if (wide) c.i64(immediate64(insn));
    else c.i32(immediateSmall(insn, 4));
  });
  const res = rc.hold(type, () => c.get(rm).get(other).op(wide ? Op.I64Mul : Op.I32Mul));
  if (live !== 0) {
    rc.flushFlags();
    c.i32(CF_OF).i32(CF_OF).i32(0);
    overflows(rc, wide, rm, other, res);
    c.op(Op.Select).call(Import.SetFlags);
    rc.flagsStored();
    rc.known = undefined;
  }
  rc.setReg(insn.reg, size, () => c.get(res));
  return After.NEXT;
}

/** Pushes (i32 0/1) whether the signed product of locals a and b overflows its width (res = a*b wrapped). */
function overflows(rc: BlockCode, wide: boolean, a: number, b: number, res: number): void {
  const c = rc.code;
  if (!wide) {
    c.get(a).op(Op.I64ExtendI32S).get(b).op(Op.I64ExtendI32S).op(Op.I64Mul).get(res).op(Op.I64ExtendI32S).op(Op.I64Ne);
    return;
  }
  // a = 0: never; a = -1: only for b = MIN; otherwise exactly when res / a differs from b
  c.get(a).op(Op.I64Eqz);
  c.open(Op.If, ValType.I32).i32(0).op(Op.Else);
  c.get(a).i64(-1).op(Op.I64Eq);
  c.open(Op.If, ValType.I32).get(b).i64(-(2n ** 63n)).op(Op.I64Eq).op(Op.Else);
  c.get(res).get(a).op(Op.I64DivS).get(b).op(Op.I64Ne);
  c.end();
  c.end();
}

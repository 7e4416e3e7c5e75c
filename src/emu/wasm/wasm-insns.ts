// Instructions WebAssembly block functions run natively: mov in every form, movzx/movsx/movsxd, lea,
// cdqe, cdq/cqo, nops, the ALU operations (adc and sbb included), div/idiv (wasm-divide.ts),
// push/pop, call/ret/leave, jmp/jcc, setcc and cmovcc on registers. Same order of translations,
// faults and effects as the interpreter (exec/) and the JavaScript tier (jit/): every translation
// happens before any register changes, so an instruction that faults has changed nothing.
// Anything else is left to its interpreter handler by the block compiler (wasm-block.ts).
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { LazyKind } from '../cpu/lazy-flags';
import { AluOp, ALU_MNEMONICS, aluWrites } from '../exec/alu-core';
import { isCanonical48 } from '../exec/branch';
import { Op } from './wasm-code';
import { ValType } from './wasm-module';
import { pushCondition } from './wasm-conditions';
import { immediate64, immediateSmall, type BlockCode } from './wasm-operands';
import { Import } from './block-imports';
import { After } from './wasm-insns-after';
import { emitImul, emitShift } from './wasm-shifts';
import { emitConvertToDx, emitDivide } from './wasm-divide';

const TWO47 = 140737488355328;
const TWO48 = 281474976710656;
const MASK48 = (1n << 48n) - 1n;

export { After } from './wasm-insns-after';

type Emitter = (rc: BlockCode, insn: Insn, live: number) => After;

const KIND: Record<number, LazyKind> = {
  [AluOp.ADD]: LazyKind.ADD, [AluOp.OR]: LazyKind.LOGIC, [AluOp.AND]: LazyKind.LOGIC, [AluOp.SUB]: LazyKind.SUB,
  [AluOp.XOR]: LazyKind.LOGIC, [AluOp.CMP]: LazyKind.SUB, [AluOp.TEST]: LazyKind.LOGIC,
  [AluOp.ADC]: LazyKind.ADC, [AluOp.SBB]: LazyKind.SBB,
};

function aluOpcode(op: number, wide: boolean): Op {
  switch (op) {
    case AluOp.ADD: case AluOp.ADC: return wide ? Op.I64Add : Op.I32Add;
    case AluOp.OR: return wide ? Op.I64Or : Op.I32Or;
    case AluOp.AND: case AluOp.TEST: return wide ? Op.I64And : Op.I32And;
    case AluOp.XOR: return wide ? Op.I64Xor : Op.I32Xor;
    default: return wide ? Op.I64Sub : Op.I32Sub;
  }
}

function typeOf(size: number): ValType {
  return size === 8 ? ValType.I64 : ValType.I32;
}

/** Pushes the r/m operand of `size` bytes (a register, or memory through a new translation). */
function readRm(rc: BlockCode, insn: Insn, size: number): void {
  if (!insn.hasMem) rc.getReg(insn.rm, size);
  else rc.load(rc.translate(rc.address(insn), size, Access.Read, 0), size);
}

type AluForm = 'rm,r' | 'r,rm' | 'rm,imm';

function alu(op: number, form: AluForm): Emitter {
  return (rc, insn, live) => {
    const c = rc.code;
    const size = insn.opsize;
    const wide = size === 8;
    const t = typeOf(size);
    const writes = aluWrites(op);
    const withCarry = op === AluOp.ADC || op === AluOp.SBB;
    // adc and sbb take CF before anything changes (CF is condition code 2, "b")
    const carryIn = withCarry ? rc.hold(ValType.I32, () => pushCondition(rc, 2)) : -1;
    const dstIsRm = form !== 'r,rm';
    const memDst = dstIsRm && insn.hasMem;
    const where = insn.hasMem ? rc.translate(rc.address(insn), size, memDst && writes ? Access.Write : Access.Read, 0) : undefined;
    const rm = rc.hold(t, () => (where !== undefined ? rc.load(where, size) : rc.getReg(insn.rm, size)));
    let a: number;
    let b: number;
    if (form === 'rm,r') { a = rm; b = rc.hold(t, () => rc.getReg(insn.reg, size)); } else if (form === 'r,rm') { a = rc.hold(t, () => rc.getReg(insn.reg, size)); b = rm; } else {
      a = rm;
      b = rc.hold(t, () => (wide ? c.i64(immediate64(insn)) : c.i32(immediateSmall(insn, size))));
    }
    const res = rc.hold(t, () => {
      c.get(a).get(b).op(aluOpcode(op, wide));
      if (withCarry) {
        c.get(carryIn);
        if (wide) c.op(Op.I64ExtendI32U);
        c.op(aluOpcode(op, wide));
      }
      if (size < 4) c.i32(size === 2 ? 0xffff : 0xff).op(Op.I32And);
    });
    rc.known = rc.keepFlags(KIND[op], size, a, b, res);
    if (live !== 0) {
      rc.recordFlags(rc.known);
      // the lazy-flags code takes the carry-in of an adc/sbb record from flagBits
      if (withCarry) rc.storeFlagBits(carryIn);
    } else rc.flagsStored();
    if (!writes) return After.NEXT;
    if (where !== undefined && memDst) rc.store(where, size, res);
    else rc.setReg(dstIsRm ? insn.rm : insn.reg, size, () => c.get(res));
    return After.NEXT;
  };
}

function movStore(rc: BlockCode, insn: Insn): After {
  const size = insn.opsize;
  if (!insn.hasMem) {
    rc.setReg(insn.rm, size, () => rc.getReg(insn.reg, size));
    return After.NEXT;
  }
  const where = rc.translate(rc.address(insn), size, Access.Write, 0);
  rc.store(where, size, rc.hold(typeOf(size), () => rc.getReg(insn.reg, size)));
  return After.NEXT;
}

function movLoad(rc: BlockCode, insn: Insn): After {
  const size = insn.opsize;
  const v = rc.hold(typeOf(size), () => readRm(rc, insn, size));
  rc.setReg(insn.reg, size, () => rc.code.get(v));
  return After.NEXT;
}

function movImmediate(rc: BlockCode, insn: Insn, dst: number, hasMem: boolean): After {
  const c = rc.code;
  const size = insn.opsize;
  const push = () => (size === 8 ? c.i64(immediate64(insn)) : c.i32(immediateSmall(insn, size)));
  if (!hasMem) rc.setReg(dst, size, push);
  else {
    const where = rc.translate(rc.address(insn), size, Access.Write, 0);
    rc.store(where, size, rc.hold(typeOf(size), push));
  }
  return After.NEXT;
}

function lea(rc: BlockCode, insn: Insn): After | undefined {
  const c = rc.code;
  const size = insn.opsize;
  if (insn.asize !== 8 || size === 2) return undefined;
  const push = () => {
    if (insn.ripRelative) {
      const d = insn.disp;
      c.i64(d >= TWO47 ? d - TWO48 : d);
      return;
    }
    let first = true;
    if (insn.base >= 0) { rc.get64(insn.base); first = false; }
    if (insn.index >= 0) {
      rc.get64(insn.index);
      if (insn.scale !== 1) c.i64(Math.log2(insn.scale)).op(Op.I64Shl);
      if (!first) c.op(Op.I64Add);
      first = false;
    }
    if (first) c.i64(insn.disp);
    else if (insn.disp !== 0) c.i64(insn.disp).op(Op.I64Add);
  };
  if (size === 8) rc.set64(insn.reg, push);
  else rc.setSmall(insn.reg, 4, () => { push(); c.op(Op.I32WrapI64); });
  return After.NEXT;
}

function extend(rc: BlockCode, insn: Insn, from: number, signed: boolean): After | undefined {
  const c = rc.code;
  const size = insn.opsize;
  if (size === 2) return undefined;
  const v = rc.hold(ValType.I32, () => readRm(rc, insn, from));
  if (!signed) {
    rc.setSmall(insn.reg, 4, () => c.get(v));
    return After.NEXT;
  }
  const sext32 = () => {
    c.get(v);
    if (from === 1) c.op(Op.I32Extend8S);
    else if (from === 2) c.op(Op.I32Extend16S);
  };
  if (size === 8) rc.set64(insn.reg, () => { sext32(); c.op(Op.I64ExtendI32S); });
  else rc.setSmall(insn.reg, 4, sext32);
  return After.NEXT;
}

/** Pushes an i64 return/branch target loaded from memory after checking it is canonical (else #GP). */
function checkedTarget(rc: BlockCode, value: number): number {
  const c = rc.code;
  const t = rc.temp(ValType.I64);
  c.get(value).i64(TWO47).op(Op.I64Add).i64(48).op(Op.I64ShrU, Op.I64Eqz, Op.I32Eqz);
  c.open(Op.If);
  rc.noteSlowPath();
  c.get(value).op(Op.I32WrapI64).get(value).i64(32).op(Op.I64ShrU, Op.I32WrapI64).call(Import.BranchTarget).op(Op.Drop);
  c.end();
  c.get(value).i64(MASK48).op(Op.I64And).set(t);
  return t;
}

/** rsp + delta in a new local (translate checks it is canonical). */
function stackAddress(rc: BlockCode, delta: number): number {
  const va = rc.temp(ValType.I64);
  rc.get64(4);
  if (delta !== 0) rc.code.i64(delta).op(Op.I64Add);
  rc.code.set(va);
  return va;
}

function push(rc: BlockCode, value: () => void): void {
  const where = rc.translate(stackAddress(rc, -8), 8, Access.Write, 1);
  rc.store(where, 8, rc.hold(ValType.I64, value));
  rc.addRsp(-8);
}

function pop(rc: BlockCode, insn: Insn): After | undefined {
  if (insn.reg === 4) return undefined;
  const where = rc.translate(stackAddress(rc, 0), 8, Access.Read, 0);
  const v = rc.hold(ValType.I64, () => rc.load(where, 8));
  rc.set64(insn.reg, () => rc.code.get(v));
  rc.addRsp(8);
  return After.NEXT;
}

function leave(rc: BlockCode): After {
  const c = rc.code;
  const va = rc.temp(ValType.I64);
  rc.get64(5);
  c.set(va);
  const where = rc.translate(va, 8, Access.Read, 0);
  const v = rc.hold(ValType.I64, () => rc.load(where, 8));
  rc.set64(4, () => { rc.get64(5); c.i64(8).op(Op.I64Add); });
  rc.set64(5, () => c.get(v));
  return After.NEXT;
}

function ret(rc: BlockCode, insn: Insn): After {
  const where = rc.translate(stackAddress(rc, 0), 8, Access.Read, 0);
  const v = rc.hold(ValType.I64, () => rc.load(where, 8));
  const t = checkedTarget(rc, v);
  rc.addRsp(8 + insn.imm);
  rc.code.get(t).set(rc.rip);
  return After.BRANCHED;
}

/** call/jmp through a register or memory: the target is read and checked (#GP) before the push. */
function indirect(rc: BlockCode, insn: Insn, call: boolean): After | undefined {
  if (insn.opsize !== 8) return undefined;
  const v = rc.hold(ValType.I64, () => readRm(rc, insn, 8));
  const t = checkedTarget(rc, v);
  if (call) push(rc, () => rc.code.i64(insn.next));
  rc.code.get(t).set(rc.rip);
  return After.BRANCHED;
}

function jumpTo(rc: BlockCode, target: number): After {
  rc.code.i64(target).set(rc.rip);
  return After.BRANCHED;
}

function setcc(rc: BlockCode, insn: Insn): After | undefined {
  if (insn.hasMem) return undefined;
  rc.setSmall(insn.rm, 1, () => pushCondition(rc, insn.cc));
  return After.NEXT;
}

function cmov(rc: BlockCode, insn: Insn): After | undefined {
  const c = rc.code;
  const size = insn.opsize;
  if (size === 2) return undefined;
  const v = rc.hold(typeOf(size), () => readRm(rc, insn, size));
  const cond = rc.hold(ValType.I32, () => pushCondition(rc, insn.cc));
  // a 32-bit cmov clears the upper half of its destination even when it does not move
  rc.setReg(insn.reg, size, () => { c.get(v); rc.getReg(insn.reg, size); c.get(cond).op(Op.Select); });
  return After.NEXT;
}

/**
 * Emits `insn` natively when this file handles it and returns what the block must do next;
 * returns undefined, having emitted nothing, when the interpreter handler must run it. `live` is
 * the set of its status flags that someone may read (flag liveness, jit/compile-block.ts).
 * May throw NotCompilable after emitting part of it (the caller rolls back).
 */
export function emitNative(rc: BlockCode, insn: Insn, live: number): After | undefined {
  const e = insn.entry;
  const forms = e.operands.join(',');
  const size = insn.opsize;
  switch (e.mnemonic) {
    case 'mov':
      if (forms === 'r/m,r') return movStore(rc, insn);
      if (forms === 'r,r/m') return movLoad(rc, insn);
      if (forms === 'r/m,imm') return movImmediate(rc, insn, insn.rm, insn.hasMem);
      if (forms === '+r,imm' || forms === '+r,immv') return movImmediate(rc, insn, insn.reg, false);
      return undefined;
    case 'lea':
      return lea(rc, insn);
    case 'movzx':
      return extend(rc, insn, forms === 'r,r/m8' ? 1 : 2, false);
    case 'movsx':
      return extend(rc, insn, forms === 'r,r/m8' ? 1 : 2, true);
    case 'movsxd':
      return size === 8 ? extend(rc, insn, 4, true) : undefined;
    case 'div':
    case 'idiv':
      return emitDivide(rc, insn, e.mnemonic === 'idiv');
    case 'cqo':
      return emitConvertToDx(rc, insn);
    case 'cdqe':
      if (size !== 8) return undefined;
      rc.set64(0, () => { rc.getSmall(0, 4); rc.code.op(Op.I64ExtendI32S); });
      return After.NEXT;
    case 'nop':
    case 'pause':
    case 'endbr64':
      return After.NEXT;
    case 'push':
      if (size !== 8) return undefined;
      if (forms === '+r') { push(rc, () => rc.get64(insn.reg)); return After.NEXT; }
      if (forms === 'imm' || forms === 'imm8') { push(rc, () => rc.code.i64(immediate64(insn))); return After.NEXT; }
      return undefined;
    case 'pop':
      return size === 8 && forms === '+r' ? pop(rc, insn) : undefined;
    case 'leave':
      return leave(rc);
    case 'ret':
      return ret(rc, insn);
    case 'call':
      if (forms === 'r/m') return indirect(rc, insn, true);
      if (forms !== 'rel32' || !isCanonical48(insn.target)) return undefined;
      push(rc, () => rc.code.i64(insn.next));
      return jumpTo(rc, insn.target);
    case 'jmp':
      if (forms === 'r/m') return indirect(rc, insn, false);
      if (!isCanonical48(insn.target)) return undefined;
      return jumpTo(rc, insn.target);
    case 'imul':
      if (forms === 'r,r/m') return emitImul(rc, insn, live, false);
      if (forms === 'r,r/m,imm' || forms === 'r,r/m,imm8') return emitImul(rc, insn, live, true);
      return undefined;
    case 'shl': case 'shr': case 'sar': case 'rol': case 'ror':
      return emitShift(rc, insn, live);
  }
  if (e.flow === 'branch') {
    if (!isCanonical48(insn.target)) return undefined;
    const c = rc.code;
    pushCondition(rc, insn.cc);
    c.open(Op.If, ValType.I64).i64(insn.target).op(Op.Else).i64(insn.next).end().set(rc.rip);
    return After.BRANCHED;
  }
  if (e.mnemonic.startsWith('set') && forms === 'r/m8') return setcc(rc, insn);
  if (e.mnemonic.startsWith('cmov')) return cmov(rc, insn);
  const op = ALU_MNEMONICS.indexOf(e.mnemonic);
  if (op < 0) return undefined;
  if (forms === 'r/m,r') return alu(op, 'rm,r')(rc, insn, live);
  if (forms === 'r,r/m') return alu(op, 'r,rm')(rc, insn, live);
  if (forms === 'r/m,imm' || forms === 'r/m,imm8' || forms === 'acc,imm') return alu(op, 'rm,imm')(rc, insn, live);
  return undefined;
}

// Dedicated handlers for the most frequent 64-bit register ALU forms (`sub $n, %rsp`,
// `add %rdx, %rax`): one function per operation, so no operation switch runs per instruction.
import type { Handler } from '../decoder/insn';
import { LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { AluOp } from './alu-core';

const SUB64 = (LazyKind.SUB << 2) | 3;
const ADD64 = (LazyKind.ADD << 2) | 3;

const TWO32 = 4294967296;
const D = Slot.FLAG_DST * 2;
const S = Slot.FLAG_SRC * 2;
const R = Slot.FLAG_RES * 2;

/** `add r64, imm` (register destination, sign-extended immediate), on 32-bit halves. */
const addImm64: Handler = (cpu, i) => {
  const r = cpu.r32;
  const d = i.rm * 2;
  const aL = r[d], aH = r[d + 1];
  const bL = i.imm >>> 0, bH = i.immHi >>> 0;
  const lo = aL + bL;
  const rL = lo >>> 0;
  const rH = (aH + bH + (lo >= TWO32 ? 1 : 0)) >>> 0;
  r[D] = aL; r[D + 1] = aH;
  r[S] = bL; r[S + 1] = bH;
  r[R] = rL; r[R + 1] = rH;
  r[d] = rL; r[d + 1] = rH;
  cpu.flagOp = ADD64;
};

/** `sub r64, imm` (register destination, sign-extended immediate), on 32-bit halves. */
const subImm64: Handler = (cpu, i) => {
  const r = cpu.r32;
  const d = i.rm * 2;
  const aL = r[d], aH = r[d + 1];
  const bL = i.imm >>> 0, bH = i.immHi >>> 0;
  const lo = aL - bL;
  const rL = lo >>> 0;
  const rH = (aH - bH - (lo < 0 ? 1 : 0)) >>> 0;
  r[D] = aL; r[D + 1] = aH;
  r[S] = bL; r[S + 1] = bH;
  r[R] = rL; r[R + 1] = rH;
  r[d] = rL; r[d + 1] = rH;
  cpu.flagOp = SUB64;
};

/** `add r64, r64` (ModRM register form: rm += reg), on 32-bit halves. */
const addRegReg64: Handler = (cpu, i) => {
  const r = cpu.r32;
  const d = i.rm * 2;
  const s = i.reg * 2;
  const aL = r[d], aH = r[d + 1];
  const bL = r[s], bH = r[s + 1];
  const lo = aL + bL;
  const rL = lo >>> 0;
  const rH = (aH + bH + (lo >= TWO32 ? 1 : 0)) >>> 0;
  r[D] = aL; r[D + 1] = aH;
  r[S] = bL; r[S + 1] = bH;
  r[R] = rL; r[R + 1] = rH;
  r[d] = rL; r[d + 1] = rH;
  cpu.flagOp = ADD64;
};

/** The dedicated handler of `op r64, imm` in register form, or undefined when there is none. */
export function regImm64(op: number): Handler | undefined {
  return op === AluOp.ADD ? addImm64 : op === AluOp.SUB ? subImm64 : undefined;
}

/** The dedicated handler of `op r/m64, r64` in register form, or undefined when there is none. */
export function regReg64(op: number): Handler | undefined {
  return op === AluOp.ADD ? addRegReg64 : undefined;
}

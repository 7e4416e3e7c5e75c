// Dedicated handlers for the most frequent memory forms: a memory operand that is just a base
// register plus a displacement (locals and fields: `mov -8(%rbp), %rax`). Each handler is its
// own function, so the engine optimises it for that one form instead of sharing feedback.
import type { CpuState } from '../cpu/cpu-state';
import type { Handler, Insn } from '../decoder/insn';
import { LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';
import { Access, canonical, ld32, ld64, phys, st32, st64 } from './memory-access';

const TWO32 = 4294967296;
const FD = Slot.FLAG_DST * 2;
const FS = Slot.FLAG_SRC * 2;
const FR = Slot.FLAG_RES * 2;

/** True when `insn`'s memory operand is base + disp with 64-bit addressing (no index, not RIP-relative). */
export function isBaseDisp(insn: Insn): boolean {
  return insn.hasMem && !insn.ripRelative && insn.base >= 0 && insn.index < 0 && insn.asize === 8;
}

/** Linear address base + disp of an instruction for which isBaseDisp holds; #GP when not canonical. */
export function baseDispAddress(cpu: CpuState, i: Insn): number {
  const r = cpu.r32;
  const lo = r[i.base * 2] + i.disp;
  const hi = r[i.base * 2 + 1];
  if (hi === 0 && lo >= 0 && lo < TWO32) return lo;
  return canonical(lo, hi);
}

/** `mov r64, [base+disp]`. */
export const loadBaseDisp64: Handler = (cpu, i) => {
  ld64(cpu, phys(cpu, baseDispAddress(cpu, i), 8, Access.Read, 0), i.reg);
};

/** `mov r32, [base+disp]` (zero-extends). */
export const loadBaseDisp32: Handler = (cpu, i) => {
  const v = ld32(cpu, phys(cpu, baseDispAddress(cpu, i), 4, Access.Read, 0));
  const r = cpu.r32;
  r[i.reg * 2] = v;
  r[i.reg * 2 + 1] = 0;
};

/** `mov [base+disp], r64`. */
export const storeBaseDisp64: Handler = (cpu, i) => {
  st64(cpu, phys(cpu, baseDispAddress(cpu, i), 8, Access.Write, 0), i.reg);
};

/** `mov [base+disp], r32`. */
export const storeBaseDisp32: Handler = (cpu, i) => {
  st32(cpu, phys(cpu, baseDispAddress(cpu, i), 4, Access.Write, 0), cpu.r32[i.reg * 2]);
};

/** `mov dword [base+disp], imm32`. */
export const storeImmBaseDisp32: Handler = (cpu, i) => {
  st32(cpu, phys(cpu, baseDispAddress(cpu, i), 4, Access.Write, 0), i.imm >>> 0);
};

/** `cmp dword [base+disp], imm` (records the flags of the subtraction). */
export const cmpImmBaseDisp32: Handler = (cpu, i) => {
  const a = ld32(cpu, phys(cpu, baseDispAddress(cpu, i), 4, Access.Read, 0));
  const b = i.imm >>> 0;
  const r = cpu.r32;
  r[FD] = a;
  r[FS] = b;
  r[FR] = a - b;
  cpu.flagOp = (LazyKind.SUB << 2) | 2;
};

/** `cmp r32, dword [base+disp]`. */
export const cmpRegBaseDisp32: Handler = (cpu, i) => {
  const b = ld32(cpu, phys(cpu, baseDispAddress(cpu, i), 4, Access.Read, 0));
  const r = cpu.r32;
  const a = r[i.reg * 2];
  r[FD] = a;
  r[FS] = b;
  r[FR] = a - b;
  cpu.flagOp = (LazyKind.SUB << 2) | 2;
};

/** `add dword [base+disp], imm`. */
export const addImmBaseDisp32: Handler = (cpu, i) => {
  const h = phys(cpu, baseDispAddress(cpu, i), 4, Access.Write, 0);
  const a = ld32(cpu, h);
  const b = i.imm >>> 0;
  const res = (a + b) >>> 0;
  const r = cpu.r32;
  r[FD] = a;
  r[FS] = b;
  r[FR] = res;
  cpu.flagOp = (LazyKind.ADD << 2) | 2;
  st32(cpu, h, res);
};

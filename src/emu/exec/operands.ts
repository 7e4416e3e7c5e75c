// Operand plumbing shared by the handlers: registers by size, and the register-or-memory (r/m)
// operand moved through register-file slots. Values of 1, 2 and 4 bytes travel as unsigned
// numbers; 8-byte values stay in slots (64-bit arithmetic is done on the BigUint64Array view).
import type { CpuState } from '../cpu/cpu-state';
import type { Insn } from '../decoder/insn';
import { byteRegOffset } from '../cpu/registers';
import { Access, ld64, ldSized, linearAddress, phys, st64, stSized, ld8, ld16, ld32, st8, st16, st32 } from './memory-access';

/** Bit masks of the operand sizes 1, 2, 4 (index = size). */
export const SIZE_MASK = [0, 0xff, 0xffff, 0, 0xffffffff];

/** Reads register `reg` as an unsigned value of `size` bytes (1, 2 or 4). */
export function getReg(cpu: CpuState, reg: number, size: number): number {
  if (size === 4) return cpu.r32[reg * 2];
  if (size === 2) return cpu.r16[reg * 4];
  return cpu.r8[byteRegOffset(reg)];
}

/** Writes `size` bytes (1, 2 or 4) of register `reg`: 4 zero-extends to 64 bits, 1 and 2 keep the rest. */
export function setReg(cpu: CpuState, reg: number, size: number, v: number): void {
  if (size === 4) {
    cpu.r32[reg * 2] = v;
    cpu.r32[reg * 2 + 1] = 0;
  } else if (size === 2) cpu.r16[reg * 4] = v;
  else cpu.r8[byteRegOffset(reg)] = v;
}

/** Copies register `reg` (size bytes, zero-extended) into slot `slot`. */
export function regToSlot(cpu: CpuState, reg: number, size: number, slot: number): void {
  if (size === 8) cpu.r64[slot] = cpu.r64[reg];
  else {
    cpu.r32[slot * 2] = getReg(cpu, reg, size);
    cpu.r32[slot * 2 + 1] = 0;
  }
}

/** Writes the low `size` bytes of slot `slot` to register `reg` (size rules of setReg; 8 copies all). */
export function slotToReg(cpu: CpuState, slot: number, size: number, reg: number): void {
  if (size === 8) cpu.r64[reg] = cpu.r64[slot];
  else setReg(cpu, reg, size, size === 4 ? cpu.r32[slot * 2] : size === 2 ? cpu.r16[slot * 4] : cpu.r8[slot * 8]);
}

/** Puts the instruction's immediate (sign-extended as decoded) into slot `slot`. */
export function immToSlot(cpu: CpuState, insn: Insn, slot: number): void {
  cpu.r32[slot * 2] = insn.imm;
  cpu.r32[slot * 2 + 1] = insn.immHi;
}

/** The immediate as an unsigned value of `size` bytes (1, 2 or 4). */
export function immValue(insn: Insn, size: number): number {
  return size === 4 ? insn.imm >>> 0 : insn.imm & SIZE_MASK[size];
}

/**
 * Translates the memory operand of `insn` for `access` (handle for ld/st), or returns NaN when the
 * r/m operand is a register. Call before changing any state.
 */
export function rmHandle(cpu: CpuState, insn: Insn, size: number, access: Access): number {
  return insn.hasMem ? phys(cpu, linearAddress(cpu, insn), size, access, 0) : NaN;
}

/** Reads the r/m operand (size 1, 2 or 4) through a handle from rmHandle. */
export function readRm(cpu: CpuState, insn: Insn, size: number, h: number): number {
  if (h !== h) return getReg(cpu, insn.rm, size);
  return size === 4 ? ld32(cpu, h) : size === 2 ? ld16(cpu, h) : ld8(cpu, h);
}

/** Writes the r/m operand (size 1, 2 or 4) through a handle from rmHandle. */
export function writeRm(cpu: CpuState, insn: Insn, size: number, h: number, v: number): void {
  if (h !== h) setReg(cpu, insn.rm, size, v);
  else if (size === 4) st32(cpu, h, v);
  else if (size === 2) st16(cpu, h, v);
  else st8(cpu, h, v);
}

/** Reads the r/m operand of any size into slot `slot` (zero-extended). */
export function rmToSlot(cpu: CpuState, insn: Insn, size: number, h: number, slot: number): void {
  if (h !== h) regToSlot(cpu, insn.rm, size, slot);
  else ldSized(cpu, h, size, slot);
}

/** Writes slot `slot` to the r/m operand of any size. */
export function slotToRm(cpu: CpuState, insn: Insn, size: number, h: number, slot: number): void {
  if (h !== h) slotToReg(cpu, slot, size, insn.rm);
  else stSized(cpu, h, size, slot);
}

export { ld64, st64 };

// The eight classic ALU operations (add or adc sbb and sub xor cmp, numbered as their /digit in
// opcodes 80..83) plus test: compute the result and record the lazy flags.
import type { CpuState } from '../cpu/cpu-state';
import { carryFlag, LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';

/** ALU operation numbers (= ModRM.reg of opcodes 80..83, = bits 5..3 of opcodes 00..3D); TEST is extra. */
export const enum AluOp { ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7, TEST = 8 }

/** Intel mnemonics of the AluOp numbers. */
export const ALU_MNEMONICS = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test'];

/** True when the operation writes its destination (everything but cmp and test). */
export function aluWrites(op: number): boolean {
  return op !== AluOp.CMP && op !== AluOp.TEST;
}

const FD = Slot.FLAG_DST * 2;
const FS = Slot.FLAG_SRC * 2;
const FR = Slot.FLAG_RES * 2;

/**
 * Applies `op` to unsigned operands `a`, `b` of 2^(3+log) bits (log 0..2 = 1, 2, 4 bytes) and
 * records the flags; returns the unsigned result.
 */
export function aluSmall(cpu: CpuState, op: number, log: number, a: number, b: number): number {
  const mask = log === 2 ? 0xffffffff : log === 1 ? 0xffff : 0xff;
  let res: number;
  let kind: number;
  switch (op) {
    case AluOp.ADD: res = (a + b) & mask; kind = LazyKind.ADD; break;
    case AluOp.OR: res = a | b; kind = LazyKind.LOGIC; break;
    case AluOp.ADC: {
      const c = carryFlag(cpu);
      cpu.flagBits = c;
      res = (a + b + c) & mask; kind = LazyKind.ADC; break;
    }
    case AluOp.SBB: {
      const c = carryFlag(cpu);
      cpu.flagBits = c;
      res = (a - b - c) & mask; kind = LazyKind.SBB; break;
    }
    case AluOp.AND: case AluOp.TEST: res = a & b; kind = LazyKind.LOGIC; break;
    case AluOp.XOR: res = a ^ b; kind = LazyKind.LOGIC; break;
    default: res = (a - b) & mask; kind = LazyKind.SUB; break;
  }
  res >>>= 0;
  const r = cpu.r32;
  r[FD] = a;
  r[FS] = b;
  r[FR] = res;
  cpu.flagOp = (kind << 2) | log;
  return res;
}

/**
 * Applies `op` to the 64-bit values in register-file slots `d` and `s` (register numbers are slots)
 * and records the flags; writes the result to slot `d` unless the op is cmp/test.
 */
export function alu64(cpu: CpuState, op: number, d: number, s: number): void {
  const q = cpu.r64;
  let kind: number;
  const carryIn = op === AluOp.ADC || op === AluOp.SBB ? carryFlag(cpu) : 0;
  q[Slot.FLAG_DST] = q[d];
  q[Slot.FLAG_SRC] = q[s];
  switch (op) {
    case AluOp.ADD: q[Slot.FLAG_RES] = q[Slot.FLAG_DST] + q[Slot.FLAG_SRC]; kind = LazyKind.ADD; break;
    case AluOp.OR: q[Slot.FLAG_RES] = q[Slot.FLAG_DST] | q[Slot.FLAG_SRC]; kind = LazyKind.LOGIC; break;
    case AluOp.ADC: {
      const c = carryIn;
      cpu.flagBits = c;
      q[Slot.FLAG_RES] = c ? q[Slot.FLAG_DST] + q[Slot.FLAG_SRC] + 1n : q[Slot.FLAG_DST] + q[Slot.FLAG_SRC];
      kind = LazyKind.ADC; break;
    }
    case AluOp.SBB: {
      const c = carryIn;
      cpu.flagBits = c;
      q[Slot.FLAG_RES] = c ? q[Slot.FLAG_DST] - q[Slot.FLAG_SRC] - 1n : q[Slot.FLAG_DST] - q[Slot.FLAG_SRC];
      kind = LazyKind.SBB; break;
    }
    case AluOp.AND: case AluOp.TEST: q[Slot.FLAG_RES] = q[Slot.FLAG_DST] & q[Slot.FLAG_SRC]; kind = LazyKind.LOGIC; break;
    case AluOp.XOR: q[Slot.FLAG_RES] = q[Slot.FLAG_DST] ^ q[Slot.FLAG_SRC]; kind = LazyKind.LOGIC; break;
    default: q[Slot.FLAG_RES] = q[Slot.FLAG_DST] - q[Slot.FLAG_SRC]; kind = LazyKind.SUB; break;
  }
  cpu.flagOp = (kind << 2) | 3;
  if (op !== AluOp.CMP && op !== AluOp.TEST) q[d] = q[Slot.FLAG_RES];
}

/** Records lazy flags for a 32-bit subtraction a - b without writing anything else (hot cmp path). */
export function recordSub32(cpu: CpuState, a: number, b: number): void {
  const r = cpu.r32;
  r[FD] = a;
  r[FS] = b;
  r[FR] = a - b;
  cpu.flagOp = (LazyKind.SUB << 2) | 2;
}

/** Records lazy flags for a 32-bit addition, returns the result (hot add path). */
export function add32(cpu: CpuState, a: number, b: number): number {
  const r = cpu.r32;
  const res = (a + b) >>> 0;
  r[FD] = a;
  r[FS] = b;
  r[FR] = res;
  cpu.flagOp = (LazyKind.ADD << 2) | 2;
  return res;
}

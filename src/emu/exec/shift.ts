// Shifts and rotates: rol ror rcl rcr shl shr sar (C0/C1/D0-D3, numbered by /digit) by 1, CL or
// imm8, at every size. The count is masked to 5 bits (6 with a 64-bit operand); a masked count
// of 0 changes no flag (and, for a 32-bit register, still zero-extends the destination, as the
// write back happens). Rotates change only CF and OF. See cpu/lazy-flags.ts for the flags the SDM
// leaves undefined.
import type { Handler, Insn } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Slot } from '../cpu/registers';
import { carryFlag, LazyKind, setStatusFlags, sizeLog } from '../cpu/lazy-flags';
import { Flag } from '../isa/operand-forms';
import { Access } from './memory-access';
import { rmHandle, rmToSlot, slotToRm, SIZE_MASK } from './operands';
import { cachedHandler } from './handler-cache';

/** Shift/rotate operations by /digit. */
export const enum ShiftOp { ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7 }

/** Mnemonics by ShiftOp. /6 is an alias of /4 (SAL = SHL); objdump and gdb print it as shl. */
export const SHIFT_MNEMONICS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'shl', 'sar'];

/** Where the count comes from. */
export type CountSource = 'one' | 'cl' | 'imm';

function countOf(cpu: CpuState, insn: Insn, source: CountSource): number {
  return source === 'one' ? 1 : source === 'cl' ? cpu.r8[8] : insn.imm;
}

const FD = Slot.FLAG_DST * 2;
const FS = Slot.FLAG_SRC * 2;
const FR = Slot.FLAG_RES * 2;

/** Shifts the value in slot T0 (size bytes) by `n` (already masked, non-zero); records flags. */
function shiftT0(cpu: CpuState, op: number, size: number, n: number): void {
  const r = cpu.r32;
  const t = Slot.T0 * 2;
  const lo = r[t];
  const hi = r[t + 1];
  const kind = op === ShiftOp.SAR ? LazyKind.SAR : op === ShiftOp.SHR ? LazyKind.SHR : LazyKind.SHL;
  r[FD] = lo;
  r[FD + 1] = hi;
  r[FS] = n;
  r[FS + 1] = 0;
  if (size === 8) {
    let rl: number;
    let rh: number;
    if (kind === LazyKind.SHL) {
      if (n < 32) { rh = (hi << n) | (lo >>> (32 - n)); rl = lo << n; } else { rh = lo << (n - 32); rl = 0; }
      if (n === 32) rh = lo;
    } else if (kind === LazyKind.SHR) {
      if (n < 32) { rl = (lo >>> n) | (hi << (32 - n)); rh = hi >>> n; } else { rl = hi >>> (n - 32); rh = 0; }
    } else {
      if (n < 32) { rl = (lo >>> n) | (hi << (32 - n)); rh = (hi | 0) >> n; } else { rl = (hi | 0) >> (n - 32); rh = (hi | 0) >> 31; }
    }
    r[t] = rl;
    r[t + 1] = rh;
  } else {
    const mask = SIZE_MASK[size];
    let res: number;
    if (kind === LazyKind.SHL) res = n >= 32 ? 0 : (lo << n) & mask;
    else if (kind === LazyKind.SHR) res = lo >>> n;
    else {
      const sh = 32 - size * 8;
      res = (((lo << sh) >> sh) >> n) & mask;
    }
    r[t] = res >>> 0;
  }
  r[FR] = r[t];
  r[FR + 1] = r[t + 1];
  cpu.flagOp = (kind << 2) | sizeLog(size);
}

function msb(cpu: CpuState, slot: number, size: number): number {
  return size === 8 ? cpu.r32[slot * 2 + 1] >>> 31 : (cpu.r32[slot * 2] >>> (size * 8 - 1)) & 1;
}

/** Rotates slot T0 by one bit: left or right, through `carryIn` (for rcl/rcr) or around. Returns the bit rotated out. */
function rotateOnce(cpu: CpuState, size: number, left: boolean, carryIn: number): number {
  const r = cpu.r32;
  const t = Slot.T0 * 2;
  if (size === 8) {
    const lo = r[t];
    const hi = r[t + 1];
    if (left) {
      r[t + 1] = (hi << 1) | (lo >>> 31);
      r[t] = (lo << 1) | carryIn;
      return hi >>> 31;
    }
    r[t] = (lo >>> 1) | (hi << 31);
    r[t + 1] = (hi >>> 1) | (carryIn << 31);
    return lo & 1;
  }
  const v = r[t];
  const bits = size * 8;
  if (left) {
    r[t] = ((v << 1) | carryIn) & SIZE_MASK[size];
    return (v >>> (bits - 1)) & 1;
  }
  r[t] = (v >>> 1) | (carryIn << (bits - 1));
  return v & 1;
}

/** Rotates slot T0 (size bytes) left by `s` bits, 0 < s < size * 8, in one step. */
function rotateAround(cpu: CpuState, size: number, s: number): void {
  const r = cpu.r32;
  const t = Slot.T0 * 2;
  if (size === 8) {
    let lo = r[t];
    let hi = r[t + 1];
    if (s >= 32) {
      const x = lo;
      lo = hi;
      hi = x;
      s -= 32;
    }
    if (s !== 0) {
      const nhi = (hi << s) | (lo >>> (32 - s));
      lo = (lo << s) | (hi >>> (32 - s));
      hi = nhi;
    }
    r[t] = lo;
    r[t + 1] = hi;
    return;
  }
  const v = r[t];
  r[t] = ((v << s) | (v >>> (size * 8 - s))) & SIZE_MASK[size];
}

/** Rotates slot T0 by masked count `n` (non-zero); sets CF and OF. */
function rotateT0(cpu: CpuState, op: number, size: number, n: number): void {
  const bits = size * 8;
  const left = op === ShiftOp.ROL || op === ShiftOp.RCL;
  let cf = carryFlag(cpu);
  let of: number;
  if (op === ShiftOp.RCL || op === ShiftOp.RCR) {
    const steps = size === 1 ? n % 9 : size === 2 ? n % 17 : n;
    const before = msb(cpu, Slot.T0, size) ^ cf;
    for (let k = 0; k < steps; k++) cf = rotateOnce(cpu, size, left, cf);
    of = left ? msb(cpu, Slot.T0, size) ^ cf : before;
  } else {
    const steps = n % bits;
    if (steps !== 0) rotateAround(cpu, size, left ? steps : bits - steps);
    cf = left ? cpu.r32[Slot.T0 * 2] & 1 : msb(cpu, Slot.T0, size);
    const second = size === 8 ? (cpu.r32[Slot.T0 * 2 + 1] >>> 30) & 1 : (cpu.r32[Slot.T0 * 2] >>> (bits - 2)) & 1;
    of = left ? msb(cpu, Slot.T0, size) ^ cf : msb(cpu, Slot.T0, size) ^ second;
  }
  setStatusFlags(cpu, Flag.CF | Flag.OF, cf | (of << 11));
}

/** Handler selector for shift/rotate `op` with its count from `source`. */
export function shiftRm(op: ShiftOp, source: CountSource): HandlerSelector {
  return (insn) =>
    cachedHandler(`shift/${op}/${source}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      const countMask = size === 8 ? 0x3f : 0x1f;
      return (cpu, i) => {
        const h = rmHandle(cpu, i, size, Access.Write);
        rmToSlot(cpu, i, size, h, Slot.T0);
        const n = countOf(cpu, i, source) & countMask;
        if (n !== 0) {
          if (op >= ShiftOp.SHL) shiftT0(cpu, op, size, n);
          else rotateT0(cpu, op, size, n);
        }
        slotToRm(cpu, i, size, h, Slot.T0);
      };
    });
}

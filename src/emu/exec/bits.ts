// Bit instructions: bt/bts/btr/btc (register and immediate offsets), bsf/bsr, tzcnt/lzcnt, popcnt.
//
// Flags (undefined ones as the host CPU, AMD, sets them): bt* set CF only (ZF is defined as
// unchanged; OF, SF, AF, PF are undefined and stay unchanged). bsf/bsr set ZF, leave the
// destination unchanged when the source is 0 (what AMD documents and Intel hardware does), set PF
// from the destination's low byte and clear CF, OF, SF, AF. tzcnt/lzcnt set CF and ZF, clear SF,
// AF, PF and leave OF unchanged; popcnt sets ZF and clears CF, OF, SF, AF, PF.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Slot } from '../cpu/registers';
import { PARITY, setStatusFlags } from '../cpu/lazy-flags';
import { Flag, STATUS_FLAGS } from '../isa/operand-forms';
import { Access, linearAddress, offsetAddress, phys } from './memory-access';
import { getReg, rmHandle, rmToSlot, slotToReg, slotToRm } from './operands';
import { cachedHandler } from './handler-cache';

/** bt=0, bts=1, btr=2, btc=3 (the low bits of /4../7 and of 0F A3/AB/B3/BB order). */
export const enum BitOp { BT = 0, BTS = 1, BTR = 2, BTC = 3 }

/** Tests and changes bit `bit` of slot T0; returns the old bit. */
function applyBit(cpu: CpuState, op: number, bit: number): number {
  const idx = Slot.T0 * 2 + (bit >>> 5);
  const m = 1 << (bit & 31);
  const r = cpu.r32;
  const old = (r[idx] & m) !== 0 ? 1 : 0;
  if (op === BitOp.BTS) r[idx] |= m;
  else if (op === BitOp.BTR) r[idx] &= ~m;
  else if (op === BitOp.BTC) r[idx] ^= m;
  return old;
}

/** Signed bit offset held in register `reg` at operand size `size`. */
function signedOffset(cpu: CpuState, reg: number, size: number): number {
  if (size === 8) return cpu.s32[reg * 2 + 1] * 4294967296 + cpu.r32[reg * 2];
  const v = getReg(cpu, reg, size);
  return size === 4 ? v | 0 : (v << 16) >> 16;
}

/** `bt* r/m, r` (0F A3, AB, B3, BB): a memory operand is a bit string addressed by the signed offset. */
export function bitTestReg(op: BitOp): HandlerSelector {
  return (insn) =>
    cachedHandler(`bt r/${op}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      const bits = size * 8;
      const access = op === BitOp.BT ? Access.Read : Access.Write;
      return (cpu, i) => {
        const offset = signedOffset(cpu, i.reg, size);
        let h = NaN;
        let bit = (size === 8 ? cpu.r32[i.reg * 2] : offset) & (bits - 1);
        if (i.hasMem) {
          const unit = Math.floor(offset / bits);
          h = phys(cpu, offsetAddress(linearAddress(cpu, i), unit * size), size, access, 0);
          bit = offset - unit * bits;
        }
        rmToSlot(cpu, i, size, h, Slot.T0);
        const old = applyBit(cpu, op, bit);
        if (op !== BitOp.BT) slotToRm(cpu, i, size, h, Slot.T0);
        setStatusFlags(cpu, Flag.CF, old);
      };
    });
}

/** `bt* r/m, imm8` (0F BA /4../7): the offset is taken modulo the operand width. */
export function bitTestImm(op: BitOp): HandlerSelector {
  return (insn) =>
    cachedHandler(`bt i/${op}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      const access = op === BitOp.BT ? Access.Read : Access.Write;
      return (cpu, i) => {
        const h = rmHandle(cpu, i, size, access);
        rmToSlot(cpu, i, size, h, Slot.T0);
        const old = applyBit(cpu, op, i.imm & (size * 8 - 1));
        if (op !== BitOp.BT) slotToRm(cpu, i, size, h, Slot.T0);
        setStatusFlags(cpu, Flag.CF, old);
      };
    });
}

function trailingZeros(lo: number, hi: number, bits: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  if (bits === 64 && hi !== 0) return 63 - Math.clz32(hi & -hi);
  return bits;
}

function leadingZeros(lo: number, hi: number, bits: number): number {
  if (bits === 64) return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  return Math.clz32(lo) - (32 - bits);
}

function popCount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Which bit-scan instruction. */
export type ScanKind = 'bsf' | 'bsr' | 'tzcnt' | 'lzcnt' | 'popcnt';

/** bsf/bsr (0F BC/BD), tzcnt/lzcnt (F3 0F BC/BD), popcnt (F3 0F B8): `r, r/m`. */
export function bitScan(kind: ScanKind): HandlerSelector {
  return (insn) =>
    cachedHandler(`scan/${kind}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      const bits = size * 8;
      return (cpu, i) => {
        rmToSlot(cpu, i, size, rmHandle(cpu, i, size, Access.Read), Slot.T0);
        const r = cpu.r32;
        const lo = r[Slot.T0 * 2];
        const hi = r[Slot.T0 * 2 + 1];
        const zero = (lo | hi) === 0;
        let result: number;
        switch (kind) {
          case 'bsf':
          case 'bsr':
            if (zero) {
              setStatusFlags(cpu, STATUS_FLAGS, Flag.ZF | PARITY[cpu.r8[i.reg < 16 ? i.reg * 8 : 0]]);
              return;
            }
            result = kind === 'bsf' ? trailingZeros(lo, hi, bits) : bits - 1 - leadingZeros(lo, hi, bits);
            setStatusFlags(cpu, STATUS_FLAGS, PARITY[result]);
            break;
          case 'tzcnt':
          case 'lzcnt':
            result = kind === 'tzcnt' ? trailingZeros(lo, hi, bits) : leadingZeros(lo, hi, bits);
            setStatusFlags(cpu, STATUS_FLAGS & ~Flag.OF, (zero ? Flag.CF : 0) | (result === 0 ? Flag.ZF : 0));
            break;
          default:
            result = popCount(lo) + popCount(hi);
            setStatusFlags(cpu, STATUS_FLAGS, zero ? Flag.ZF : 0);
        }
        r[Slot.T0 * 2] = result;
        r[Slot.T0 * 2 + 1] = 0;
        slotToReg(cpu, Slot.T0, size, i.reg);
      };
    });
}

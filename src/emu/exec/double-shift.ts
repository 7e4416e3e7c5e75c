// shld / shrd (0F A4/A5, 0F AC/AD): shift r/m by imm8 or CL, filling from a register.
// CF = last bit shifted out, OF = sign change (defined for a count of 1; we apply the same rule
// for every count), SF ZF PF from the result, AF set (as the host CPU does). A masked count of 0 changes nothing.
// For 16-bit operands a count above 16 gives an SDM-undefined result; we shift the 32-bit
// concatenation, which real CPUs do not all agree on.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import { Slot } from '../cpu/registers';
import { PARITY, setStatusFlags } from '../cpu/lazy-flags';
import { STATUS_FLAGS } from '../isa/operand-forms';
import { Access } from './memory-access';
import { regToSlot, rmHandle, rmToSlot, slotToRm } from './operands';
import { cachedHandler } from './handler-cache';

/** shld (left = true) or shrd, with the count from CL or the immediate. */
export function doubleShift(left: boolean, fromCl: boolean): HandlerSelector {
  return (insn) =>
    cachedHandler(`shxd/${left}/${fromCl}/${insn.opsize}/${insn.hasMem}`, (): Handler => {
      const size = insn.opsize;
      const bits = BigInt(size * 8);
      const mask = (1n << bits) - 1n;
      return (cpu, i) => {
        const h = rmHandle(cpu, i, size, Access.Write);
        const n = (fromCl ? cpu.r8[8] : i.imm) & (size === 8 ? 63 : 31);
        rmToSlot(cpu, i, size, h, Slot.T0);
        if (n !== 0) {
          regToSlot(cpu, i.reg, size, Slot.T1);
          const d = cpu.r64[Slot.T0];
          const s = cpu.r64[Slot.T1];
          const c = BigInt(n);
          let res: bigint;
          let cf: bigint;
          if (left) {
            const wide = (((d << bits) | s) << c) >> bits;
            res = wide & mask;
            cf = (d >> (bits - c)) & 1n;
            if (c > bits) cf = (s >> (bits * 2n - c)) & 1n;
          } else {
            const wide = ((s << bits) | d) >> c;
            res = wide & mask;
            cf = (((s << bits) | d) >> (c - 1n)) & 1n;
          }
          cpu.r64[Slot.T0] = res;
          const top = (res >> (bits - 1n)) & 1n;
          const of = top !== ((d >> (bits - 1n)) & 1n);
          setStatusFlags(cpu, STATUS_FLAGS,
            Number(cf) | 0x10 | (of ? 0x800 : 0) | (res === 0n ? 0x40 : 0) | (top ? 0x80 : 0) | PARITY[Number(res & 0xffn)]);
        }
        slotToRm(cpu, i, size, h, Slot.T0);
      };
    });
}

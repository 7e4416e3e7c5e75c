// String instructions movs, cmps, stos, lods, scas at every size, with rep / repe / repne and
// the direction flag. Each iteration translates every address it touches before writing, so a
// fault in iteration k leaves the registers as after k - 1 iterations, with rip on the
// instruction: restarting it continues the copy, exactly as hardware does. With 32-bit addressing
// a repeated form first writes its count (and, for movs and stos, index) registers as 32-bit
// registers, as the host CPU does: see ADDR32_REP_WRITES.
import type { Handler, Insn } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { Reg, Slot } from '../cpu/registers';
import { sizeLog } from '../cpu/lazy-flags';
import { Flag } from '../isa/operand-forms';
import { alu64, aluSmall, AluOp } from './alu-core';
import { Access, canonical, ldSized, phys, stSized } from './memory-access';
import { regToSlot, slotToReg } from './operands';
import { cachedHandler } from './handler-cache';
import { condition } from '../cpu/lazy-flags';

/** String operations. */
export type StringKind = 'movs' | 'cmps' | 'stos' | 'lods' | 'scas';

/** The address held in rsi/rdi (64-bit, or 32-bit with a 67 prefix), checked canonical. */
function indexAddress(cpu: CpuState, reg: number, asize: number): number {
  const lo = cpu.r32[reg * 2];
  if (asize === 4) return lo;
  const hi = cpu.r32[reg * 2 + 1];
  return hi === 0 ? lo : canonical(lo, hi);
}

/** reg += delta at the address size (a 32-bit update zero-extends). */
function advance(cpu: CpuState, reg: number, delta: number, asize: number): void {
  const r = cpu.r32;
  const lo = r[reg * 2] + delta;
  r[reg * 2] = lo;
  if (asize === 4) r[reg * 2 + 1] = 0;
  else if (lo < 0) r[reg * 2 + 1] = r[reg * 2 + 1] - 1;
  else if (lo >= 4294967296) r[reg * 2 + 1] = r[reg * 2 + 1] + 1;
}

/**
 * Registers a repeated string instruction with 32-bit addressing writes as 32-bit registers
 * (clearing bits 63:32) before its first element, so even with a zero count or when the first
 * element faults. The architecture leaves this to the implementation; these are the registers an
 * Intel host clears: rcx always, rsi and rdi for movs, rdi for stos. lods, cmps and scas leave
 * their index registers to the element updates.
 */
const ADDR32_REP_WRITES: Readonly<Record<StringKind, readonly number[]>> = {
  movs: [Reg.RCX, Reg.RSI, Reg.RDI],
  stos: [Reg.RCX, Reg.RDI],
  lods: [Reg.RCX],
  cmps: [Reg.RCX],
  scas: [Reg.RCX],
};

function counterIsZero(cpu: CpuState, asize: number): boolean {
  const r = cpu.r32;
  return asize === 4 ? r[Reg.RCX * 2] === 0 : (r[Reg.RCX * 2] | r[Reg.RCX * 2 + 1]) === 0;
}

/** Performs one element of the operation; returns nothing (flags are lazy for cmps/scas). */
function once(cpu: CpuState, kind: StringKind, size: number, asize: number, step: number): void {
  switch (kind) {
    case 'movs': {
      const src = phys(cpu, indexAddress(cpu, Reg.RSI, asize), size, Access.Read, 0);
      const dst = phys(cpu, indexAddress(cpu, Reg.RDI, asize), size, Access.Write, 1);
      ldSized(cpu, src, size, Slot.T0);
      stSized(cpu, dst, size, Slot.T0);
      advance(cpu, Reg.RSI, step, asize);
      advance(cpu, Reg.RDI, step, asize);
      return;
    }
    case 'stos': {
      const dst = phys(cpu, indexAddress(cpu, Reg.RDI, asize), size, Access.Write, 1);
      regToSlot(cpu, Reg.RAX, size, Slot.T0);
      stSized(cpu, dst, size, Slot.T0);
      advance(cpu, Reg.RDI, step, asize);
      return;
    }
    case 'lods': {
      ldSized(cpu, phys(cpu, indexAddress(cpu, Reg.RSI, asize), size, Access.Read, 0), size, Slot.T0);
      slotToReg(cpu, Slot.T0, size, Reg.RAX);
      advance(cpu, Reg.RSI, step, asize);
      return;
    }
    case 'cmps': {
      const src = phys(cpu, indexAddress(cpu, Reg.RSI, asize), size, Access.Read, 0);
      const dst = phys(cpu, indexAddress(cpu, Reg.RDI, asize), size, Access.Read, 1);
      ldSized(cpu, src, size, Slot.T0);
      ldSized(cpu, dst, size, Slot.T1);
      compare(cpu, size);
      advance(cpu, Reg.RSI, step, asize);
      advance(cpu, Reg.RDI, step, asize);
      return;
    }
    case 'scas': {
      ldSized(cpu, phys(cpu, indexAddress(cpu, Reg.RDI, asize), size, Access.Read, 1), size, Slot.T1);
      regToSlot(cpu, Reg.RAX, size, Slot.T0);
      compare(cpu, size);
      advance(cpu, Reg.RDI, step, asize);
      return;
    }
  }
}

function compare(cpu: CpuState, size: number): void {
  if (size === 8) alu64(cpu, AluOp.CMP, Slot.T0, Slot.T1);
  else aluSmall(cpu, AluOp.CMP, sizeLog(size), cpu.r32[Slot.T0 * 2], cpu.r32[Slot.T1 * 2]);
}

function decrementCounter(cpu: CpuState, asize: number): void {
  advance(cpu, Reg.RCX, -1, asize);
}

/** Handler selector for a string instruction (the decoder records rep/repne in `insn.rep`). */
export function stringOp(kind: StringKind): HandlerSelector {
  return (insn: Insn) =>
    cachedHandler(`str/${kind}/${insn.opsize}/${insn.asize}/${insn.rep}`, (): Handler => {
      const size = insn.opsize;
      const asize = insn.asize;
      const conditional = kind === 'cmps' || kind === 'scas';
      const rep = insn.rep;
      if (rep === 0) {
        return (cpu) => once(cpu, kind, size, asize, cpu.controlFlags & Flag.DF ? -size : size);
      }
      const whileEqual = rep === 0xf3;
      const widened = asize === 4 ? ADDR32_REP_WRITES[kind] : [];
      return (cpu) => {
        for (const reg of widened) cpu.r32[reg * 2 + 1] = 0;
        const step = cpu.controlFlags & Flag.DF ? -size : size;
        while (!counterIsZero(cpu, asize)) {
          once(cpu, kind, size, asize, step);
          decrementCounter(cpu, asize);
          if (conditional && condition(cpu, 4) !== whileEqual) break;
        }
      };
    });
}

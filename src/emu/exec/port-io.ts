// Port I/O: in, out (immediate port or dx), and the string forms ins and outs with rep. Allowed
// when CPL <= IOPL (there is no I/O permission bitmap) on a machine with devices; otherwise #GP.
// `out` and the string forms end the run slice (pendingStop SYSTEM), as a device may now raise
// an interrupt.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { PendingStop } from '../cpu/cpu-state';
import { Reg } from '../cpu/registers';
import { requireIoPrivilege } from '../cpu/privilege';
import { Access, ld16, ld32, ld8, phys, st16, st32, st8 } from './memory-access';
import { getReg, setReg } from './operands';
import { cachedHandler } from './handler-cache';

const DF = 0x400;

/** The port an instruction names: its immediate, or dx. */
function portOf(cpu: CpuState, fromDx: boolean, imm: number): number {
  return fromDx ? cpu.r16[Reg.RDX * 4] : imm & 0xff;
}

/** `in acc, imm8` (E4/E5) and `in acc, dx` (EC/ED). */
export const portIn = (fromDx: boolean): HandlerSelector => (insn) =>
  cachedHandler(`in/${fromDx}/${insn.opsize}`, (): Handler => {
    const size = Math.min(insn.opsize, 4);
    return (cpu, i) => {
      requireIoPrivilege(cpu, 'in', true);
      const v = cpu.ports!.in(portOf(cpu, fromDx, i.imm), size);
      setReg(cpu, Reg.RAX, size, size === 4 ? v >>> 0 : v & (size === 2 ? 0xffff : 0xff));
      cpu.rip = i.next;
    };
  });

/** `out imm8, acc` (E6/E7) and `out dx, acc` (EE/EF). */
export const portOut = (fromDx: boolean): HandlerSelector => (insn) =>
  cachedHandler(`out/${fromDx}/${insn.opsize}`, (): Handler => {
    const size = Math.min(insn.opsize, 4);
    return (cpu, i) => {
      requireIoPrivilege(cpu, 'out', true);
      cpu.ports!.out(portOf(cpu, fromDx, i.imm), size, getReg(cpu, Reg.RAX, size));
      cpu.rip = i.next;
      cpu.pendingStop = PendingStop.SYSTEM;
    };
  });

/** Adds `delta` to the string register `reg` at the address size (32-bit addressing wraps). */
function step(cpu: CpuState, reg: number, delta: number, asize: number): void {
  if (asize === 4) setReg(cpu, reg, 4, (cpu.r32[reg * 2] + delta) >>> 0);
  else cpu.r64[reg] = BigInt.asUintN(64, cpu.r64[reg] + BigInt(delta));
}

/** The linear address in string register `reg` at the address size. */
function stringAddress(cpu: CpuState, reg: number, asize: number): number {
  return asize === 4 ? cpu.r32[reg * 2] : cpu.r32[reg * 2] + cpu.r32[reg * 2 + 1] * 4294967296;
}

/** The remaining count of a rep prefix (rcx, or ecx with 32-bit addressing). */
function count(cpu: CpuState, asize: number): number {
  return asize === 4 ? cpu.r32[Reg.RCX * 2] : cpu.r32[Reg.RCX * 2] + cpu.r32[Reg.RCX * 2 + 1] * 4294967296;
}

/**
 * `ins` (6C/6D): port dx to es:[rdi]; `outs` (6E/6F): ds:[rsi] to port dx; one element, or rcx
 * elements with rep. Each element's memory is translated before its port is touched, so a
 * fault leaves the registers at the element that faulted (rcx counts what is left), as the
 * processor leaves an interrupted rep.
 */
export const portString = (input: boolean): HandlerSelector => (insn) =>
  cachedHandler(`${input ? 'ins' : 'outs'}/${insn.opsize}/${insn.asize}/${insn.rep !== 0}`, (): Handler => {
    const size = Math.min(insn.opsize, 4);
    const rep = insn.rep !== 0;
    const reg = input ? Reg.RDI : Reg.RSI;
    return (cpu, i) => {
      requireIoPrivilege(cpu, input ? 'ins' : 'outs', true);
      const ports = cpu.ports!;
      const port = cpu.r16[Reg.RDX * 4];
      const delta = (cpu.controlFlags & DF) !== 0 ? -size : size;
      let left = rep ? count(cpu, i.asize) : 1;
      while (left > 0) {
        const h = phys(cpu, stringAddress(cpu, reg, i.asize), size, input ? Access.Write : Access.Read, 0);
        if (input) {
          const v = ports.in(port, size);
          if (size === 1) st8(cpu, h, v);
          else if (size === 2) st16(cpu, h, v);
          else st32(cpu, h, v);
        } else {
          ports.out(port, size, size === 1 ? ld8(cpu, h) : size === 2 ? ld16(cpu, h) : ld32(cpu, h));
        }
        step(cpu, reg, delta, i.asize);
        left--;
        if (rep) step(cpu, Reg.RCX, -1, i.asize);
      }
      cpu.rip = i.next;
      cpu.pendingStop = PendingStop.SYSTEM;
    };
  });

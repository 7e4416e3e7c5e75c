// Privileged and system instructions: cli, sti, hlt, mov to and from control registers, lgdt,
// lidt, ltr, rdmsr, wrmsr, invlpg, swapgs, mov to and from segment registers, cpuid. Each checks
// its privilege first (#GP at CPL 3, as a Pintos user process meets it) and everything else
// before changing anything. Those whose effect the run loop must see (an interrupt window
// opening, a new code width, halting) set `pendingStop`.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { PendingStop } from '../cpu/cpu-state';
import { CpuFault, InvalidOpcode, Vector } from '../cpu/faults';
import { Reg } from '../cpu/registers';
import { Cr0, Efer } from '../cpu/system-state';
import { IF_FLAG, requireIoPrivilege, requireKernel, syncCpuMode } from '../cpu/privilege';
import { Access, ld16, ld32, linearAddress, offsetAddress, phys, st16 } from './memory-access';
import { rmHandle, readRm, setReg } from './operands';
import { cachedHandler } from './handler-cache';

const TWO32 = 4294967296;

/** `cli` (FA). */
export const cli: HandlerSelector = () =>
  cachedHandler('cli', (): Handler => (cpu, i) => {
    requireIoPrivilege(cpu, 'cli', false);
    cpu.controlFlags &= ~IF_FLAG;
    cpu.rip = i.next;
  });

/** `sti` (FB): interrupts are taken after the next instruction (the interrupt shadow). */
export const sti: HandlerSelector = () =>
  cachedHandler('sti', (): Handler => (cpu, i) => {
    requireIoPrivilege(cpu, 'sti', false);
    if ((cpu.controlFlags & IF_FLAG) === 0) {
      cpu.controlFlags |= IF_FLAG;
      cpu.sys.interruptShadow = true;
      cpu.pendingStop = PendingStop.SYSTEM;
    }
    cpu.rip = i.next;
  });

/** `hlt` (F4): stops the machine with rip after it; #GP below CPL 0 in full-system mode (a
 *  user-mode machine reports the stop and its kernel decides). */
export const hlt: HandlerSelector = () =>
  cachedHandler('hlt', (): Handler => (cpu, i) => {
    if (cpu.fullSystem) requireKernel(cpu, 'hlt');
    cpu.rip = i.next;
    cpu.pendingStop = PendingStop.HALT;
  });

/** The 64-bit (or, in 32-bit code, 32-bit) value of general register `reg` as a number. */
function regValue(cpu: CpuState, reg: number): number {
  return cpu.sys.codeBits === 32 ? cpu.r32[reg * 2] : cpu.r32[reg * 2] + cpu.r32[reg * 2 + 1] * TWO32;
}

/** Writes `value` (below 2^53) to general register `reg` (32-bit code writes 32 bits, zero-extended). */
function setRegValue(cpu: CpuState, reg: number, value: number): void {
  cpu.r32[reg * 2] = value % TWO32;
  cpu.r32[reg * 2 + 1] = cpu.sys.codeBits === 32 ? 0 : Math.floor(value / TWO32);
}

/** `mov r, crN` (0F 20). */
export const movFromCr: HandlerSelector = () =>
  cachedHandler('mov r,cr', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'mov from a control register');
    const s = cpu.sys;
    const v = i.reg === 0 ? s.cr0 : i.reg === 2 ? s.cr2 : i.reg === 3 ? s.cr3 : i.reg === 4 ? s.cr4 : NaN;
    if (v !== v) throw new InvalidOpcode([0x0f, 0x20]);
    setRegValue(cpu, i.rm, v);
    cpu.rip = i.next;
  });

/** `mov crN, r` (0F 22): CR0 (paging and long mode on or off), CR2, CR3 (the page-table root;
 *  flushes the TLB), CR4. */
export const movToCr: HandlerSelector = () =>
  cachedHandler('mov cr,r', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'mov to a control register');
    const s = cpu.sys;
    const v = regValue(cpu, i.rm);
    switch (i.reg) {
      case 0: {
        const value = v % TWO32;
        if ((value & Cr0.PG) !== 0 && (value & Cr0.PE) === 0) throw new CpuFault(Vector.GP, 0, 'CR0.PG without CR0.PE');
        if ((value & Cr0.PG) !== 0 && (s.efer & Efer.LME) !== 0 && (s.cr4 & 0x20) === 0) throw new CpuFault(Vector.GP, 0, 'long mode without CR4.PAE');
        s.cr0 = value >>> 0;
        s.efer = (value & Cr0.PG) !== 0 && (s.efer & Efer.LME) !== 0 ? s.efer | Efer.LMA : s.efer & ~Efer.LMA;
        syncCpuMode(cpu);
        cpu.mem.flushTlb();
        cpu.pendingStop = PendingStop.SYSTEM;
        break;
      }
      case 2:
        s.cr2 = v;
        break;
      case 3: {
        const root = v - (v % 4096);
        try {
          cpu.mem.setRoot(root % 2 ** 52);
        } catch {
          throw new CpuFault(Vector.GP, 0, `CR3 0x${root.toString(16)} is outside RAM`);
        }
        s.cr3 = v;
        break;
      }
      case 4:
        s.cr4 = v % TWO32;
        cpu.mem.flushTlb();
        break;
      default:
        throw new InvalidOpcode([0x0f, 0x22]);
    }
    cpu.rip = i.next;
  });

/** Reads the pseudo-descriptor of lgdt/lidt: a 16-bit limit and a base of 8 bytes (4 in 32-bit code). */
function readPseudoDescriptor(cpu: CpuState, va: number): { base: number; limit: number } {
  const limit = ld16(cpu, phys(cpu, va, 2, Access.Read, 0));
  const baseAt = offsetAddress(va, 2);
  const lo = ld32(cpu, phys(cpu, baseAt, 4, Access.Read, 0));
  const hi = cpu.sys.codeBits === 32 ? 0 : ld32(cpu, phys(cpu, offsetAddress(baseAt, 4), 4, Access.Read, 0));
  return { limit, base: lo + (hi & 0xffff) * TWO32 };
}

/** `lgdt m` (0F 01 /2) and `lidt m` (0F 01 /3). */
export const loadDescriptorTable = (idt: boolean): HandlerSelector => () =>
  cachedHandler(`l${idt ? 'i' : 'g'}dt`, (): Handler => (cpu, i) => {
    requireKernel(cpu, idt ? 'lidt' : 'lgdt');
    const d = readPseudoDescriptor(cpu, linearAddress(cpu, i));
    if (idt) {
      cpu.sys.idtBase = d.base;
      cpu.sys.idtLimit = d.limit;
    } else {
      cpu.sys.gdtBase = d.base;
      cpu.sys.gdtLimit = d.limit;
    }
    cpu.rip = i.next;
  });

/** `ltr r/m16` (0F 00 /3): loads the task register's selector. */
export const ltr: HandlerSelector = () =>
  cachedHandler('ltr', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'ltr');
    const sel = readRm(cpu, i, 2, rmHandle(cpu, i, 2, Access.Read));
    if ((sel & ~7) === 0 || (sel & ~7) + 15 > cpu.sys.gdtLimit) throw new CpuFault(Vector.GP, sel & ~3, `ltr 0x${sel.toString(16)}`);
    cpu.sys.tr = sel;
    cpu.rip = i.next;
  });

/** `lldt r/m16` (0F 00 /2): loads the LDT register's selector; segments stay flat, so a kernel
 *  (Pintos loads a null LDT) never has descriptors read from it. */
export const lldt: HandlerSelector = () =>
  cachedHandler('lldt', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'lldt');
    const sel = readRm(cpu, i, 2, rmHandle(cpu, i, 2, Access.Read));
    if ((sel & ~7) !== 0 && (sel & ~7) + 15 > cpu.sys.gdtLimit) throw new CpuFault(Vector.GP, sel & ~3, `lldt 0x${sel.toString(16)}`);
    cpu.sys.ldtr = sel;
    cpu.rip = i.next;
  });

/** `rdmsr` (0F 32): edx:eax = MSR[ecx]; #GP for an MSR this CPU does not have. */
export const rdmsr: HandlerSelector = () =>
  cachedHandler('rdmsr', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'rdmsr');
    const v = cpu.sys.msr(cpu.r32[Reg.RCX * 2]);
    if (v === undefined) throw new CpuFault(Vector.GP, 0, `rdmsr of unknown MSR 0x${cpu.r32[Reg.RCX * 2].toString(16)}`);
    setReg(cpu, Reg.RAX, 4, v % TWO32);
    setReg(cpu, Reg.RDX, 4, Math.floor(v / TWO32));
    cpu.rip = i.next;
  });

/** `wrmsr` (0F 30): MSR[ecx] = edx:eax; #GP for an MSR this CPU does not have or a reserved bit. */
export const wrmsr: HandlerSelector = () =>
  cachedHandler('wrmsr', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'wrmsr');
    const n = cpu.r32[Reg.RCX * 2];
    if (!cpu.sys.setMsr(n, cpu.r32[Reg.RAX * 2], cpu.r32[Reg.RDX * 2])) throw new CpuFault(Vector.GP, 0, `wrmsr of MSR 0x${n.toString(16)}`);
    cpu.rip = i.next;
  });

/** `invlpg m` (0F 01 /7): drops the TLB entry of the page holding the operand's address. */
export const invlpg: HandlerSelector = () =>
  cachedHandler('invlpg', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'invlpg');
    cpu.mem.invalidatePage(linearAddress(cpu, i));
    cpu.rip = i.next;
  });

/** `swapgs` (0F 01 F8): exchanges GS.base and the KernelGSbase MSR. */
export const swapgs: HandlerSelector = () =>
  cachedHandler('swapgs', (): Handler => (cpu, i) => {
    requireKernel(cpu, 'swapgs');
    const s = cpu.sys;
    [s.gsBase, s.kernelGsBase] = [s.kernelGsBase, s.gsBase];
    cpu.rip = i.next;
  });

/** `mov r/m, Sreg` (8C): the selector, zero-extended into a register, 16 bits to memory. */
export const movFromSreg: HandlerSelector = (insn) =>
  cachedHandler(`mov rm,sreg/${insn.opsize}/${insn.hasMem}`, (): Handler => {
    const size = insn.hasMem ? 2 : insn.opsize;
    return (cpu, i) => {
      const h = rmHandle(cpu, i, 2, Access.Write);
      const sel = cpu.sys.selectors[i.reg];
      if (h !== h) {
        if (size === 8) cpu.r64[i.rm] = BigInt(sel);
        else setReg(cpu, i.rm, size, sel);
      } else st16(cpu, h, sel);
      cpu.rip = i.next;
    };
  });

/**
 * `mov Sreg, r/m16` (8E): loads ds, es, ss, fs or gs (cs is #UD). Segment bases stay 0 (fs and
 * gs bases come from their MSRs). At CPL 3 only a null selector (not for ss) or one with RPL 3
 * loads; anything else is #GP. Loading ss opens an interrupt shadow.
 */
export const movToSreg: HandlerSelector = () =>
  cachedHandler('mov sreg,rm', (): Handler => (cpu, i) => {
    if (i.reg === 1) throw new InvalidOpcode([0x8e]);
    const sel = readRm(cpu, i, 2, rmHandle(cpu, i, 2, Access.Read));
    const s = cpu.sys;
    if (s.cpl !== 0 && (i.reg === 2 ? (sel & 3) !== 3 : sel > 3 && (sel & 3) !== 3)) throw new CpuFault(Vector.GP, sel & ~3, `mov to ${i.reg === 2 ? 'ss' : 'a segment register'}`);
    s.selectors[i.reg] = sel;
    if (i.reg === 2) s.interruptShadow = true;
    cpu.rip = i.next;
  });

/** Leaf values of `cpuid`: [eax, ebx, ecx, edx] by leaf. The vendor string is "PintosVMx64 ":
 *  a machine of its own, with long mode, syscall, NX, PAE, PGE, TSC, MSRs, CMOV and CX8, and no
 *  floating point or vector units (the emulator runs integer code only). */
const CPUID: Record<number, readonly [number, number, number, number]> = {
  0: [1, 0x746e6950, 0x20343678, 0x4d56736f], // ebx "Pint", edx "osVM", ecx "x64 "
  1: [0x00000f01, 0, 0, (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 13) | (1 << 15)],
  0x80000000: [0x80000001, 0, 0, 0],
  0x80000001: [0, 0, 1, (1 << 11) | (1 << 20) | (1 << 29)],
};

/** `cpuid` (0F A2): fixed, documented values (see CPUID); unknown leaves read as zeros. */
export const cpuid: HandlerSelector = () =>
  cachedHandler('cpuid', (): Handler => (cpu, i) => {
    const leaf = CPUID[cpu.r32[Reg.RAX * 2]] ?? [0, 0, 0, 0];
    setReg(cpu, Reg.RAX, 4, leaf[0]);
    setReg(cpu, Reg.RBX, 4, leaf[1]);
    setReg(cpu, Reg.RCX, 4, leaf[2]);
    setReg(cpu, Reg.RDX, 4, leaf[3]);
    cpu.rip = i.next;
  });

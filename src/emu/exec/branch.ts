// Control transfer: jmp, jcc, call, ret (relative and indirect), and the instructions that stop
// the run loop: syscall, int imm8, int3, hlt, ud2.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { PendingStop } from '../cpu/cpu-state';
import { Reg, Slot } from '../cpu/registers';
import { condition } from '../cpu/lazy-flags';
import { CpuFault, generalProtection, Vector } from '../cpu/faults';
import { Access, ld64, phys, st64 } from './memory-access';
import { rmHandle, rmToSlot } from './operands';
import { adjustRsp, readRflags, setSlotHalves, stackAddress } from './stack';
import { cachedHandler } from './handler-cache';
import { enterSyscall, syscallEnabled } from '../cpu/interrupt-delivery';

const TWO32 = 4294967296;
const TWO47 = 140737488355328;
const TWO48 = 281474976710656;

/** True when `va` (a number in [0, 2^48)) is the low 48 bits of a canonical address. */
export function isCanonical48(va: number): boolean {
  return (va >= 0 && va < TWO47) || (va >= TWO48 - TWO47 && va < TWO48);
}

/** Writes the 64-bit form of the canonical linear address `va` into slot `slot`. */
export function addressToSlot(cpu: CpuState, va: number, slot: number): void {
  const hi = Math.floor(va / TWO32);
  setSlotHalves(cpu, slot, va - hi * TWO32, hi >= 0x8000 ? hi | 0xffff0000 : hi);
}

/** The canonical linear address held in slot `slot`; throws #GP when it is not canonical. */
export function slotToAddress(cpu: CpuState, slot: number): number {
  const lo = cpu.r32[slot * 2];
  const hi = cpu.r32[slot * 2 + 1];
  if (hi <= 0x7fff) return lo + hi * TWO32;
  if (hi >= 0xffff8000) return lo + (hi & 0xffff) * TWO32;
  return generalProtection('non-canonical branch target');
}

const farTarget: Handler = () => generalProtection('non-canonical branch target');

/** `jmp rel8` / `jmp rel32`. */
export const jmpRel: HandlerSelector = (insn) =>
  isCanonical48(insn.target) ? cachedHandler('jmp rel', (): Handler => (cpu, i) => { cpu.rip = i.target; }) : farTarget;

/** `jcc rel8` / `jcc rel32`: the block's fall-through rip is already in place. */
export const jccRel: HandlerSelector = (insn) =>
  isCanonical48(insn.target)
    ? cachedHandler('jcc rel', (): Handler => (cpu, i) => {
        if (condition(cpu, i.cc)) cpu.rip = i.target;
      })
    : cachedHandler('jcc far', (): Handler => (cpu, i) => {
        if (condition(cpu, i.cc)) generalProtection('non-canonical branch target');
      });

/** `jmp r/m64` (FF /4). */
export const jmpRm: HandlerSelector = (insn) =>
  cachedHandler(`jmp rm/${insn.hasMem}`, (): Handler => (cpu, i) => {
    rmToSlot(cpu, i, 8, rmHandle(cpu, i, 8, Access.Read), Slot.T0);
    cpu.rip = slotToAddress(cpu, Slot.T0);
  });

function pushReturn(cpu: CpuState, next: number): void {
  const h = phys(cpu, stackAddress(cpu, -8), 8, Access.Write, 1);
  addressToSlot(cpu, next, Slot.T1);
  st64(cpu, h, Slot.T1);
  adjustRsp(cpu, -8);
}

/** `call rel32` (E8). */
export const callRel: HandlerSelector = (insn) =>
  isCanonical48(insn.target)
    ? cachedHandler('call rel', (): Handler => (cpu, i) => {
        pushReturn(cpu, i.next);
        cpu.rip = i.target;
      })
    : farTarget;

/** `call r/m64` (FF /2): the target is read before anything is pushed. */
export const callRm: HandlerSelector = (insn) =>
  cachedHandler(`call rm/${insn.hasMem}`, (): Handler => (cpu, i) => {
    rmToSlot(cpu, i, 8, rmHandle(cpu, i, 8, Access.Read), Slot.T0);
    const target = slotToAddress(cpu, Slot.T0);
    pushReturn(cpu, i.next);
    cpu.rip = target;
  });

/** `ret` (C3) and `ret imm16` (C2). */
export const ret: HandlerSelector = () =>
  cachedHandler('ret', (): Handler => (cpu, i) => {
    ld64(cpu, phys(cpu, stackAddress(cpu, 0), 8, Access.Read, 0), Slot.T0);
    const target = slotToAddress(cpu, Slot.T0);
    adjustRsp(cpu, 8 + i.imm);
    cpu.rip = target;
  });

/** `syscall` (0F 05): rcx = next rip, r11 = rflags, rip = next; the machine stops for our kernel,
 *  or, in full-system mode, enters the guest kernel through LSTAR (cpu/interrupt-delivery.ts). */
export const syscall: HandlerSelector = () =>
  cachedHandler('syscall', (): Handler => (cpu, i) => {
    if (cpu.fullSystem && !syscallEnabled(cpu)) throw new CpuFault(Vector.UD, undefined, 'syscall with EFER.SCE clear');
    addressToSlot(cpu, i.next, Reg.RCX);
    setSlotHalves(cpu, Reg.R11, readRflags(cpu) & ~0x10000, 0);
    cpu.rip = i.next;
    if (cpu.fullSystem) enterSyscall(cpu);
    else cpu.pendingStop = PendingStop.SYSCALL;
  });

/** `int imm8` (CD) and `int3` (CC, decoded with imm = 3): stops with the vector, rip after it. */
export const softwareInterrupt: HandlerSelector = () =>
  cachedHandler('int', (): Handler => (cpu, i) => {
    cpu.rip = i.next;
    cpu.pendingStop = PendingStop.INTERRUPT;
    cpu.pendingVector = i.imm & 0xff;
  });

/** `ud2` (0F 0B): always raises #UD. */
export const ud2: HandlerSelector = () =>
  cachedHandler('ud2', (): Handler => () => {
    throw new CpuFault(Vector.UD, undefined, 'ud2');
  });

/** Instructions without effect (nop, endbr64, pause, multi-byte nops). */
export const nop: HandlerSelector = () => cachedHandler('nop', (): Handler => () => undefined);

/** The counted branches: loop, loope and loopne decrement rcx (ecx with 32-bit addressing) and
 *  branch while it is not zero (and ZF is set, clear); jrcxz/jecxz branch when it is zero. Flags
 *  are not changed. */
export type CountedBranch = 'loop' | 'loope' | 'loopne' | 'jrcxz';

/** `loop`/`loope`/`loopne` (E2/E1/E0) and `jrcxz` (E3), rel8. */
export const countedBranch = (kind: CountedBranch): HandlerSelector => (insn) =>
  cachedHandler(`${kind}/${insn.asize}`, (): Handler => {
    const wide = insn.asize === 8;
    return (cpu, i) => {
      let lo = cpu.r32[Reg.RCX * 2];
      let hi = wide ? cpu.r32[Reg.RCX * 2 + 1] : 0;
      if (kind !== 'jrcxz') {
        if (lo === 0) hi = wide ? (hi - 1) >>> 0 : 0;
        lo = (lo - 1) >>> 0;
      }
      const zero = lo === 0 && hi === 0;
      const take = kind === 'jrcxz' ? zero : !zero && (kind === 'loop' || condition(cpu, 4) === (kind === 'loope'));
      if (take && !isCanonical48(i.target)) generalProtection('non-canonical branch target');
      if (kind !== 'jrcxz') {
        cpu.r32[Reg.RCX * 2] = lo;
        cpu.r32[Reg.RCX * 2 + 1] = hi;
      }
      cpu.rip = take ? i.target : i.next;
    };
  });

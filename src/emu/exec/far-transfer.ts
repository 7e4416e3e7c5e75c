// Far returns that change privilege or code width: iretq, sysretq and lret. Full-system mode only:
// a user-mode machine has no descriptor tables, so there they raise #GP (a Pintos user process
// ends with exit(-1) either way). Every stack slot is read before anything changes.
import type { Handler } from '../decoder/insn';
import type { HandlerSelector } from '../isa/opcode-entry';
import type { CpuState } from '../cpu/cpu-state';
import { PendingStop } from '../cpu/cpu-state';
import { CpuFault, InvalidOpcode, Vector } from '../cpu/faults';
import { Reg } from '../cpu/registers';
import { Efer } from '../cpu/system-state';
import { requireKernel, syncCpuMode } from '../cpu/privilege';
import { codeSegment } from '../cpu/descriptors';
import { setStatusFlags } from '../cpu/lazy-flags';
import { STATUS_FLAGS } from '../isa/operand-forms';
import { Access, ld32, offsetAddress, phys } from './memory-access';
import { stackAddress } from './stack';
import { cachedHandler } from './handler-cache';

const TWO32 = 4294967296;
const TWO47 = 140737488355328;
const TWO48 = 281474976710656;
/** RFLAGS bits iretq may set at CPL 0 (status, TF, IF, DF, IOPL, NT, RF, AC, ID) and below. */
const KERNEL_WRITABLE = 0x3f7fd5 & ~0x20000;
const USER_WRITABLE = KERNEL_WRITABLE & ~(0x200 | 0x3000);

function refuseOutsideFullSystem(cpu: CpuState, what: string): void {
  if (!cpu.fullSystem) throw new CpuFault(Vector.GP, 0, `${what} without descriptor tables`);
}

/** Reads `count` stack slots of `size` bytes from rsp up, as [lo, hi] pairs (hi 0 for 4-byte slots). */
function readStack(cpu: CpuState, count: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  const base = stackAddress(cpu, 0);
  for (let k = 0; k < count; k++) {
    const at = offsetAddress(base, k * size);
    const lo = ld32(cpu, phys(cpu, at, 4, Access.Read, 0));
    const hi = size === 8 ? ld32(cpu, phys(cpu, offsetAddress(at, 4), 4, Access.Read, 0)) : 0;
    out.push([lo, hi]);
  }
  return out;
}

/** The [0, 2^48) form of a 64-bit address given as halves; #GP when it is not canonical. */
function canonicalTarget(lo: number, hi: number): number {
  const top = hi >> 15;
  if (top !== 0 && top !== -1) throw new CpuFault(Vector.GP, 0, 'return to a non-canonical address');
  return lo + (hi & 0xffff) * TWO32;
}

/** Sets rsp to the 64-bit value given as halves. */
function setRsp(cpu: CpuState, lo: number, hi: number): void {
  cpu.r32[Reg.RSP * 2] = lo;
  cpu.r32[Reg.RSP * 2 + 1] = hi;
}

/** Writes RFLAGS from a popped value, the bits `writable` allows (the rest kept). */
function popFlags(cpu: CpuState, value: number, writable: number): void {
  setStatusFlags(cpu, STATUS_FLAGS, value);
  const control = writable & ~STATUS_FLAGS;
  cpu.controlFlags = ((cpu.controlFlags & ~control) | (value & control) | 0x2) >>> 0;
}

/** `iretq` (REX.W CF): pops rip, cs, rflags, rsp and ss; may return to CPL 3. */
export const iret: HandlerSelector = (insn) =>
  cachedHandler(`iret/${insn.opsize}`, (): Handler => (cpu) => {
    refuseOutsideFullSystem(cpu, 'iret');
    if (insn.opsize !== 8) throw new InvalidOpcode([0xcf]);
    const s = cpu.sys;
    const [rip, cs, flags, rsp, ss] = readStack(cpu, 5, 8);
    const sel = cs[0] & 0xffff;
    const newCpl = sel & 3;
    if (newCpl < s.cpl) throw new CpuFault(Vector.GP, sel & ~3, 'iret to a more privileged level');
    const segment = codeSegment(cpu, sel, (s.efer & Efer.LMA) !== 0);
    if (segment.dpl !== newCpl) throw new CpuFault(Vector.GP, sel & ~3, 'iret: selector RPL differs from the segment DPL');
    const target = canonicalTarget(rip[0], rip[1]);
    popFlags(cpu, flags[0], s.cpl === 0 ? KERNEL_WRITABLE : USER_WRITABLE);
    setRsp(cpu, rsp[0], rsp[1]);
    s.selectors[1] = sel;
    s.selectors[2] = ss[0] & 0xffff;
    s.cpl = newCpl;
    s.codeBits = segment.bits;
    cpu.rip = target;
    syncCpuMode(cpu);
    cpu.pendingStop = PendingStop.SYSTEM;
  });

/** `sysretq` (REX.W 0F 07): rip = rcx, RFLAGS from r11, CS and SS from STAR[63:48], CPL 3. */
export const sysret: HandlerSelector = (insn) =>
  cachedHandler(`sysret/${insn.opsize}`, (): Handler => (cpu) => {
    refuseOutsideFullSystem(cpu, 'sysret');
    requireKernel(cpu, 'sysret');
    if (insn.opsize !== 8) throw new InvalidOpcode([0x0f, 0x07]);
    const s = cpu.sys;
    const target = canonicalTarget(cpu.r32[Reg.RCX * 2], cpu.r32[Reg.RCX * 2 + 1]);
    popFlags(cpu, cpu.r32[Reg.R11 * 2], KERNEL_WRITABLE);
    const base = s.starHigh >>> 16;
    s.selectors[1] = ((base + 16) | 3) & 0xffff;
    s.selectors[2] = ((base + 8) | 3) & 0xffff;
    s.cpl = 3;
    s.codeBits = 64;
    cpu.rip = target;
    syncCpuMode(cpu);
    cpu.pendingStop = PendingStop.SYSTEM;
  });

/** `ljmp ptr16:32` (EA, 32-bit code only): loads the code segment (which may switch to 64-bit
 *  code) and jumps to the offset. Same privilege only. */
export const farJump: HandlerSelector = () =>
  cachedHandler('ljmp', (): Handler => (cpu, i) => {
    refuseOutsideFullSystem(cpu, 'ljmp');
    const s = cpu.sys;
    const sel = i.imm & 0xffff;
    if ((sel & 3) !== s.cpl) throw new CpuFault(Vector.GP, sel & ~3, 'ljmp to another privilege level');
    const segment = codeSegment(cpu, sel, (s.efer & Efer.LMA) !== 0);
    s.selectors[1] = sel;
    s.codeBits = segment.bits;
    cpu.rip = i.target;
    cpu.pendingStop = PendingStop.SYSTEM;
  });

/** `lret` (CB; REX.W CB): pops rip and cs (4 bytes each in 32-bit code, 8 with REX.W) and
 *  loads the code segment, which may switch between 32- and 64-bit code. Same privilege only. */
export const farReturn: HandlerSelector = (insn) =>
  cachedHandler(`lret/${insn.opsize}`, (): Handler => (cpu) => {
    refuseOutsideFullSystem(cpu, 'lret');
    const size = insn.opsize === 8 ? 8 : 4;
    const s = cpu.sys;
    const [rip, cs] = readStack(cpu, 2, size);
    const sel = cs[0] & 0xffff;
    if ((sel & 3) !== s.cpl) throw new CpuFault(Vector.GP, sel & ~3, 'lret to another privilege level');
    const segment = codeSegment(cpu, sel, (s.efer & Efer.LMA) !== 0);
    const target = size === 8 ? canonicalTarget(rip[0], rip[1]) : rip[0];
    const rsp = cpu.r32[Reg.RSP * 2] + 2 * size;
    if (s.codeBits === 32) setRsp(cpu, rsp >>> 0, cpu.r32[Reg.RSP * 2 + 1]);
    else setRsp(cpu, rsp % TWO32, cpu.r32[Reg.RSP * 2 + 1] + Math.floor(rsp / TWO32));
    s.selectors[1] = sel;
    s.codeBits = segment.bits;
    cpu.rip = target >= TWO47 && target < TWO48 ? target : target % TWO48;
    cpu.pendingStop = PendingStop.SYSTEM;
  });

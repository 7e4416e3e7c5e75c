// Entering the kernel, as a long-mode processor does it: delivering an exception or interrupt
// through the IDT (stack switch through the TSS, the frame SS, RSP, RFLAGS, CS, RIP and the error
// code), and the `syscall` entry through STAR, LSTAR and SFMASK. Used in full-system mode only.
import type { CpuState } from './cpu-state';
import { PendingStop } from './cpu-state';
import { Reg } from './registers';
import { CpuFault, Vector } from './faults';
import { Efer } from './system-state';
import { IF_FLAG, syncCpuMode } from './privilege';
import { codeSegment, idtGate, storeTranslated, translateSupervisorWrite, tssStack } from './descriptors';
import { readRflags } from '../exec/stack';
import { setStatusFlags } from './lazy-flags';
import { STATUS_FLAGS } from '../isa/operand-forms';

const TWO32 = 4294967296;
const TWO48 = 281474976710656;
const TWO47 = 140737488355328;
/** RFLAGS bits an interrupt clears besides IF: TF, NT, RF. */
const CLEARED_ON_ENTRY = 0x100 | 0x4000 | 0x10000;

/** What is being delivered. */
export interface Delivery {
  vector: number;
  /** pushed after RIP for the exceptions that have one */
  errorCode?: number;
  /** `int n`: the gate's DPL must allow the current CPL */
  software?: boolean;
}

/** The 64-bit value of a [0, 2^48) address as (lo, hi) halves, sign-extended. */
function halves(va: number): [number, number] {
  const lo = va % TWO32;
  let hi = Math.floor(va / TWO32);
  if (va >= TWO47) hi = (hi | 0xffff0000) >>> 0;
  return [lo, hi];
}

/**
 * Delivers `d` with rip = the address to return to (the faulting instruction for a fault, the
 * next one for an interrupt or trap). Everything is read and every stack slot translated before
 * anything changes; a failure throws the CpuFault or PageFault of the delivery itself (the
 * caller escalates: a fault while delivering is a double fault, one while delivering that a
 * triple fault).
 */
export function deliver(cpu: CpuState, d: Delivery): void {
  const s = cpu.sys;
  const gate = idtGate(cpu, d.vector);
  if (d.software && gate.dpl < s.cpl) throw new CpuFault(Vector.GP, d.vector * 8 + 2, `int 0x${d.vector.toString(16)} from CPL ${s.cpl}`);
  const target = codeSegment(cpu, gate.selector, true);
  if (target.dpl > s.cpl) throw new CpuFault(Vector.GP, gate.selector & ~3, 'interrupt to a less privileged segment');
  const switching = target.dpl < s.cpl || gate.ist !== 0;
  const oldRsp = cpu.r32[Reg.RSP * 2] + cpu.r32[Reg.RSP * 2 + 1] * TWO32;
  let rsp = switching ? tssStack(cpu, gate.ist) : oldRsp % TWO48;
  rsp -= rsp % 16;
  const words: [number, number][] = [
    [s.selectors[2], 0],
    [cpu.r32[Reg.RSP * 2], cpu.r32[Reg.RSP * 2 + 1]],
    [readRflags(cpu), 0],
    [s.selectors[1], 0],
    halves(cpu.rip),
  ];
  if (d.errorCode !== undefined) words.push([d.errorCode >>> 0, 0]);
  const slots = words.map((_, k) => translateSupervisorWrite(cpu, (rsp - 8 * (k + 1) + TWO48) % TWO48));
  words.forEach(([lo, hi], k) => storeTranslated(cpu, slots[k], lo, hi));
  rsp -= 8 * words.length;
  const [lo, hi] = halves((rsp + TWO48) % TWO48);
  cpu.r32[Reg.RSP * 2] = lo;
  cpu.r32[Reg.RSP * 2 + 1] = hi;
  if (target.dpl < s.cpl) s.selectors[2] = target.dpl;
  s.selectors[1] = (gate.selector & ~3) | target.dpl;
  s.cpl = target.dpl;
  s.codeBits = target.bits;
  cpu.controlFlags &= ~(CLEARED_ON_ENTRY | (gate.clearsIf ? IF_FLAG : 0));
  cpu.rip = gate.offset;
  s.interruptShadow = false;
  syncCpuMode(cpu);
}

/**
 * The rest of `syscall` in full-system mode, after its handler stored the return rip in rcx and
 * RFLAGS in r11: #UD unless EFER.SCE (checked by the handler before that), then CS and SS from
 * STAR[47:32], CPL 0, RFLAGS &= ~SFMASK, rip = LSTAR.
 */
export function enterSyscall(cpu: CpuState): void {
  const s = cpu.sys;
  const kernelCs = s.starHigh & 0xffff;
  s.selectors[1] = kernelCs & ~3;
  s.selectors[2] = ((kernelCs & ~3) + 8) & 0xffff;
  s.cpl = 0;
  s.codeBits = 64;
  const rflags = readRflags(cpu) & ~s.sfmask;
  setStatusFlags(cpu, STATUS_FLAGS, rflags);
  cpu.controlFlags = (rflags & ~STATUS_FLAGS) | 0x2;
  cpu.rip = s.lstar % TWO48;
  syncCpuMode(cpu);
  cpu.pendingStop = PendingStop.SYSTEM;
}

/** True when `syscall` may run: full-system mode requires EFER.SCE (otherwise it is #UD). */
export function syscallEnabled(cpu: CpuState): boolean {
  return (cpu.sys.efer & Efer.SCE) !== 0;
}

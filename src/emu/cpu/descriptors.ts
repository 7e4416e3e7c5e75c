// The CPU's own reads of its descriptor tables (GDT, IDT, TSS) and its writes of interrupt stack
// frames: supervisor accesses whatever the CPL, as the processor makes them. Reads translate
// first and return numbers; a failed translation throws the PageFault the processor would meet.
import type { CpuState } from './cpu-state';
import { Access } from '../memory/contract';
import { CpuFault, Vector } from './faults';

const TWO32 = 4294967296;

/** Reads `n` bytes (n <= 8) at linear address `va` as the CPU itself (supervisor) and returns
 *  them as [low 32 bits, high 32 bits]. */
export function readSupervisor(cpu: CpuState, va: number, n: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let k = n - 1; k >= 0; k--) {
    const b = cpu.mem.ram[cpu.mem.translate(va + k, Access.Read, false)];
    if (k >= 4) hi = hi * 256 + b;
    else lo = lo * 256 + b;
  }
  return [lo >>> 0, hi >>> 0];
}

/** Translates the 8 bytes at `va` for a supervisor write (throws before anything is written);
 *  returns the physical address of each byte. */
export function translateSupervisorWrite(cpu: CpuState, va: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 8; k++) out.push(cpu.mem.translate(va + k, Access.Write, false));
  return out;
}

/** Writes the 64-bit value (lo, hi) at the physical bytes `pas` from translateSupervisorWrite. */
export function storeTranslated(cpu: CpuState, pas: readonly number[], lo: number, hi: number): void {
  for (let k = 0; k < 8; k++) cpu.mem.ram[pas[k]] = ((k < 4 ? lo : hi) >>> ((k & 3) * 8)) & 0xff;
}

/** A code segment as a far transfer loads it. */
export interface CodeSegment {
  /** descriptor privilege level: the CPL after the transfer */
  dpl: number;
  /** 64 for a long-mode code segment (L set, with EFER.LMA), else 32 */
  bits: 64 | 32;
}

/** Reads the GDT descriptor of code selector `sel`; #GP(selector) when it is null, past the
 *  limit, or not a present code segment. */
export function codeSegment(cpu: CpuState, sel: number, longMode: boolean): CodeSegment {
  const s = cpu.sys;
  const index = sel & ~7;
  if (index === 0 || (sel & 4) !== 0 || index + 7 > s.gdtLimit) throw new CpuFault(Vector.GP, index, `bad code selector 0x${sel.toString(16)}`);
  const [, hi] = readSupervisor(cpu, s.gdtBase + index, 8);
  const present = (hi & 0x8000) !== 0;
  const code = (hi & 0x1800) === 0x1800;
  if (!present || !code) throw new CpuFault(Vector.GP, index, `selector 0x${sel.toString(16)} is not a present code segment`);
  return { dpl: (hi >> 13) & 3, bits: longMode && (hi & 0x200000) !== 0 ? 64 : 32 };
}

/** An IDT gate. */
export interface Gate {
  offset: number;
  selector: number;
  /** interrupt stack table entry (0 = none) */
  ist: number;
  dpl: number;
  /** interrupt gate (clears IF) rather than trap gate */
  clearsIf: boolean;
}

/** Reads the long-mode IDT gate of `vector`; #GP(vector*8+2) when past the limit, not present
 *  or not an interrupt or trap gate. */
export function idtGate(cpu: CpuState, vector: number): Gate {
  const s = cpu.sys;
  const bad = (why: string) => new CpuFault(Vector.GP, vector * 8 + 2, `IDT entry ${vector}: ${why}`);
  if (vector * 16 + 15 > s.idtLimit) throw bad('past the IDT limit');
  const [w0, w1] = readSupervisor(cpu, s.idtBase + vector * 16, 8);
  const [w2] = readSupervisor(cpu, s.idtBase + vector * 16 + 8, 4);
  const type = (w1 >> 8) & 0xf;
  if ((w1 & 0x8000) === 0) throw bad('not present');
  if (type !== 0xe && type !== 0xf) throw bad(`gate type ${type}`);
  return {
    offset: (w0 & 0xffff) + (w1 & 0xffff0000) + (w2 & 0xffff) * TWO32,
    selector: w0 >>> 16,
    ist: w1 & 7,
    dpl: (w1 >> 13) & 3,
    clearsIf: type === 0xe,
  };
}

/** Reads the TSS's stack pointer for CPL 0 (`ist` 0) or interrupt stack `ist` (1..7). */
export function tssStack(cpu: CpuState, ist: number): number {
  const s = cpu.sys;
  const index = s.tr & ~7;
  if (index === 0 || index + 15 > s.gdtLimit) throw new CpuFault(Vector.GP, index, 'no task register loaded');
  const [lo, hi] = readSupervisor(cpu, s.gdtBase + index, 8);
  const [upper] = readSupervisor(cpu, s.gdtBase + index + 8, 4);
  const base = ((lo >>> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000)) >>> 0;
  const tss = base + (upper & 0xffff) * TWO32;
  const [a, b] = readSupervisor(cpu, tss + (ist === 0 ? 4 : 0x24 + (ist - 1) * 8), 8);
  return a + (b & 0xffff) * TWO32;
}

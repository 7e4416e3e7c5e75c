// Linear-address computation and physical memory access for the executor.
//
// The two-phase protocol that makes faults exact: a handler first calls `phys` for every
// access it will make (this translates, may throw #PF/#GP, and changes nothing), then reads and
// writes through the returned handles. A handle is a physical address (>= 0) or, for an access
// that crosses a page boundary, a negative number naming a split slot in `cpu.split` that holds
// both physical pieces (two slots, so an instruction may have two page-crossing accesses).
import { Access } from '../memory/contract';
import type { CpuState } from '../cpu/cpu-state';
import type { Insn } from '../decoder/insn';
import { generalProtection } from '../cpu/faults';

const TWO32 = 4294967296;
const TWO47 = 140737488355328;
const TWO48 = 281474976710656;

/** Returns the low 48 bits of (hi:lo) as a linear address; throws #GP when it is not canonical. */
export function canonical(lo: number, hi: number): number {
  const carry = Math.floor(lo / TWO32);
  lo -= carry * TWO32;
  hi = (hi + carry) | 0;
  if (hi > 0x7fff || hi < -0x8000) generalProtection(`non-canonical address ${(hi >>> 0).toString(16)}:${lo.toString(16)}`);
  return lo + (hi & 0xffff) * TWO32;
}

/** Checks that a number in [0, 2^48) or a signed value is canonical; returns it as [0, 2^48). */
export function canonicalNumber(va: number): number {
  if (va >= 0 && va < TWO47) return va;
  if (va >= TWO48 - TWO47 && va < TWO48) return va;
  if (va < 0 && va >= -TWO47) return va + TWO48;
  return generalProtection(`non-canonical address ${va.toString(16)}`);
}

/** Linear address of `insn`'s memory operand. Throws #GP for a non-canonical address. */
export function linearAddress(cpu: CpuState, insn: Insn): number {
  let lo = insn.disp;
  if (insn.ripRelative) return lo < TWO47 || lo >= TWO48 - TWO47 ? lo : generalProtection('non-canonical rip-relative address');
  const r = cpu.r32;
  let hi = 0;
  const b = insn.base;
  if (b >= 0) {
    lo += r[b * 2];
    hi += r[b * 2 + 1];
  }
  const x = insn.index;
  if (x >= 0) {
    const s = insn.scale;
    lo += r[x * 2] * s;
    hi += r[x * 2 + 1] * s;
  }
  if (insn.asize === 4) return lo >>> 0;
  if (hi === 0 && lo >= 0 && lo < TWO32) return lo;
  return canonical(lo, hi);
}

/** Returns the linear address `va + delta` (delta small, signed), checking canonicality. */
export function offsetAddress(va: number, delta: number): number {
  const a = va + delta;
  if (a >= 0 && a < TWO47) return a;
  return canonicalNumber(a >= TWO48 ? a - TWO48 : a);
}

/** Translates an access of `size` bytes at `va`; returns a handle for the ld and st functions (see file comment). */
export function phys(cpu: CpuState, va: number, size: number, access: Access, slot: number): number {
  if ((va & 0xfff) <= 4096 - size) return cpu.mem.translate(va, access, true, size);
  return physSplit(cpu, va, size, access, slot);
}

function physSplit(cpu: CpuState, va: number, size: number, access: Access, slot: number): number {
  const first = 4096 - (va & 0xfff);
  const pa0 = cpu.mem.translate(va, access, true, first);
  let va1 = va + first;
  if (va1 === TWO47) generalProtection('access crosses into non-canonical space');
  if (va1 === TWO48) va1 = 0;
  const pa1 = cpu.mem.translate(va1, access, true, size - first);
  const s = cpu.split;
  s[slot * 3] = pa0;
  s[slot * 3 + 1] = pa1;
  s[slot * 3 + 2] = first;
  return -1 - slot;
}

function splitByteAddress(cpu: CpuState, h: number, i: number): number {
  const s = cpu.split;
  const k = (-1 - h) * 3;
  return i < s[k + 2] ? s[k] + i : s[k + 1] + i - s[k + 2];
}

function loadSplit(cpu: CpuState, h: number, size: number): number {
  const ram = cpu.mem.ram;
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + ram[splitByteAddress(cpu, h, i)];
  return v;
}

function storeSplit(cpu: CpuState, h: number, size: number, v: number): void {
  const ram = cpu.mem.ram;
  for (let i = 0; i < size; i++) {
    ram[splitByteAddress(cpu, h, i)] = v & 0xff;
    v >>>= 8;
  }
}

/** Reads a byte through a handle. */
export function ld8(cpu: CpuState, h: number): number {
  return h >= 0 ? cpu.mem.ram[h] : loadSplit(cpu, h, 1);
}

/** Reads 16 bits through a handle. */
export function ld16(cpu: CpuState, h: number): number {
  return h >= 0 ? cpu.mem.view.getUint16(h, true) : loadSplit(cpu, h, 2);
}

/** Reads 32 bits (unsigned) through a handle. */
export function ld32(cpu: CpuState, h: number): number {
  return h >= 0 ? cpu.mem.view.getUint32(h, true) : loadSplit(cpu, h, 4);
}

/** Reads 64 bits through a handle into register-file slot `slot`. */
export function ld64(cpu: CpuState, h: number, slot: number): void {
  const r = cpu.r32;
  if (h >= 0) {
    const v = cpu.mem.view;
    r[slot * 2] = v.getUint32(h, true);
    r[slot * 2 + 1] = v.getUint32(h + 4, true);
  } else {
    const ram = cpu.mem.ram;
    for (let i = 0; i < 8; i++) cpu.r8[slot * 8 + i] = ram[splitByteAddress(cpu, h, i)];
  }
}

/** Reads `size` bytes (1, 2, 4 or 8) into slot `slot`, zero-extended to 64 bits. */
export function ldSized(cpu: CpuState, h: number, size: number, slot: number): void {
  if (size === 8) return ld64(cpu, h, slot);
  cpu.r32[slot * 2] = size === 4 ? ld32(cpu, h) : size === 2 ? ld16(cpu, h) : ld8(cpu, h);
  cpu.r32[slot * 2 + 1] = 0;
}

/** Writes a byte through a handle. */
export function st8(cpu: CpuState, h: number, v: number): void {
  if (h >= 0) cpu.mem.ram[h] = v;
  else storeSplit(cpu, h, 1, v);
}

/** Writes 16 bits through a handle. */
export function st16(cpu: CpuState, h: number, v: number): void {
  if (h >= 0) cpu.mem.view.setUint16(h, v, true);
  else storeSplit(cpu, h, 2, v);
}

/** Writes 32 bits through a handle. */
export function st32(cpu: CpuState, h: number, v: number): void {
  if (h >= 0) cpu.mem.view.setUint32(h, v, true);
  else storeSplit(cpu, h, 4, v);
}

/** Writes the 64-bit value of slot `slot` through a handle. */
export function st64(cpu: CpuState, h: number, slot: number): void {
  const r = cpu.r32;
  if (h >= 0) {
    const v = cpu.mem.view;
    v.setUint32(h, r[slot * 2], true);
    v.setUint32(h + 4, r[slot * 2 + 1], true);
  } else {
    storeSplit(cpu, h, 4, r[slot * 2]);
    const s = cpu.split;
    const k = (-1 - h) * 3;
    const ram = cpu.mem.ram;
    let v = r[slot * 2 + 1];
    for (let i = 4; i < 8; i++) {
      ram[i < s[k + 2] ? s[k] + i : s[k + 1] + i - s[k + 2]] = v & 0xff;
      v >>>= 8;
    }
  }
}

/** Writes the low `size` bytes (1, 2, 4 or 8) of slot `slot` through a handle. */
export function stSized(cpu: CpuState, h: number, size: number, slot: number): void {
  if (size === 8) st64(cpu, h, slot);
  else if (size === 4) st32(cpu, h, cpu.r32[slot * 2]);
  else if (size === 2) st16(cpu, h, cpu.r16[slot * 4]);
  else st8(cpu, h, cpu.r8[slot * 8]);
}

export { Access };

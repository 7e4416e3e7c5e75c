// Test setup for the CPU tests: a Machine over a real MemorySystem with a few mapped user pages,
// code given as hex strings (encodings written by hand, checked against the SDM).
import { MemorySystem } from '../../../src/emu/memory/memory-system';
import { mapPage } from '../../../src/emu/memory/page-table';
import { PTE_NX, PTE_U, PTE_W } from '../../../src/emu/memory/pte';
import { Machine, type MachineOptions } from '../../../src/emu/machine';
import type { StopReason } from '../../../src/emu/stop-reason';

export const CODE = 0x400000;
export const DATA = 0x600000;
export const STACK_TOP = 0x47480000;

/** Machine with code at CODE (r-x, 2 pages), data at DATA (rw, 4 pages), a stack page below STACK_TOP (rw). */
export interface TestMachine {
  readonly m: Machine;
  readonly mem: MemorySystem;
  /** maps one more page */
  map(va: number, writable: boolean, exec?: boolean): void;
  /** writes bytes at a virtual address through the kernel-side path */
  poke(va: number, bytes: number[] | Uint8Array): void;
  /** reads bytes at a virtual address */
  peek(va: number, n: number): number[];
  /** reads a little-endian 64-bit value */
  peek64(va: number): bigint;
}

let nextFrame = 0x200000;

/** Parses "48 89 c3  90" into bytes. */
export function hex(s: string): number[] {
  return s.trim().split(/\s+/).filter((x) => x.length > 0).map((x) => parseInt(x, 16));
}

/** Creates a test machine with `code` (hex) at CODE and rip = CODE, rsp = STACK_TOP. */
export function makeMachine(code = '', options: MachineOptions = {}): TestMachine {
  const mem = new MemorySystem(8 * 1024 * 1024);
  let nextTable = 0x100000;
  const alloc = () => {
    const p = nextTable;
    nextTable += 4096;
    mem.phys.zeroPage(p);
    return p;
  };
  const pml4 = alloc();
  mem.setRoot(pml4);
  nextFrame = 0x200000;
  const pages = new Map<number, number>();
  const map = (va: number, writable: boolean, exec = false) => {
    const pa = nextFrame;
    nextFrame += 4096;
    mem.phys.zeroPage(pa);
    mapPage(mem.phys, pml4, va, pa, PTE_U | (writable ? PTE_W : 0n) | (exec ? 0n : PTE_NX), alloc);
    pages.set(va, pa);
  };
  map(CODE, false, true);
  map(CODE + 4096, false, true);
  for (let k = 0; k < 4; k++) map(DATA + k * 4096, true);
  map(STACK_TOP - 4096, true);
  const physOf = (va: number) => {
    const pa = pages.get(va - (va % 4096));
    if (pa === undefined) throw new Error(`unmapped 0x${va.toString(16)}`);
    return pa + (va % 4096);
  };
  const poke = (va: number, bytes: number[] | Uint8Array) => {
    for (let k = 0; k < bytes.length; k++) mem.phys.writeBytes(physOf(va + k), Uint8Array.of(bytes[k]));
  };
  const peek = (va: number, n: number) => {
    const out: number[] = [];
    for (let k = 0; k < n; k++) out.push(mem.ram[physOf(va + k)]);
    return out;
  };
  const peek64 = (va: number) => peek(va, 8).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
  poke(CODE, hex(code));
  const m = new Machine(mem, options);
  m.cpu.rip = CODE;
  m.setReg('rsp', BigInt(STACK_TOP));
  return { m, mem, map, poke, peek, peek64 };
}

/** Runs until something other than the budget stops the machine (at most `limit` instructions). */
export function runToStop(m: Machine, limit = 1_000_000): StopReason {
  return m.run(limit);
}

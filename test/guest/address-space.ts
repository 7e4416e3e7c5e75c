// The test kernel's memory: physical frames from a bump allocator, one user address space with
// real 4-level page tables in guest RAM, and the guest program loaded into it.
import { MemorySystem } from '../../src/emu/memory/memory-system';
import { PTE_NX, PTE_P, PTE_U, PTE_W, TABLE_FLAGS_USER, lookupPage, makePte, readPte, walk, writePte } from '../../src/emu/memory/page-table';
import type { ElfImage } from './elf-load';

export const PAGE = 4096;
/** The kernel maps one stack page just below this address. */
export const STACK_TOP = 0x47480000;
const RAM_BYTES = 16 * 1024 * 1024;
const FIRST_FRAME = 0x100000;

/** Returns the base of the page holding `va`. */
export function pageOf(va: number): number {
  return va - (va % PAGE);
}

/** One address space over its own memory system. */
export class AddressSpace {
  readonly mem = new MemorySystem(RAM_BYTES);
  readonly pml4: number;
  private nextFrame = FIRST_FRAME;

  /** Creates the memory and an empty PML4, installed as the root. */
  constructor() {
    this.pml4 = this.allocFrame();
    this.mem.setRoot(this.pml4);
  }

  /** Returns a fresh zeroed frame's physical address. Throws Error when RAM is used up. */
  allocFrame(): number {
    const pa = this.nextFrame;
    if (pa + PAGE > RAM_BYTES) throw new Error('test kernel: out of physical memory');
    this.nextFrame += PAGE;
    this.mem.phys.zeroPage(pa);
    return pa;
  }

  /** Maps the page of `va` to frame `pa` with leaf bits `perm` (P added). Missing tables are linked
   *  P|W|U, as Pintos does, whatever `perm` is. Touches no TLB entry. */
  map(va: number, pa: number, perm: bigint): void {
    const ptePa = walk(this.mem.phys, this.pml4, pageOf(va), true, () => this.allocFrame(), TABLE_FLAGS_USER);
    if (ptePa === undefined) throw new Error(`test kernel: cannot map 0x${va.toString(16)}`);
    writePte(this.mem.phys, ptePa, makePte(pa, perm | PTE_P));
  }

  /** Physical address of va's leaf entry, or undefined when a table on the way is missing. */
  pteAddress(va: number): number | undefined {
    return walk(this.mem.phys, this.pml4, va, false);
  }

  /** va's leaf entry (0 when a table on the way is missing). */
  pte(va: number): bigint {
    const at = this.pteAddress(va);
    return at === undefined ? 0n : readPte(this.mem.phys, at);
  }

  /** The physical address va maps to, or undefined when it is not present. No side effects. */
  physical(va: number): number | undefined {
    return lookupPage(this.mem.phys, this.pml4, va);
  }

  /** Returns `length` bytes at user address `va` read straight from the frames (no TLB, no A/D
   *  bits), or undefined when a page of the range is not present. */
  peek(va: number, length: number): Uint8Array | undefined {
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const pa = this.physical(va + done);
      if (pa === undefined) return undefined;
      const n = Math.min(length - done, PAGE - ((va + done) % PAGE));
      out.set(this.mem.ram.subarray(pa, pa + n), done);
      done += n;
    }
    return out;
  }

  /** Writes `bytes` at user address `va` straight into the frames (no TLB, no A/D bits).
   *  Returns false, writing nothing, when a page of the range is not present. */
  poke(va: number, bytes: Uint8Array): boolean {
    const parts: [number, number, number][] = [];
    for (let done = 0; done < bytes.length; ) {
      const pa = this.physical(va + done);
      if (pa === undefined) return false;
      const n = Math.min(bytes.length - done, PAGE - ((va + done) % PAGE));
      parts.push([pa, done, n]);
      done += n;
    }
    for (const [pa, from, n] of parts) this.mem.writePhysical(pa, bytes.subarray(from, from + n));
    return true;
  }

  /** Maps and fills every PT_LOAD segment (user pages; W and NX from the segment flags) and one
   *  stack page below STACK_TOP. Segments sharing a page share its frame. */
  load(image: ElfImage): void {
    for (const seg of image.segments) {
      const perm = PTE_U | (seg.writable ? PTE_W : 0n) | (seg.executable ? 0n : PTE_NX);
      for (let va = pageOf(seg.vaddr); va < seg.vaddr + seg.memSize; va += PAGE) {
        if (this.physical(va) === undefined) this.map(va, this.allocFrame(), perm);
      }
      this.poke(seg.vaddr, seg.data);
    }
    this.map(STACK_TOP - PAGE, this.allocFrame(), PTE_U | PTE_W | PTE_NX);
  }
}

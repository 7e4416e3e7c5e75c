// Decoded blocks: straight-line runs of instructions, keyed by the physical address of their
// first byte, decoded once and executed many times. A block ends after a control-transfer
// instruction, at the end of its page, before an address breakpoint, or after MAX_BLOCK
// instructions. Writing to a physical page that holds decoded code drops its blocks
// (the memory bus reports such writes), so self-modifying code stays correct.
import type { MemoryBus } from './memory/contract';
import { Access } from './memory/contract';
import type { Insn } from './decoder/insn';
import { decode } from './decoder/decoder';
import type { CompiledBlock } from './jit/compile-block';

/** Longest block, in instructions. */
export const MAX_BLOCK = 64;

/** A decoded straight-line run of instructions: plain data, plus its compiled form once hot. */
export class Block {
  constructor(
    /** linear address of the first instruction */
    readonly va: number,
    /** physical address of the first instruction (the cache key) */
    readonly pa: number,
    /** the instructions, in order */
    readonly insns: Insn[],
    /** linear address after the last instruction (the fall-through rip) */
    readonly end: number,
  ) {}

  /** times the interpreter ran the whole block (counts up to the compile threshold) */
  runs = 0;
  /** the compiled form, once the block is hot (see jit/compile-block.ts) */
  compiled: CompiledBlock | undefined = undefined;
  /** the index of its WebAssembly function in the machine's table, or -1 (see wasm/wasm-tier.ts) */
  wasmIndex = -1;
}

/** Entries of the direct-mapped front of the cache (a power of two). */
const RECENT_SIZE = 8192;

/** Slot of physical address `pa` in the direct-mapped front. */
function recentSlot(pa: number): number {
  return (pa ^ (pa >>> 13)) & (RECENT_SIZE - 1);
}

/** The block cache of one machine. */
export class BlockCache {
  private readonly byPa = new Map<number, Block>();
  private readonly byPage = new Map<number, Block[]>();
  /** direct-mapped copies of recently used entries of `byPa`, checked before the map */
  private readonly recent = new Array<Block | undefined>(RECENT_SIZE).fill(undefined);

  /** how blocks are decoded: 64-bit code, or the 32-bit code of a booting kernel (never compiled);
   *  the owner clears the cache when it changes */
  codeBits: 64 | 32 = 64;

  /** The owner must route the bus's code-write notifications to `dropPage` (the bus has one listener). */
  constructor(private readonly mem: MemoryBus) {}

  /**
   * The block starting at linear address `va` (decoding it on a miss). `stopBefore(addr)` ends a
   * block before `addr` (breakpoints). Throws PageFault/InvalidOpcode for the first instruction.
   */
  lookup(va: number, stopBefore: ((addr: number) => boolean) | undefined): Block {
    const pa = this.mem.translate(va, Access.Execute, true);
    const slot = recentSlot(pa);
    const recent = this.recent[slot];
    if (recent !== undefined && recent.pa === pa && recent.va === va) return recent;
    const hit = this.byPa.get(pa);
    if (hit !== undefined && hit.va === va) {
      this.recent[slot] = hit;
      return hit;
    }
    return this.build(va, pa, stopBefore);
  }

  private build(va: number, pa: number, stopBefore: ((addr: number) => boolean) | undefined): Block {
    const insns: Insn[] = [];
    const pageEnd = va - (va & 0xfff) + 4096;
    let at = va;
    let cacheable = true;
    for (;;) {
      let insn: Insn;
      try {
        insn = decode(this.mem, at, this.codeBits);
      } catch (e) {
        if (insns.length === 0) throw e;
        break;
      }
      const crosses = insn.next > pageEnd || insn.next < at;
      if (crosses && insns.length > 0) break;
      insns.push(insn);
      at = insn.next;
      if (crosses) {
        cacheable = false;
        break;
      }
      if ((insn.entry.flow ?? 'none') !== 'none' || at >= pageEnd || insns.length >= MAX_BLOCK) break;
      if (stopBefore !== undefined && stopBefore(at)) break;
    }
    const block = new Block(va, pa, insns, at);
    // 32-bit boot code runs once, in the interpreter: the compiled tiers know 64-bit code only.
    if (this.codeBits === 32) block.runs = -Infinity;
    if (cacheable) {
      const old = this.byPa.get(pa);
      if (old !== undefined) this.unlink(old);
      this.byPa.set(pa, block);
      const ppn = Math.floor(pa / 4096);
      let list = this.byPage.get(ppn);
      if (list === undefined) {
        list = [];
        this.byPage.set(ppn, list);
        this.mem.markCodePage(ppn);
      }
      list.push(block);
    }
    return block;
  }

  /** Told about each block the cache drops (its code may be stale), and when it drops them all. */
  onDrop: (block: Block) => void = () => undefined;
  onClear: () => void = () => undefined;

  private forget(block: Block): void {
    this.onDrop(block);
    const slot = recentSlot(block.pa);
    if (this.recent[slot] === block) this.recent[slot] = undefined;
  }

  private unlink(block: Block): void {
    this.forget(block);
    this.byPa.delete(block.pa);
    const list = this.byPage.get(Math.floor(block.pa / 4096));
    if (list !== undefined) {
      const k = list.indexOf(block);
      if (k >= 0) list.splice(k, 1);
    }
  }

  /** The cached blocks decoded from `block`'s physical page at the same linear page (the
   *  candidates to compile with it), `block` among them. */
  pageBlocks(block: Block): readonly Block[] {
    const list = this.byPage.get(Math.floor(block.pa / 4096));
    if (list === undefined) return [block];
    const shift = block.va - block.pa;
    return list.filter((b) => b.va - b.pa === shift);
  }

  /** Drops every block decoded from physical page `ppn`. */
  dropPage(ppn: number): void {
    const list = this.byPage.get(ppn);
    if (list === undefined) return;
    for (const b of list) {
      this.forget(b);
      this.byPa.delete(b.pa);
    }
    this.byPage.delete(ppn);
  }

  /** Drops every block (after breakpoint changes or a restore of memory). */
  clear(): void {
    this.onClear();
    this.byPa.clear();
    this.byPage.clear();
    this.recent.fill(undefined);
  }

  /** Number of cached blocks (for tests and statistics). */
  get size(): number {
    return this.byPa.size;
  }
}

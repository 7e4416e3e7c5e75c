// Decoded blocks: straight-line runs of instructions, keyed by the physical address of their
// first byte, decoded once and executed many times. A block ends after a control-transfer
// instruction, at the end of its page, before an address breakpoint, or after MAX_BLOCK
// instructions. Writing to a physical page that holds decoded code drops its blocks
// (the memory bus reports such writes), so self-modifying code stays correct.
import type { MemoryBus } from './memory/contract';
import { Access } from './memory/contract';
import type { Insn } from './decoder/insn';
import { decode } from './decoder/decoder';

/** Longest block, in instructions. */
export const MAX_BLOCK = 64;

/** A decoded straight-line run of instructions. Plain data: a later tier may compile it. */
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
}

/** The block cache of one machine. */
export class BlockCache {
  private readonly byPa = new Map<number, Block>();
  private readonly byPage = new Map<number, Block[]>();

  /** The owner must route the bus's code-write notifications to `dropPage` (the bus has one listener). */
  constructor(private readonly mem: MemoryBus) {}

  /**
   * The block starting at linear address `va` (decoding it on a miss). `stopBefore(addr)` ends a
   * block before `addr` (breakpoints). Throws PageFault/InvalidOpcode for the first instruction.
   */
  lookup(va: number, stopBefore: ((addr: number) => boolean) | undefined): Block {
    const pa = this.mem.translate(va, Access.Execute, true);
    const hit = this.byPa.get(pa);
    if (hit !== undefined && hit.va === va) return hit;
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
        insn = decode(this.mem, at);
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

  private unlink(block: Block): void {
    this.byPa.delete(block.pa);
    const list = this.byPage.get(Math.floor(block.pa / 4096));
    if (list !== undefined) {
      const k = list.indexOf(block);
      if (k >= 0) list.splice(k, 1);
    }
  }

  /** Drops every block decoded from physical page `ppn`. */
  dropPage(ppn: number): void {
    const list = this.byPage.get(ppn);
    if (list === undefined) return;
    for (const b of list) this.byPa.delete(b.pa);
    this.byPage.delete(ppn);
  }

  /** Drops every block (after breakpoint changes or a restore of memory). */
  clear(): void {
    this.byPa.clear();
    this.byPage.clear();
  }

  /** Number of cached blocks (for tests and statistics). */
  get size(): number {
    return this.byPa.size;
  }
}

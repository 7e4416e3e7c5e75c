// Reads a booted Pintos kernel's swap-slot map through its DWARF: the global whose name mentions
// "swap" and that is either a `struct bitmap *` (Pintos's bitmap: `bit_cnt` bits at `bits`) or an
// array of unsigned integers used as bits (the slot count then from a global integer named like
// `swap_slot_cnt`, else every bit of the array). Read-only.
import type { DebugInfo, DwarfType } from '../debuginfo';
import { sizeOfType, stripTypedefs } from '../debuginfo';
import { GuestReadError, readU64, readUnsigned, type GuestMemory } from './guest-memory';
import type { StructIndex } from './struct-index';

/** The slots in use, or what could not be found. */
export type SwapRead = { ok: true; global: string; slotCount: number; used: number[] } | { ok: false; missing: string };

/** Most slots read (a corrupt count cannot make the reader allocate without bound). */
const MAX_SLOTS = 1 << 24;

/** True for a pointer to struct bitmap. */
function isBitmapPointer(t: DwarfType): boolean {
  const s = stripTypedefs(t);
  if (s.kind !== 'pointer') return false;
  const target = stripTypedefs(s.target);
  return target.kind === 'struct' && target.name === 'bitmap';
}

/** True for an array of unsigned integers. */
function isBitArray(t: DwarfType): boolean {
  const s = stripTypedefs(t);
  if (s.kind !== 'array') return false;
  const e = stripTypedefs(s.element);
  return e.kind === 'base' && s.counts[0] !== undefined;
}

/** The set bits of `bytes`, below `count`. */
function setBits(bytes: Uint8Array, count: number): number[] {
  const used: number[] = [];
  for (let i = 0; i < count; i++) if ((bytes[i >> 3] >> (i & 7)) & 1) used.push(i);
  return used;
}

/**
 * Reads the swap map held in global `name`, or in the one global found as described above. Fails
 * with a message naming what is missing or where memory could not be read.
 */
export function readSwapBitmap(debug: DebugInfo, types: StructIndex, mem: GuestMemory, name?: string): SwapRead {
  const candidates = debug.globals().filter((g) => (name !== undefined ? g.name === name : /swap/i.test(g.name)) && (isBitmapPointer(g.type) || isBitArray(g.type)));
  if (candidates.length !== 1) {
    return { ok: false, missing: candidates.length === 0 ? 'a global swap bitmap (a struct bitmap * or an array of bits whose name mentions "swap")' : `one global swap bitmap (found ${candidates.map((g) => g.name).join(', ')}: name the one to read)` };
  }
  const g = candidates[0];
  const symbol = debug.lookupSymbol(g.name);
  if (symbol === undefined) return { ok: false, missing: `the symbol ${g.name} in the kernel` };
  try {
    if (isBitmapPointer(g.type)) {
      const bitmap = types.struct('bitmap');
      const cnt = bitmap?.members.find((m) => m.name === 'bit_cnt')?.offset;
      const bits = bitmap?.members.find((m) => m.name === 'bits')?.offset;
      if (cnt === undefined || bits === undefined) return { ok: false, missing: 'bit_cnt and bits in struct bitmap' };
      const at = readU64(mem, symbol.address, g.name);
      if (at === 0) return { ok: true, global: g.name, slotCount: 0, used: [] };
      const count = Math.min(MAX_SLOTS, readU64(mem, at + cnt, 'the bitmap\'s bit_cnt'));
      const data = mem.read(readU64(mem, at + bits, 'the bitmap\'s bits'), Math.ceil(count / 8));
      if (data === undefined) return { ok: false, missing: `readable memory: the bits of ${g.name}` };
      return { ok: true, global: g.name, slotCount: count, used: setBits(data, count) };
    }
    const size = Math.min(sizeOfType(g.type) ?? 0, MAX_SLOTS / 8);
    const data = mem.read(symbol.address, size);
    if (data === undefined) return { ok: false, missing: `readable memory: ${g.name}` };
    const counter = debug.globals().find((c) => /swap/i.test(c.name) && /(cnt|count|slots)$/i.test(c.name) && stripTypedefs(c.type).kind === 'base');
    const counterSymbol = counter && debug.lookupSymbol(counter.name);
    const counterSize = counter ? sizeOfType(counter.type) : undefined;
    const counted = counterSymbol && counterSize !== undefined && [1, 2, 4, 8].includes(counterSize) ? readUnsigned(mem, counterSymbol.address, counterSize, counter!.name) : undefined;
    const count = Math.min(size * 8, counted ?? size * 8);
    return { ok: true, global: g.name, slotCount: count, used: setBits(data, count) };
  } catch (e) {
    if (e instanceof GuestReadError) return { ok: false, missing: `readable memory: ${e.message}` };
    throw e;
  }
}

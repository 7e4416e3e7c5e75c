// Mutations of a real ELF file for the loader fuzzer: ELF header fields, program header fields
// (huge p_memsz, p_filesz, p_offset, p_vaddr among them), truncation and random bytes. Each
// mutation says what it did, so a failing case can be read and reproduced.
import type { SeededRandom } from './seeded-random';

/** A mutated file and what was done to it. */
export interface Mutant {
  bytes: Uint8Array;
  description: string;
}

/** 64-bit values that tend to break size and address arithmetic. */
const INTERESTING_64: readonly bigint[] = [
  0n, 1n, 0xfffn, 0x1000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7ffffffff000n,
  0x8004000000n, 0x8003fff000n, 0x7000000000n, 0x20000000000n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n,
];
const INTERESTING_16: readonly number[] = [0, 1, 2, 0x38, 0x40, 0x7fff, 0x8000, 0xffff];

/** ELF header fields: [name, offset, size]. */
const EHDR_FIELDS: readonly [string, number, 2 | 4 | 8][] = [
  ['e_type', 16, 2], ['e_machine', 18, 2], ['e_version', 20, 4], ['e_entry', 24, 8], ['e_phoff', 32, 8],
  ['e_shoff', 40, 8], ['e_ehsize', 52, 2], ['e_phentsize', 54, 2], ['e_phnum', 56, 2],
];
/** Program header fields: [name, offset in the entry, size]. */
const PHDR_FIELDS: readonly [string, number, 4 | 8][] = [
  ['p_type', 0, 4], ['p_flags', 4, 4], ['p_offset', 8, 8], ['p_vaddr', 16, 8], ['p_filesz', 32, 8], ['p_memsz', 40, 8], ['p_align', 48, 8],
];

/** Writes `value` (truncated to `size` bytes) little-endian at `offset`, when it fits in `bytes`. */
function put(bytes: Uint8Array, offset: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size && offset + i < bytes.length; i++) {
    bytes[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** A value for a field of `size` bytes: an interesting one, or random bits. */
function value(random: SeededRandom, size: number): bigint {
  if (size === 2 && random.below(2) === 0) return BigInt(random.pick(INTERESTING_16));
  if (random.below(3) > 0) return random.pick(INTERESTING_64);
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(random.below(256));
  return v;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** One mutation of `original` (not changed), chosen by `random`; 1 to 3 changes are stacked. */
export function mutateElf(original: Uint8Array, random: SeededRandom): Mutant {
  const bytes = Uint8Array.from(original);
  const view = new DataView(bytes.buffer);
  const phoff = Number(view.getBigUint64(32, true));
  const phnum = view.getUint16(56, true);
  const done: string[] = [];
  let out = bytes;
  const changes = 1 + random.below(3);
  for (let c = 0; c < changes; c++) {
    const kind = random.below(10);
    if (kind < 2) {
      const [name, offset, size] = random.pick(EHDR_FIELDS);
      const v = value(random, size);
      put(out, offset, size, v);
      done.push(`${name}=${hex(BigInt.asUintN(size * 8, v))}`);
    } else if (kind < 7 && phnum > 0) {
      const i = random.below(phnum);
      const [name, offset, size] = random.pick(PHDR_FIELDS);
      const v = value(random, size);
      put(out, phoff + i * 56 + offset, size, v);
      done.push(`phdr[${i}].${name}=${hex(BigInt.asUintN(size * 8, v))}`);
    } else if (kind < 8) {
      const length = random.below(out.length);
      out = out.slice(0, length);
      done.push(`truncated to ${length} bytes`);
    } else {
      const n = 1 + random.below(16);
      // mostly in the headers, where a byte decides the most
      const span = random.below(2) === 0 ? Math.min(out.length, phoff + phnum * 56) : out.length;
      for (let k = 0; k < n && span > 0; k++) out[random.below(span)] = random.below(256);
      done.push(`${n} random bytes`);
    }
  }
  return { bytes: out, description: done.join(', ') };
}

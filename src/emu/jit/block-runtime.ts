// The functions compiled blocks call: the slow paths of memory access (TLB miss, page-crossing
// access), canonical checks, and the flag helpers. Each is the interpreter's own function, so both
// tiers share one implementation of every rare case.
import { generalProtection } from '../cpu/faults';
import { condition, setStatusFlags } from '../cpu/lazy-flags';
import { canonical, ld16, ld32, ld64, ld8, phys, st16, st32, st64, st8 } from '../exec/memory-access';
import { imul64Overflows } from '../exec/mul-div';

const TWO32 = 4294967296;

/** Returns the canonical linear address (in [0, 2^48)) held as 32-bit halves; throws #GP otherwise. */
export function branchTarget(lo: number, hi: number): number {
  if (hi <= 0x7fff) return lo + hi * TWO32;
  if (hi >= 0xffff8000) return lo + (hi & 0xffff) * TWO32;
  return generalProtection('non-canonical branch target');
}

/** The high 32 bits of the 64-bit product of two unsigned 32-bit values. */
function mulHigh32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const mid1 = a1 * b0, mid2 = a0 * b1;
  const carry = (((a0 * b0) >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) / 65536;
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + Math.floor(carry)) >>> 0;
}

/** Register-file slot `d` = low 64 bits of slot `a` times slot `b` (r: the Uint32 view), without BigInt. */
export function mul64(r: Uint32Array, a: number, b: number, d: number): void {
  const a0 = r[a * 2], a1 = r[a * 2 + 1], b0 = r[b * 2], b1 = r[b * 2 + 1];
  const hi = (mulHigh32(a0, b0) + Math.imul(a0, b1) + Math.imul(a1, b0)) >>> 0;
  r[d * 2] = Math.imul(a0, b0);
  r[d * 2 + 1] = hi;
}

/** The helpers by the names the generated code uses (see block-source.ts). */
export const BLOCK_RUNTIME = {
  phys, canonical, branchTarget, condition, setStatusFlags, imul64Overflows, mul64,
  ld8, ld16, ld32, ld64, st8, st16, st32, st64,
};

/** The helper names, in a fixed order, for binding them in a generated function. */
export const BLOCK_RUNTIME_NAMES = Object.keys(BLOCK_RUNTIME) as (keyof typeof BLOCK_RUNTIME)[];

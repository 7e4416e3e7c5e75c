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

/** The helpers by the names the generated code uses (see block-source.ts). */
export const BLOCK_RUNTIME = {
  phys, canonical, branchTarget, condition, setStatusFlags, imul64Overflows,
  ld8, ld16, ld32, ld64, st8, st16, st32, st64,
};

/** The helper names, in a fixed order, for binding them in a generated function. */
export const BLOCK_RUNTIME_NAMES = Object.keys(BLOCK_RUNTIME) as (keyof typeof BLOCK_RUNTIME)[];

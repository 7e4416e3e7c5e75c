// Condition codes as JavaScript expressions. When the instruction that last wrote the flags is
// known at compile time (a cmp, sub, test, and, ... in the same block), a jcc/setcc/cmovcc tests
// its operands directly (a cmp followed by jl becomes `(a | 0) < (b | 0)`); otherwise it asks the
// lazy-flags code through `condition(cpu, cc)`. Results agree with cpu/lazy-flags.ts exactly.
import { LazyKind } from '../cpu/lazy-flags';
import { Slot } from '../cpu/registers';

/** The last flag-writing instruction of the block, as its emitter left it. */
export interface KnownFlags {
  readonly kind: LazyKind;
  /** operand size in bytes */
  readonly size: number;
  /** for sizes 1, 2 and 4: locals (or literals) holding the unsigned operands and result */
  readonly a: string;
  readonly b: string;
  readonly res: string;
}

const FD = Slot.FLAG_DST * 2;
const FS = Slot.FLAG_SRC * 2;
const FR = Slot.FLAG_RES * 2;

/** A boolean expression for condition `cc` (0..15) under `known` flags, or the generic test. */
export function conditionSource(known: KnownFlags | undefined, cc: number): string {
  const direct = known === undefined ? undefined : known.size === 8 ? wide(known.kind, cc) : narrow(known, cc);
  return direct ?? `condition(cpu, ${cc})`;
}

function signed(e: string, size: number): string {
  if (size === 4) return `(${e} | 0)`;
  const sh = 32 - size * 8;
  return `((${e} << ${sh}) >> ${sh})`;
}

function narrow(k: KnownFlags, cc: number): string | undefined {
  const { a, b, res, size } = k;
  const sres = signed(res, size);
  if (k.kind === LazyKind.SUB) {
    switch (cc) {
      case 2: return `${a} < ${b}`;
      case 3: return `${a} >= ${b}`;
      case 4: return `${a} === ${b}`;
      case 5: return `${a} !== ${b}`;
      case 6: return `${a} <= ${b}`;
      case 7: return `${a} > ${b}`;
      case 8: return `${sres} < 0`;
      case 9: return `${sres} >= 0`;
      case 12: return `${signed(a, size)} < ${signed(b, size)}`;
      case 13: return `${signed(a, size)} >= ${signed(b, size)}`;
      case 14: return `${signed(a, size)} <= ${signed(b, size)}`;
      case 15: return `${signed(a, size)} > ${signed(b, size)}`;
    }
    return undefined;
  }
  if (k.kind === LazyKind.LOGIC) {
    switch (cc) {
      case 0: case 2: return 'false';
      case 1: case 3: return 'true';
      case 4: case 6: return `${res} === 0`;
      case 5: case 7: return `${res} !== 0`;
      case 8: case 12: return `${sres} < 0`;
      case 9: case 13: return `${sres} >= 0`;
      case 14: return `${sres} <= 0`;
      case 15: return `${sres} > 0`;
    }
    return undefined;
  }
  if (k.kind === LazyKind.ADD) {
    switch (cc) {
      case 2: return `${res} < ${a}`;
      case 3: return `${res} >= ${a}`;
      case 4: return `${res} === 0`;
      case 5: return `${res} !== 0`;
      case 8: return `${sres} < 0`;
      case 9: return `${sres} >= 0`;
    }
  }
  return undefined;
}

function wide(kind: LazyKind, cc: number): string | undefined {
  const zero = `(r[${FR}] | r[${FR + 1}]) === 0`;
  const neg = `si[${FR + 1}] < 0`;
  if (kind === LazyKind.SUB) {
    const eq = `(r[${FD}] === r[${FS}] && r[${FD + 1}] === r[${FS + 1}])`;
    const below = `(r[${FD + 1}] < r[${FS + 1}] || (r[${FD + 1}] === r[${FS + 1}] && r[${FD}] < r[${FS}]))`;
    const above = `(r[${FD + 1}] > r[${FS + 1}] || (r[${FD + 1}] === r[${FS + 1}] && r[${FD}] > r[${FS}]))`;
    const less = `(si[${FD + 1}] < si[${FS + 1}] || (r[${FD + 1}] === r[${FS + 1}] && r[${FD}] < r[${FS}]))`;
    const greater = `(si[${FD + 1}] > si[${FS + 1}] || (r[${FD + 1}] === r[${FS + 1}] && r[${FD}] > r[${FS}]))`;
    switch (cc) {
      case 2: return below;
      case 3: return `!${below}`;
      case 4: return eq;
      case 5: return `!${eq}`;
      case 6: return `!${above}`;
      case 7: return above;
      case 8: return neg;
      case 9: return `!(${neg})`;
      case 12: return less;
      case 13: return `!${less}`;
      case 14: return `!${greater}`;
      case 15: return greater;
    }
    return undefined;
  }
  if (kind === LazyKind.LOGIC) {
    switch (cc) {
      case 0: case 2: return 'false';
      case 1: case 3: return 'true';
      case 4: case 6: return zero;
      case 5: case 7: return `!(${zero})`;
      case 8: case 12: return neg;
      case 9: case 13: return `!(${neg})`;
      case 14: return `(${neg} || ${zero})`;
      case 15: return `!(${neg} || ${zero})`;
    }
    return undefined;
  }
  if (kind === LazyKind.ADD) {
    switch (cc) {
      case 4: return zero;
      case 5: return `!(${zero})`;
      case 8: return neg;
      case 9: return `!(${neg})`;
    }
  }
  return undefined;
}

// A generated instruction sequence: units of instructions (a unit is what the shrinker keeps or
// drops as a whole), their assembly into bytes at CODE_ADDR, and the static walk over every
// execution path that tells which status flags are undefined where.
import { CODE_ADDR } from './state';

/** Where a branch goes: the start of a unit (by its id; a dropped unit means the next kept one),
 *  or an instruction of the same unit. */
export type Target = { readonly unit: number } | { readonly insn: GenInsn };

/** How a generated instruction moves rip. */
export type GenFlow = 'none' | 'jump' | 'branch' | 'call' | 'ret';

/** One generated instruction. */
export interface GenInsn {
  /** encoded length in bytes; `encode` always returns exactly this many */
  readonly len: number;
  /** encodes the instruction placed at `addr`; `resolve` gives the address of a branch target */
  encode(addr: number, resolve: (t: Target) => number): number[];
  /** short description for reports (mnemonic and operand kinds) */
  readonly text: string;
  readonly flagsRead: number;
  readonly flagsWritten: number;
  readonly flagsUndefined: number;
  /** the flags may be left unchanged (count 0 shifts, a repeat count of 0) */
  readonly maybeUnchanged: boolean;
  readonly flow: GenFlow;
  readonly target?: Target;
  /** registers (bit n = register n) whose bits 63:32 the implementation chooses after this
   *  instruction (see implementation-specific.ts); only ever on the last instruction of a case */
  readonly upperUnspecified?: number;
}

/** Instructions dropped or kept together by the shrinker. */
export interface Unit {
  /** position in the sequence as generated; branch targets name units by it */
  readonly id: number;
  readonly insns: readonly GenInsn[];
}

/** A sequence assembled into bytes. */
export interface Assembled {
  readonly code: Uint8Array;
  /** the instructions in layout order with their offsets from CODE_ADDR and, for branches, the
   *  offset of their target */
  readonly layout: readonly Placed[];
}

/** An instruction at its place in the code. */
export interface Placed {
  readonly offset: number;
  readonly insn: GenInsn;
  readonly targetOffset: number;
}

/**
 * Lays the units out one after another at CODE_ADDR and encodes them. A branch to a unit that is
 * not in `units` goes to the next unit that is (or to the end). Throws when an instruction encodes
 * to a different length than it declared.
 */
export function assemble(units: readonly Unit[]): Assembled {
  const layout: Array<{ offset: number; insn: GenInsn; targetOffset: number }> = [];
  const unitStart: Array<{ id: number; offset: number; first: number }> = [];
  let offset = 0;
  for (const u of units) {
    unitStart.push({ id: u.id, offset, first: layout.length });
    for (const insn of u.insns) {
      layout.push({ offset, insn, targetOffset: -1 });
      offset += insn.len;
    }
  }
  const end = offset;
  const code: number[] = [];
  for (let ui = 0; ui < units.length; ui++) {
    const start = unitStart[ui];
    const resolve = (t: Target): number => {
      if ('insn' in t) {
        const k = units[ui].insns.indexOf(t.insn);
        if (k < 0) throw new Error('branch to an instruction outside its unit');
        return CODE_ADDR + layout[start.first + k].offset;
      }
      const next = unitStart.find((s) => s.id >= t.unit);
      return CODE_ADDR + (next ? next.offset : end);
    };
    for (let k = 0; k < units[ui].insns.length; k++) {
      const placed = layout[start.first + k];
      const { offset: at, insn } = placed;
      if (insn.target) placed.targetOffset = resolve(insn.target) - CODE_ADDR;
      const bytes = insn.encode(CODE_ADDR + at, resolve);
      if (bytes.length !== insn.len) throw new Error(`${insn.text}: encoded ${bytes.length} bytes, declared ${insn.len}`);
      code.push(...bytes);
    }
  }
  return { code: Uint8Array.from(code), layout };
}

/** What the path walk found. */
export interface FlagAnalysis {
  /** undefined status flags on entry to the instruction at each offset (union over paths); the
   *  end of the code is included */
  readonly undefinedAt: ReadonlyMap<number, number>;
  /** an instruction reads a flag that is undefined on some path to it */
  readonly readsUndefined: boolean;
  /** offset of the first instruction found reading an undefined flag, or -1 */
  readonly badOffset: number;
}

/**
 * Walks every execution path of an assembled sequence (branches both ways, calls into their
 * target and back) from a state where no flag is undefined, and reports where status flags are
 * undefined. Assumes branches only go forward, so every path ends; the walk stops after 4096
 * steps in total as a safety net and then reports `readsUndefined` so the case is not used.
 */
export function analyzeFlags(asm: Assembled): FlagAnalysis {
  const byOffset = new Map<number, number>();
  asm.layout.forEach((l, i) => byOffset.set(l.offset, i));
  const end = asm.layout.length === 0 ? 0 : asm.layout[asm.layout.length - 1].offset + asm.layout[asm.layout.length - 1].insn.len;
  const undefinedAt = new Map<number, number>();
  let readsUndefined = false;
  let badOffset = -1;
  let budget = 4096;
  const ends = (ret: number[]): number => (ret.length > 0 ? ret[ret.length - 1] : end);
  const walk = (offset: number, undef: number, returns: number[]): void => {
    while (budget-- > 0) {
      undefinedAt.set(offset, (undefinedAt.get(offset) ?? 0) | undef);
      const i = byOffset.get(offset);
      if (i === undefined) return; // the end of the code (or outside it: not generated)
      const { insn } = asm.layout[i];
      if ((insn.flagsRead & undef) !== 0 && !readsUndefined) {
        readsUndefined = true;
        badOffset = offset;
      }
      const written = insn.maybeUnchanged ? 0 : insn.flagsWritten & ~insn.flagsUndefined;
      undef = (undef & ~written) | insn.flagsUndefined;
      const next = offset + insn.len;
      const to = asm.layout[i].targetOffset >= 0 ? asm.layout[i].targetOffset : next;
      switch (insn.flow) {
        case 'jump': offset = to; break;
        case 'branch': walk(to, undef, returns); offset = next; break;
        case 'call': returns = [...returns, next]; offset = to; break;
        case 'ret': offset = ends(returns); returns = returns.slice(0, -1); break;
        default: offset = next;
      }
    }
  };
  walk(0, 0, []);
  if (budget <= 0) readsUndefined = true;
  return { undefinedAt, readsUndefined, badOffset };
}

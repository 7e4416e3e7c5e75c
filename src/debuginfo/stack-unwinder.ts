// Unwinding one frame at a time: with call-frame information when a FDE covers the pc,
// otherwise by the frame-pointer chain ([rbp] = caller's rbp, [rbp+8] = return address).
import type { FrameDescription } from './call-frame-entries';
import { CALLEE_SAVED, DWARF_REGISTER_NAMES, dwarfRegisterValue, type RegisterName, type RegisterValues } from './dwarf-registers';
import { frameRows, type CfaRule, type FrameRow, type RegisterRule } from './frame-rules';
import { evaluateLocation } from './location-expression';

/** Reads `size` bytes at `addr` of the stopped program; undefined when unreadable. */
export type ReadMemory = (addr: bigint, size: number) => Uint8Array | undefined;

/** One frame of a backtrace: its registers (rip = pc) and how it was found. */
export interface StackFrameRegisters {
  registers: RegisterValues;
  /** 'cfi' when the caller was recovered with call-frame information, 'frame-pointer' otherwise. */
  method: 'innermost' | 'cfi' | 'frame-pointer';
}

const MASK = (1n << 64n) - 1n;

function readU64(readMemory: ReadMemory, addr: bigint): bigint | undefined {
  const bytes = readMemory(addr & MASK, 8);
  if (!bytes || bytes.length < 8) return undefined;
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** Call-frame tables of one file, queried by pc. */
export class StackUnwinder {
  private readonly fdes: FrameDescription[];
  private readonly rowCache = new Map<FrameDescription, FrameRow[]>();

  /** `fdes` from .debug_frame and .eh_frame (earlier ones win where they overlap). */
  constructor(fdes: FrameDescription[]) {
    this.fdes = [...fdes].sort((a, b) => a.low - b.low);
  }

  /** The FDE whose range holds `pc`, or undefined. */
  fdeAt(pc: number): FrameDescription | undefined {
    let lo = 0;
    let hi = this.fdes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const fde = this.fdes[mid];
      if (pc < fde.low) hi = mid - 1;
      else if (pc >= fde.high) lo = mid + 1;
      else return fde;
    }
    return undefined;
  }

  /** All rows of the FDE covering `pc` (cached), or undefined. */
  rowsAt(pc: number): FrameRow[] | undefined {
    const fde = this.fdeAt(pc);
    if (!fde) return undefined;
    let rows = this.rowCache.get(fde);
    if (!rows) {
      try {
        rows = frameRows(fde);
      } catch {
        rows = [];
      }
      this.rowCache.set(fde, rows);
    }
    return rows;
  }

  /** The CFA rule and register rules in effect at `pc`, or undefined when no FDE covers it. */
  rowAt(pc: number): FrameRow | undefined {
    const rows = this.rowsAt(pc);
    if (!rows) return undefined;
    let found: FrameRow | undefined;
    for (const row of rows) {
      if (row.location > pc) break;
      found = row;
    }
    return found;
  }

  /** The canonical frame address at `pc` given the frame's registers, or undefined. */
  cfaAt(pc: number, regs: RegisterValues, readMemory: ReadMemory): bigint | undefined {
    const row = this.rowAt(pc);
    return row ? computeCfa(row.cfa, regs, readMemory) : undefined;
  }

  /**
   * The caller's registers (rip, rsp, rbp and the callee-saved ones) for a frame stopped at
   * `pc` with registers `regs`, or undefined at the outermost frame or when memory is
   * unreadable. For frames other than the innermost, pass pc = return address - 1 so that
   * a call at the very end of a function finds its own FDE. Uses the frame-pointer chain
   * when no FDE covers pc.
   */
  unwindStep(pc: number, regs: RegisterValues, readMemory: ReadMemory): RegisterValues | undefined {
    const row = this.rowAt(pc);
    if (row) return unwindWithRow(row, regs, readMemory);
    return unwindWithFramePointer(regs, readMemory);
  }

  /**
   * Frames from the innermost (`regs` as given) outwards, at most `maxFrames`. Stops when the
   * return address is 0 or unreadable, or when the stack pointer does not move up.
   */
  unwindStack(regs: RegisterValues, readMemory: ReadMemory, maxFrames = 256): StackFrameRegisters[] {
    const frames: StackFrameRegisters[] = [{ registers: regs, method: 'innermost' }];
    let current = regs;
    while (frames.length < maxFrames) {
      const rip = current.rip;
      if (rip === undefined) break;
      const lookup = Number(frames.length === 1 ? rip : rip - 1n);
      const method = this.rowAt(lookup) ? 'cfi' : 'frame-pointer';
      const caller = this.unwindStep(lookup, current, readMemory);
      if (!caller || caller.rip === undefined || caller.rip === 0n) break;
      if (caller.rsp === undefined || current.rsp === undefined || caller.rsp <= current.rsp) break;
      frames.push({ registers: caller, method });
      current = caller;
    }
    return frames;
  }
}

function computeCfa(rule: CfaRule, regs: RegisterValues, readMemory: ReadMemory): bigint | undefined {
  if (rule.kind === 'register') {
    const base = dwarfRegisterValue(regs, rule.reg);
    return base === undefined ? undefined : (base + BigInt(rule.offset)) & MASK;
  }
  const result = evaluateLocation(rule.expr, { registers: regs, readMemory });
  return result.kind === 'memory' ? result.addr : result.kind === 'value' ? result.value : undefined;
}

function recover(rule: RegisterRule | undefined, reg: number, cfa: bigint, regs: RegisterValues, readMemory: ReadMemory): bigint | undefined {
  if (!rule || rule.kind === 'sameValue') return dwarfRegisterValue(regs, reg);
  switch (rule.kind) {
    case 'undefined': return undefined;
    case 'offset': return readU64(readMemory, cfa + BigInt(rule.offset));
    case 'valOffset': return (cfa + BigInt(rule.offset)) & MASK;
    case 'register': return dwarfRegisterValue(regs, rule.reg);
    case 'expression':
    case 'valExpression': {
      const result = evaluateLocation(rule.expr, { registers: regs, readMemory, initialStack: [cfa] });
      if (result.kind !== 'memory') return result.kind === 'value' ? result.value : undefined;
      return rule.kind === 'expression' ? readU64(readMemory, result.addr) : result.addr;
    }
  }
}

function unwindWithRow(row: FrameRow, regs: RegisterValues, readMemory: ReadMemory): RegisterValues | undefined {
  const cfa = computeCfa(row.cfa, regs, readMemory);
  if (cfa === undefined) return undefined;
  const caller: RegisterValues = { rsp: cfa };
  for (const name of CALLEE_SAVED) {
    const reg = DWARF_REGISTER_NAMES.indexOf(name);
    const value = recover(row.registers.get(reg), reg, cfa, regs, readMemory);
    if (value !== undefined) caller[name] = value;
  }
  const returnRule = row.registers.get(16);
  if (!returnRule) return undefined;
  const rip = recover(returnRule, 16, cfa, regs, readMemory);
  if (rip === undefined) return undefined;
  caller.rip = rip;
  return caller;
}

function unwindWithFramePointer(regs: RegisterValues, readMemory: ReadMemory): RegisterValues | undefined {
  const rbp = regs.rbp;
  if (rbp === undefined || rbp === 0n) return undefined;
  const savedRbp = readU64(readMemory, rbp);
  const rip = readU64(readMemory, rbp + 8n);
  if (savedRbp === undefined || rip === undefined) return undefined;
  const caller: RegisterValues = { rip, rsp: (rbp + 16n) & MASK, rbp: savedRbp };
  for (const name of ['rbx', 'r12', 'r13', 'r14', 'r15'] as RegisterName[]) if (regs[name] !== undefined) caller[name] = regs[name];
  return caller;
}

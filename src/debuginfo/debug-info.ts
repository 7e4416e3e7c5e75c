// The one entry point of the layer: every question the debugger asks about a program's
// symbols, lines, functions, variables, types and stack frames.
import { rangesContain } from './address-ranges';
import { loadDebugData, type DebugData } from './debug-data-loader';
import type { RegisterValues } from './dwarf-registers';
import type { ElfFile, ElfSymbol } from './elf-file';
import type { FrameRow } from './frame-rules';
import type { LineProgram } from './line-program';
import type { LineRange, SourceLocation } from './line-table';
import { evaluateLocation, type LocationResult } from './location-expression';
import type { FunctionInfo, Scope, Variable, VariableLocation } from './program-model';
import type { ReadMemory, StackFrameRegisters } from './stack-unwinder';
import type { DwarfType } from './type-model';

/** A stopped frame, as needed to find variables. */
export interface FrameState {
  /** The frame's pc (its rip; for callers, the return address). */
  pc: number;
  registers: RegisterValues;
  readMemory: ReadMemory;
  /** False for caller frames: lookups then use pc - 1 (inside the call instruction). */
  innermost?: boolean;
}

/** A breakpoint request resolved to code: the line that has code and its addresses. */
export interface ResolvedLine {
  file: string;
  line: number;
  addresses: number[];
}

/** Debug information of one ELF file. Queries never throw; missing data gives undefined or []. */
export class DebugInfo {
  private readonly data: DebugData;
  /** Function ranges sorted by start, for functionAt. */
  private readonly functionRanges: { low: number; high: number; fn: FunctionInfo }[] = [];

  private constructor(data: DebugData) {
    this.data = data;
    for (const fn of data.program.functions) for (const r of fn.ranges) this.functionRanges.push({ low: r.low, high: r.high, fn });
    this.functionRanges.sort((a, b) => a.low - b.low);
  }

  /** Reads an ELF file's bytes. Never throws: malformed parts give less information and warnings. */
  static fromElf(bytes: Uint8Array): DebugInfo {
    return new DebugInfo(loadDebugData(bytes));
  }

  /** Problems met while reading (empty for a well-formed file). */
  get warnings(): readonly string[] {
    return this.data.warnings;
  }

  /** The ELF file (sections, symbols, entry point). */
  get elf(): ElfFile {
    return this.data.elf;
  }

  /** True when the file has DWARF line or function information. */
  get hasDebugInfo(): boolean {
    return this.data.forest.units.length > 0 || this.data.lines.programs.length > 0;
  }

  // ---- symbols

  /** The function symbol holding `addr` and the offset into it, or undefined. */
  symbolize(addr: number): { name: string; offset: number } | undefined {
    const found = this.data.elf.symbolize(addr);
    return found ? { name: found.name, offset: found.offset } : undefined;
  }

  /** The ELF symbol called `name`, or undefined. */
  lookupSymbol(name: string): ElfSymbol | undefined {
    return this.data.elf.lookupSymbol(name);
  }

  // ---- lines

  /** Source position of `addr`, or undefined when no line row covers it. */
  linesForAddress(addr: number): SourceLocation | undefined {
    return this.data.lines.linesForAddress(addr);
  }

  /**
   * Where a breakpoint on `line` of `file` goes: the lowest statement address of that line in
   * each function (and each inlined copy). [] when the line has no code.
   */
  addressesForLine(file: string, line: number): number[] {
    const groups = new Map<number, number>();
    for (const addr of this.data.lines.statementAddressesForLine(file, line)) {
      const key = this.frameScopeKey(addr);
      const known = groups.get(key);
      if (known === undefined || addr < known) groups.set(key, addr);
    }
    return [...groups.values()].sort((a, b) => a - b);
  }

  /** Every is_stmt address of `line` of `file` (a line may start several times, e.g. loops). */
  statementAddressesForLine(file: string, line: number): number[] {
    return this.data.lines.statementAddressesForLine(file, line);
  }

  /** The nearest line at or after `line` of `file` that has code, with its breakpoint addresses. */
  resolveBreakpointLine(file: string, line: number): ResolvedLine | undefined {
    const found = this.data.lines.nearestLineWithCode(file, line);
    if (!found) return undefined;
    return { file: found.file, line: found.line, addresses: this.addressesForLine(found.file, found.line) };
  }

  /** Lines of `file` that have code (for breakpointLocations). */
  linesWithCode(file: string): number[] {
    return this.data.lines.linesWithCode(file);
  }

  /** All line rows (statements or not) inside `fn`'s ranges, sorted by address: for stepping. */
  lineRangesOfFunction(fn: FunctionInfo): LineRange[] {
    return fn.ranges.flatMap((r) => this.data.lines.lineRangesIn(r.low, r.high)).sort((a, b) => a.start - b.start);
  }

  /** The line row covering `addr` with its [start, end) range, or undefined. */
  lineRangeAt(addr: number): LineRange | undefined {
    return this.data.lines.rangeAt(addr);
  }

  /** True when a statement (is_stmt row) starts at `addr`: a stepper reached a new line. */
  isStatementStart(addr: number): boolean {
    return this.data.lines.isStatementStart(addr);
  }

  /** Addresses where statements start. */
  statementStarts(): ReadonlySet<number> {
    return this.data.lines.statementStarts();
  }

  /** Every source file with code, as absolute paths, sorted. */
  sourceFiles(): string[] {
    return this.data.lines.sourceFiles();
  }

  /** The decoded line programs, rows in program order (for tools and tests). */
  linePrograms(): readonly LineProgram[] {
    return this.data.lines.programs;
  }

  // ---- functions and variables

  /** Functions with code, sorted by low address. */
  functions(): readonly FunctionInfo[] {
    return this.data.program.functions;
  }

  /** The function whose code holds `addr`, or undefined. */
  functionAt(addr: number): FunctionInfo | undefined {
    const list = this.functionRanges;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].low <= addr) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (let i = found; i >= 0 && i > found - 8; i--) if (addr < list[i].high) return list[i].fn;
    return undefined;
  }

  /** The function called `name` (external definitions preferred), or undefined. */
  functionNamed(name: string): FunctionInfo | undefined {
    const matches = this.data.program.functions.filter((f) => f.name === name || f.linkageName === name);
    return matches.find((f) => f.external) ?? matches[0];
  }

  /** Scopes holding `addr`, innermost first, ending with the function's outermost scope. */
  scopesAt(addr: number): Scope[] {
    const fn = this.functionAt(addr);
    if (!fn) return [];
    const chain: Scope[] = [fn.scope];
    let scope = fn.scope;
    for (let depth = 0; depth < 64; depth++) {
      const inner = scope.children.find((c) => rangesContain(c.ranges, addr));
      if (!inner) break;
      chain.push(inner);
      scope = inner;
    }
    return chain.reverse();
  }

  /**
   * Variables visible at `addr` in the innermost frame (an inlined function counts as a
   * frame): innermost scope first, parameters before locals, shadowed names removed.
   */
  variablesAt(addr: number): Variable[] {
    const seen = new Set<string>();
    const out: Variable[] = [];
    for (const scope of this.scopesAt(addr)) {
      for (const v of scope.variables) {
        if (seen.has(v.name)) continue;
        seen.add(v.name);
        out.push(v);
      }
      if (scope.kind !== 'block') break;
    }
    return out;
  }

  /** Global variables and static locals with a location or constant value. */
  globals(): readonly Variable[] {
    return this.data.program.globals;
  }

  /** The type of a variable. */
  typeOf(variable: Variable): DwarfType {
    return variable.type;
  }

  // ---- frames and locations

  /** The call-frame rules in effect at `pc`, or undefined when no FDE covers it. */
  frameRowAt(pc: number): FrameRow | undefined {
    return this.data.unwinder.rowAt(pc);
  }

  /** The canonical frame address of a frame, or undefined (no CFI or unreadable). */
  cfaOf(frame: FrameState): bigint | undefined {
    return this.data.unwinder.cfaAt(lookupPc(frame), frame.registers, frame.readMemory);
  }

  /** The frame base (DW_AT_frame_base) of the function running in `frame`, or undefined. */
  frameBaseOf(frame: FrameState): bigint | undefined {
    const pc = lookupPc(frame);
    const fn = this.functionAt(pc);
    if (!fn?.frameBase) return undefined;
    const expr = expressionAt(fn.frameBase, pc);
    if (!expr) return undefined;
    const result = evaluateLocation(expr, { registers: frame.registers, readMemory: frame.readMemory, cfa: this.cfaOf(frame) });
    if (result.kind === 'memory') return result.addr;
    if (result.kind === 'value') return result.value;
    if (result.kind === 'register') return frame.registers[result.name ?? 'rip'];
    return undefined;
  }

  /** Where `variable` lives in `frame` (memory, register, value, bytes, pieces or an error). */
  locateVariable(variable: Variable, frame: FrameState): LocationResult {
    const loc = variable.location;
    if (loc.kind === 'const') return typeof loc.value === 'bigint' ? { kind: 'value', value: loc.value } : { kind: 'bytes', bytes: loc.value };
    const pc = lookupPc(frame);
    const expr = expressionAt(loc, pc);
    if (!expr) return { kind: 'error', message: 'optimized out' };
    const unit = this.data.forest.byOffset.get(variable.dieOffset)?.unit;
    const needsFrame = expr.some((b) => b === 0x91 || b === 0x9c);
    return evaluateLocation(expr, {
      registers: frame.registers,
      readMemory: frame.readMemory,
      frameBase: needsFrame ? this.frameBaseOf(frame) : undefined,
      cfa: needsFrame ? this.cfaOf(frame) : undefined,
      addressAtIndex: unit ? (index) => addressAtIndex(unit.sections.addr, unit.addrBase, unit.addressSize, index) : undefined,
    });
  }

  /**
   * The caller's registers (rip, rsp, rbp, callee-saved) of a frame at `pc`, from CFI or else
   * the rbp chain; undefined at the outermost frame. Pass return address - 1 for caller frames.
   */
  unwindStep(pc: number, regs: RegisterValues, readMemory: ReadMemory): RegisterValues | undefined {
    return this.data.unwinder.unwindStep(pc, regs, readMemory);
  }

  /** The frames of the stack, innermost first (at most `maxFrames`). */
  unwindStack(regs: RegisterValues, readMemory: ReadMemory, maxFrames = 256): StackFrameRegisters[] {
    return this.data.unwinder.unwindStack(regs, readMemory, maxFrames);
  }

  /** Identity of the innermost function or inlined copy holding `addr` (-1 outside functions). */
  private frameScopeKey(addr: number): number {
    for (const scope of this.scopesAt(addr)) if (scope.kind !== 'block') return scope.dieOffset;
    return -1;
  }
}

function lookupPc(frame: FrameState): number {
  return frame.innermost === false ? frame.pc - 1 : frame.pc;
}

/** The expression describing a location at `pc`, or undefined (optimised out there). */
export function expressionAt(loc: VariableLocation, pc: number): Uint8Array | undefined {
  if (loc.kind === 'expr') return loc.expr;
  if (loc.kind === 'list') return loc.entries.find((e) => pc >= e.low && pc < e.high)?.expr;
  return undefined;
}

function addressAtIndex(section: Uint8Array, base: number, size: number, index: number): bigint | undefined {
  const at = base + index * size;
  if (at + size > section.length) return undefined;
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(section[at + i]);
  return v;
}

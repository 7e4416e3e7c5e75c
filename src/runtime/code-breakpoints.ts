// Source, function and instruction breakpoints: their requests, their placement in every program
// that has code for them (user programs all load at the same addresses, so a placement belongs to
// one program), and the machine addresses they hold.
import type { DebugInfo } from '../debuginfo/debug-info';
import type { AddressBreakpoints } from './address-breakpoints';
import type { BreakpointResult, SourceBreakpointSpec } from './contract';
import { parseHitCondition, type HitCondition } from './hit-condition';
import type { CompiledCondition, InspectorServices } from './inspector-host';
import type { ProgramRegistry } from './program-registry';

/** What a code breakpoint was set on. */
export type CodeBreakpointKind = 'source' | 'function' | 'instruction';

/** Where a breakpoint sits in one program. */
interface Placement {
  addresses: number[];
  /** the compile-time source file and line of the first address, when known */
  file?: string;
  line?: number;
}

/** One breakpoint as requested, with its placements. */
export interface CodeBreakpoint {
  readonly id: number;
  readonly kind: CodeBreakpointKind;
  /** source: local path and requested line; function: name; instruction: address */
  readonly path?: string;
  readonly line?: number;
  readonly functionName?: string;
  readonly address?: number;
  readonly condition?: CompiledCondition;
  readonly hitCondition?: HitCondition;
  readonly logMessage?: string;
  /** why it cannot be verified (bad condition or hit condition, bad address) */
  readonly error?: string;
  hits: number;
  readonly placements: Map<string, Placement>;
}

/** Condition, hit condition and log message of a request. */
interface Options {
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** Placement of instruction breakpoints: every program. */
const ANY_PROGRAM = '*';

/**
 * The address where a function breakpoint goes: the first statement row after the function's
 * entry (the end of the prologue), or its entry when there is none.
 */
export function functionBodyAddress(info: DebugInfo, name: string): number | undefined {
  const fn = info.functionNamed(name);
  if (fn) {
    const body = info.lineRangesOfFunction(fn).find((r) => r.isStmt && r.start > fn.lowPc);
    return body?.start ?? fn.lowPc;
  }
  const sym = info.lookupSymbol(name);
  return sym && sym.kind === 'function' ? sym.address : undefined;
}

/** Every code breakpoint of the run. */
export class CodeBreakpoints {
  private readonly all = new Map<number, CodeBreakpoint>();

  constructor(
    private readonly registry: ProgramRegistry,
    private readonly addresses: AddressBreakpoints,
    private readonly services: () => InspectorServices,
    private readonly newId: () => number,
  ) {}

  /** Replaces the breakpoints of source `path`. */
  setSource(path: string, specs: SourceBreakpointSpec[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'source' && bp.path === path);
    return specs.map((s) => this.add({ id: this.newId(), kind: 'source', path, line: s.line }, s));
  }

  /** Replaces the function breakpoints. */
  setFunctions(specs: ({ name: string } & Options)[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'function');
    return specs.map((s) => this.add({ id: this.newId(), kind: 'function', functionName: s.name }, s));
  }

  /** Replaces the instruction breakpoints. */
  setInstructions(specs: ({ instructionReference: string; offset?: number } & Options)[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'instruction');
    return specs.map((s) => {
      const base = parseAddress(s.instructionReference);
      const address = base === undefined ? undefined : base + (s.offset ?? 0);
      const error = address === undefined || address < 0 ? `instructionReference '${s.instructionReference}' is not an address like 0x401000` : undefined;
      return this.add({ id: this.newId(), kind: 'instruction', address, error }, s);
    });
  }

  /** Places every breakpoint in `program` (just started or exec'd); returns the results that changed. */
  placeIn(program: string): BreakpointResult[] {
    const changed: BreakpointResult[] = [];
    for (const bp of this.all.values()) {
      if (bp.kind === 'instruction' || bp.placements.has(program)) continue;
      const before = JSON.stringify(this.result(bp));
      this.place(bp, program);
      const after = this.result(bp);
      if (JSON.stringify(after) !== before) changed.push(after);
    }
    return changed;
  }

  /** Breakpoints of `program` at `addr` (instruction breakpoints match every program). */
  at(program: string | undefined, addr: number): CodeBreakpoint[] {
    const out: CodeBreakpoint[] = [];
    for (const bp of this.all.values()) {
      const mine = program !== undefined ? bp.placements.get(program) : undefined;
      if (mine?.addresses.includes(addr) || bp.placements.get(ANY_PROGRAM)?.addresses.includes(addr)) out.push(bp);
    }
    return out;
  }

  /** The breakpoint with `id`, or undefined. */
  get(id: number): CodeBreakpoint | undefined {
    return this.all.get(id);
  }

  /** How `bp` resolved, as the adapter reports it. */
  result(bp: CodeBreakpoint): BreakpointResult {
    if (bp.error !== undefined) return { id: bp.id, verified: false, message: bp.error };
    const first = [...bp.placements.values()].find((p) => p.addresses.length > 0);
    if (!first) return { id: bp.id, verified: false, message: this.pendingMessage(bp) };
    const r: BreakpointResult = { id: bp.id, verified: true, instructionReference: `0x${first.addresses[0].toString(16)}` };
    if (first.line !== undefined) r.line = first.line;
    if (bp.kind === 'source' && bp.path !== undefined) r.source = bp.path;
    else if (first.file !== undefined) r.source = this.registry.localSource(first.file);
    return r;
  }

  private pendingMessage(bp: CodeBreakpoint): string {
    if (bp.kind === 'function') return `no function named '${bp.functionName}' in the programs loaded so far`;
    return `no code at or after line ${bp.line} of ${bp.path} in the programs loaded so far`;
  }

  private add(base: { id: number; kind: CodeBreakpointKind; path?: string; line?: number; functionName?: string; address?: number; error?: string }, options: Options): BreakpointResult {
    let error = base.error;
    let condition: CompiledCondition | undefined;
    let hitCondition: HitCondition | undefined;
    try {
      if (error === undefined && options.condition !== undefined && options.condition.trim() !== '') condition = this.services().compileCondition(options.condition);
    } catch (e) {
      error = `condition '${options.condition}': ${e instanceof Error ? e.message : String(e)}`;
    }
    try {
      if (error === undefined && options.hitCondition !== undefined && options.hitCondition.trim() !== '') hitCondition = parseHitCondition(options.hitCondition);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const logMessage = options.logMessage !== undefined && options.logMessage !== '' ? options.logMessage : undefined;
    const bp: CodeBreakpoint = { ...base, error, condition, hitCondition, logMessage, hits: 0, placements: new Map() };
    this.all.set(bp.id, bp);
    if (error === undefined) {
      if (bp.kind === 'instruction' && bp.address !== undefined) this.setPlacement(bp, ANY_PROGRAM, { addresses: [bp.address] });
      else this.placeEverywhere(bp);
    }
    return this.result(bp);
  }

  /** Places `bp` in the programs read so far; when none has code for it, reads the other programs of the disk too. */
  private placeEverywhere(bp: CodeBreakpoint): void {
    for (const program of this.registry.loadedPrograms()) this.place(bp, program);
    if ([...bp.placements.values()].some((p) => p.addresses.length > 0)) return;
    for (const program of this.registry.knownPrograms()) if (!bp.placements.has(program)) this.place(bp, program);
  }

  private place(bp: CodeBreakpoint, program: string): void {
    const info = this.registry.debugInfo(program);
    if (!info) return;
    if (bp.kind === 'source' && bp.path !== undefined && bp.line !== undefined) {
      const compiled = this.registry.compiledSource(bp.path, program);
      const resolved = compiled === undefined ? undefined : info.resolveBreakpointLine(compiled, bp.line);
      this.setPlacement(bp, program, resolved ? { addresses: resolved.addresses, file: resolved.file, line: resolved.line } : { addresses: [] });
    } else if (bp.kind === 'function' && bp.functionName !== undefined) {
      const addr = functionBodyAddress(info, bp.functionName);
      const where = addr === undefined ? undefined : info.linesForAddress(addr);
      this.setPlacement(bp, program, addr === undefined ? { addresses: [] } : { addresses: [addr], file: where?.file, line: where?.line });
    }
  }

  private setPlacement(bp: CodeBreakpoint, program: string, placement: Placement): void {
    bp.placements.set(program, placement);
    for (const a of placement.addresses) this.addresses.acquire(a);
  }

  private removeWhere(test: (bp: CodeBreakpoint) => boolean): void {
    for (const bp of [...this.all.values()]) {
      if (!test(bp)) continue;
      for (const p of bp.placements.values()) for (const a of p.addresses) this.addresses.release(a);
      this.all.delete(bp.id);
    }
  }
}

/** Parses `0x...` or decimal; undefined when it is neither. */
export function parseAddress(text: string): number | undefined {
  const t = text.trim();
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) return undefined;
  const v = Number(BigInt(t));
  return Number.isSafeInteger(v) ? v : undefined;
}

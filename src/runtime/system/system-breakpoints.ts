// Code breakpoints of a booted kernel's run: source lines and functions resolved in kernel.o and in
// the user programs on the disk (a user address stops only in a thread running that program, since
// every process has its code at the same addresses), and raw instruction addresses. Each keeps its
// condition, hit condition and log message; AddressBreakpoints installs the addresses.
import type { AddressBreakpoints } from '../address-breakpoints';
import { functionBodyAddress, parseAddress } from '../code-breakpoints';
import type { BreakpointResult, FrameContext, SourceBreakpointSpec } from '../contract';
import { parseHitCondition, type HitCondition } from '../hit-condition';
import type { CompiledCondition, InspectorServices } from '../inspector-host';
import type { SystemProgram, SystemPrograms } from './system-programs';

/** Condition, hit condition and log message of a request. */
interface Options {
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** Where a breakpoint went in one program. */
interface Placement {
  /** the program's name, or undefined for an instruction breakpoint (any code at the address) */
  program: string | undefined;
  addresses: number[];
  line?: number;
  file?: string;
}

interface SystemBreakpoint {
  id: number;
  kind: 'source' | 'function' | 'instruction';
  placements: Placement[];
  /** the local path of a source breakpoint */
  path?: string;
  error?: string;
  condition?: CompiledCondition;
  hit?: HitCondition;
  hits: number;
  logMessage?: string;
}

/** What a breakpoint stop at an address decided. */
export interface BreakpointVerdict {
  /** ids of the breakpoints that stop here (empty: go on) */
  stop: number[];
  /** log lines of logpoints and of conditions that could not be evaluated */
  messages: string[];
  /** the kind of the first breakpoint that stops */
  kind?: 'source' | 'function' | 'instruction';
}

/** Every code breakpoint of a full-system run. */
export class SystemBreakpoints {
  private readonly all = new Map<number, SystemBreakpoint>();

  constructor(
    private readonly programs: SystemPrograms,
    private readonly addresses: AddressBreakpoints,
    private readonly services: () => InspectorServices,
    private readonly newId: () => number,
  ) {}

  /** Replaces the breakpoints of local source `path`: the nearest line with code at or after each, in every program compiled from it. */
  setSource(path: string, specs: SourceBreakpointSpec[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'source' && bp.path === path);
    return specs.map((s) => {
      const placements: Placement[] = [];
      for (const program of this.programs.all()) {
        const compiled = this.programs.compiledSource(path, program);
        const resolved = compiled === undefined ? undefined : program.info.resolveBreakpointLine(compiled, s.line);
        if (resolved && resolved.addresses.length > 0) placements.push({ program: this.placementName(program), addresses: resolved.addresses, line: resolved.line, file: resolved.file });
      }
      const error = placements.length === 0 ? `no code at or after line ${s.line} of ${path} in the kernel or its user programs` : undefined;
      return this.add({ id: this.newId(), kind: 'source', path, placements, error, hits: 0 }, s);
    });
  }

  /** Replaces the function breakpoints: each at the end of its function's prologue, in the kernel first. */
  setFunctions(specs: ({ name: string } & Options)[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'function');
    return specs.map((s) => {
      const placements: Placement[] = [];
      for (const program of this.programs.all()) {
        const address = functionBodyAddress(program.info, s.name);
        if (address === undefined) continue;
        const where = program.info.linesForAddress(address);
        placements.push({ program: this.placementName(program), addresses: [address], line: where?.line, file: where?.file });
      }
      const error = placements.length === 0 ? `no function named '${s.name}' in the kernel or its user programs` : undefined;
      return this.add({ id: this.newId(), kind: 'function', placements, error, hits: 0 }, s);
    });
  }

  /** Replaces the instruction breakpoints (any code at the address, kernel or user). */
  setInstructions(specs: ({ instructionReference: string; offset?: number } & Options)[]): BreakpointResult[] {
    this.removeWhere((bp) => bp.kind === 'instruction');
    return specs.map((s) => {
      const base = parseAddress(s.instructionReference);
      const address = base === undefined ? undefined : base + (s.offset ?? 0);
      if (address === undefined || address < 0) {
        return this.add({ id: this.newId(), kind: 'instruction', placements: [], error: `instructionReference '${s.instructionReference}' is not an address like 0x8004201000`, hits: 0 }, s);
      }
      return this.add({ id: this.newId(), kind: 'instruction', placements: [{ program: undefined, addresses: [address] }], hits: 0 }, s);
    });
  }

  /**
   * The machine stopped at breakpoint address `addr` with `program` (the kernel, or the thread's
   * user program) running there: counts hits, evaluates conditions in `frame`, formats logpoints.
   */
  decide(addr: number, program: string | undefined, frame: () => FrameContext): BreakpointVerdict {
    const verdict: BreakpointVerdict = { stop: [], messages: [] };
    for (const bp of this.all.values()) {
      if (!bp.placements.some((p) => p.addresses.includes(addr) && (p.program === undefined || p.program === program))) continue;
      if (bp.condition) {
        try {
          if (!this.services().evaluateCondition(bp.condition, frame())) continue;
        } catch (e) {
          verdict.messages.push(`breakpoint condition '${bp.condition.text}' could not be evaluated: ${e instanceof Error ? e.message : String(e)}`);
          verdict.stop.push(bp.id);
          verdict.kind ??= bp.kind;
          continue;
        }
      }
      bp.hits++;
      if (bp.hit && !bp.hit(bp.hits)) continue;
      if (bp.logMessage !== undefined) verdict.messages.push(this.services().formatLogMessage(bp.logMessage, frame()));
      else {
        verdict.stop.push(bp.id);
        verdict.kind ??= bp.kind;
      }
    }
    return verdict;
  }

  /** True when some breakpoint of the user's is at `addr` (a stepper's own breakpoint may share it). */
  has(addr: number): boolean {
    for (const bp of this.all.values()) if (bp.placements.some((p) => p.addresses.includes(addr))) return true;
    return false;
  }

  /** The name placements of `program` carry: undefined for the kernel (its code is in every address space). */
  private placementName(program: SystemProgram): string | undefined {
    return program === this.programs.kernel ? undefined : program.name;
  }

  private add(bp: SystemBreakpoint, options: Options): BreakpointResult {
    try {
      if (options.condition?.trim()) bp.condition = this.services().compileCondition(options.condition);
      if (options.hitCondition?.trim()) bp.hit = parseHitCondition(options.hitCondition);
    } catch (e) {
      bp.error = e instanceof Error ? e.message : String(e);
      bp.placements = [];
    }
    if (options.logMessage !== undefined && options.logMessage !== '') bp.logMessage = options.logMessage;
    this.all.set(bp.id, bp);
    for (const p of bp.placements) for (const a of p.addresses) this.addresses.acquire(a);
    return this.result(bp);
  }

  private removeWhere(test: (bp: SystemBreakpoint) => boolean): void {
    for (const bp of [...this.all.values()]) {
      if (!test(bp)) continue;
      for (const p of bp.placements) for (const a of p.addresses) this.addresses.release(a);
      this.all.delete(bp.id);
    }
  }

  private result(bp: SystemBreakpoint): BreakpointResult {
    if (bp.error !== undefined) return { id: bp.id, verified: false, message: bp.error };
    const first = bp.placements[0];
    const r: BreakpointResult = { id: bp.id, verified: true, instructionReference: `0x${first.addresses[0].toString(16)}` };
    if (first.line !== undefined) r.line = first.line;
    if (bp.kind === 'source' && bp.path !== undefined) r.source = bp.path;
    else if (first.file !== undefined) r.source = this.programs.localSource(first.file);
    return r;
  }
}

// Runs the differential test: probes the host's implementation-specific behaviour, generates
// cases in batches, runs each batch natively (one harness process per batch) and on the
// emulator, compares, and shrinks the first mismatches into reproducers.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import { compareStates } from './compare';
import { Catalog, GeneratedCase, generateCase, makeCatalog } from './generator';
import { buildHarness, runNative } from './native';
import { ADDR32_REP_PROBES, hostWidensLikeEmulator } from './implementation-specific';
import { formatReproducer } from './report';
import { shrink } from './shrink';
import { CODE_ADDR, DiffCase, FinalState, OutcomeKind } from './state';

/** Runs one case on the emulator. Must not throw for guest behaviour; internal errors may throw. */
export type EmulateCase = (c: DiffCase) => FinalState;

/** Options of a differential run. */
export interface DiffOptions {
  readonly table: readonly OpcodeEntry[];
  readonly emulate: EmulateCase;
  readonly seed: number;
  readonly count: number;
  /** cases per harness process (default 5000) */
  readonly batch?: number;
  /** mismatches to shrink and report in full (default 5) */
  readonly maxReports?: number;
  /** compare the flags the SDM leaves undefined too (what this host CPU does with them) */
  readonly strictFlags?: boolean;
  /** called after every batch with the number of cases done */
  readonly progress?: (done: number, mismatches: number) => void;
}

/** What a differential run found. */
export interface DiffSummary {
  readonly count: number;
  readonly mismatches: number;
  /** indices of the mismatching cases (all of them) */
  readonly failing: readonly number[];
  /** full reproducers of the first mismatches, shrunk */
  readonly reports: readonly string[];
  /** how the cases ended natively */
  readonly outcomes: Readonly<Partial<Record<OutcomeKind, number>>>;
  /** the host widens registers of repeated string instructions with 32-bit addressing as the
   *  emulator does, so they were compared exactly (see implementation-specific.ts) */
  readonly addr32RepExact: boolean;
}

/** Runs `c` on the emulator, turning an exception into an 'other' outcome carrying its message. */
function emulateSafely(emulate: EmulateCase, c: DiffCase): FinalState {
  try {
    return emulate(c);
  } catch (err) {
    const where = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' < ') : '';
    const msg = err instanceof Error ? `${err.name}: ${err.message} (${where})` : String(err);
    return { kind: 'other', rip: 0, addr: 0, regs: new Array<bigint>(16).fill(0n), flags: 0, changes: [], error: msg };
  }
}

/** How strictly cases are compared. */
interface Strictness {
  /** compare undefined flags too */
  readonly flags: boolean;
  /** compare the implementation-specific upper register halves too (the host does as the emulator) */
  readonly upper: boolean;
}

/** Compares one case given its native result; returns the differences and what was not compared. */
function check(g: GeneratedCase, native: FinalState, emu: FinalState, strict: Strictness): { diffs: string[]; undef: number; upper: number } {
  const undef = strict.flags ? 0 : g.flags.undefinedAt.get(native.rip - CODE_ADDR) ?? 0;
  const upper = strict.upper ? 0 : g.upperUnspecified;
  return { diffs: compareStates(native, emu, undef, upper), undef, upper };
}

/** Shrinks a mismatching case and formats its reproducer. */
function reproduce(exe: string, emulate: EmulateCase, g: GeneratedCase, seed: number, strict: Strictness): string {
  const fails = (c: GeneratedCase): boolean => {
    const [native] = runNative(exe, [c.diffCase]);
    return check(c, native, emulateSafely(emulate, c.diffCase), strict).diffs.length > 0;
  };
  const small = shrink(g, fails);
  const [native] = runNative(exe, [small.diffCase]);
  const emu = emulateSafely(emulate, small.diffCase);
  const { diffs, undef, upper } = check(small, native, emu, strict);
  const title = `mismatch in case ${g.index} of seed ${seed} (shrunk from ${g.units.length} to ${small.units.length} units; ` +
    `replay: DIFF_SEED=${seed} DIFF_CASE=${g.index})`;
  return formatReproducer(title, small.diffCase, native, emu, diffs, undef, upper);
}

/** Runs ADDR32_REP_PROBES natively: true when the host widens registers as the emulator does. */
function probeAddr32Rep(exe: string): boolean {
  return hostWidensLikeEmulator(runNative(exe, ADDR32_REP_PROBES.map((p) => p.diffCase)));
}

/** Runs the cases [first, first+count) of `seed`; see DiffOptions. */
export function runDiff(opts: DiffOptions, first = 0): DiffSummary {
  const exe = buildHarness();
  const cat: Catalog = makeCatalog(opts.table);
  const batch = opts.batch ?? 5000;
  const maxReports = opts.maxReports ?? 5;
  const failing: number[] = [];
  const reports: string[] = [];
  const outcomes: Partial<Record<OutcomeKind, number>> = {};
  const strict: Strictness = { flags: opts.strictFlags ?? false, upper: probeAddr32Rep(exe) };
  for (let start = first; start < first + opts.count; start += batch) {
    const n = Math.min(batch, first + opts.count - start);
    const cases: GeneratedCase[] = [];
    for (let i = 0; i < n; i++) cases.push(generateCase(cat, opts.seed, start + i));
    const natives = runNative(exe, cases.map((g) => g.diffCase));
    for (let i = 0; i < n; i++) {
      const native = natives[i];
      outcomes[native.kind] = (outcomes[native.kind] ?? 0) + 1;
      const emu = emulateSafely(opts.emulate, cases[i].diffCase);
      if (check(cases[i], native, emu, strict).diffs.length === 0) continue;
      failing.push(cases[i].index);
      if (reports.length < maxReports) reports.push(reproduce(exe, opts.emulate, cases[i], opts.seed, strict));
    }
    opts.progress?.(start + n - first, failing.length);
  }
  return { count: opts.count, mismatches: failing.length, failing, reports, outcomes, addr32RepExact: strict.upper };
}

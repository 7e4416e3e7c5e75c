// Random test cases from the opcode table: a sequence of 1..8 units (see units.ts) on a random
// register, flag and memory state. Case `index` of run `seed` is always the same case.
import type { OpcodeEntry } from '../../src/emu/isa/opcode-entry';
import { cmpRegs } from './encode';
import { formsKnown } from './instance';
import { RSP_HI, RSP_LO } from './memory-operand';
import { Rng } from './random';
import { Assembled, FlagAnalysis, Unit, analyzeFlags, assemble } from './sequence';
import { DATA_ADDR, DATA_SIZE, DiffCase, Patch } from './state';
import { UnitContext, branchUnit, callUnit, indirectJumpUnit, plainUnit, stackUnit, stringUnit, trapUnit } from './units';

/** Mnemonics never generated: they stop the machine, depend on the host, or need privileges. */
const EXCLUDED = new Set([
  'syscall', 'sysenter', 'int', 'int1', 'int3', 'into', 'iret', 'iretq', 'hlt', 'ud0', 'ud1',
  'cpuid', 'rdtsc', 'rdtscp', 'rdpid', 'rdrand', 'rdseed', 'xgetbv', 'enter',
  'cmpxchg8b', 'cmpxchg16b', 'in', 'out', 'ins', 'outs', 'cli', 'sti', 'wait', 'fwait',
]);
const STACK = new Set(['push', 'pop', 'pushf', 'pushfq', 'popf', 'popfq', 'leave']);

/** The table entries sorted into the kinds of unit they make. */
export interface Catalog {
  readonly plain: readonly OpcodeEntry[];
  readonly plainWeights: readonly number[];
  readonly branches: readonly OpcodeEntry[];
  readonly calls: readonly OpcodeEntry[];
  readonly rets: readonly OpcodeEntry[];
  readonly jumps: readonly OpcodeEntry[];
  readonly stack: readonly OpcodeEntry[];
  readonly strings: readonly OpcodeEntry[];
  /** instructions that always fault (ud2) */
  readonly traps: readonly OpcodeEntry[];
}

/** Sorts the opcode table into a catalog, leaving out what cannot run in a test sequence. */
export function makeCatalog(table: readonly OpcodeEntry[]): Catalog {
  const c = { plain: [], plainWeights: [], branches: [], calls: [], rets: [], jumps: [], stack: [], strings: [], traps: [] } as {
    [K in keyof Catalog]: OpcodeEntry[] | number[];
  };
  const add = (k: keyof Catalog, e: OpcodeEntry): void => void (c[k] as OpcodeEntry[]).push(e);
  for (const e of table) {
    const flow = e.flow ?? 'none';
    if (EXCLUDED.has(e.mnemonic) || !formsKnown(e) || e.prefix === '66') continue;
    if (flow === 'syscall' || flow === 'int' || flow === 'halt' || flow === 'system' || flow === 'loop' || e.legacy32 === true) continue;
    const rel = e.operands.includes('rel8') || e.operands.includes('rel32');
    if (flow === 'trap') add('traps', e);
    else if (flow === 'call') add('calls', e);
    else if (flow === 'ret') add('rets', e);
    else if (flow === 'branch') { if (rel) add('branches', e); }
    else if (flow === 'jump') add(rel ? 'branches' : 'jumps', e);
    else if (STACK.has(e.mnemonic)) add('stack', e);
    else if (e.operands.includes('Xs') || e.operands.includes('Yd')) add('strings', e);
    else {
      add('plain', e);
      const m = e.mnemonic;
      (c.plainWeights as number[]).push(m.startsWith('cmov') || m.startsWith('set') ? 0.25 : 1);
    }
  }
  return c as unknown as Catalog;
}

/** Picks an index with probability proportional to its weight. */
function weighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = (rng.u32() / 0x1_0000_0000) * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Generates unit `ctx.id`, or undefined when the pick could not be instantiated (try again). */
function genUnit(cat: Catalog, ctx: UnitContext): Unit['insns'] | undefined {
  const { rng } = ctx;
  const r = rng.int(100);
  if (r < 8 && cat.branches.length > 0) return branchUnit(ctx, rng.pick(cat.branches));
  if (r < 12 && cat.calls.length > 0 && cat.rets.length > 0) return callUnit(ctx, rng.pick(cat.calls), cat.rets, cat.plain);
  if (r < 14 && cat.jumps.length > 0) return indirectJumpUnit(ctx, rng.pick(cat.jumps));
  if (r < 24 && cat.stack.length > 0) return stackUnit(ctx, rng.pick(cat.stack));
  if (r < 30 && cat.strings.length > 0) return stringUnit(ctx, rng.pick(cat.strings));
  if (r < 31 && cat.traps.length > 0 && rng.chance(0.3)) return trapUnit(ctx, rng.pick(cat.traps));
  return plainUnit(ctx, cat.plain[weighted(rng, cat.plainWeights)]);
}

/** The machine state a case starts from (everything but the code). */
export interface InitialState {
  readonly regs: readonly bigint[];
  readonly flags: number;
  readonly seed: number;
  readonly patches: readonly Patch[];
}

/** A generated case with what built it, so it can be rebuilt after dropping units. */
export interface GeneratedCase {
  readonly index: number;
  readonly units: readonly Unit[];
  readonly init: InitialState;
  readonly diffCase: DiffCase;
  readonly asm: Assembled;
  readonly flags: FlagAnalysis;
  /** registers whose bits 63:32 the implementation may choose at the end (see
   *  implementation-specific.ts): bit n = register n */
  readonly upperUnspecified: number;
}

/** Random initial state: edge-biased registers, rsp in the stack zone, random flags and memory. */
function genInitial(rng: Rng): InitialState {
  const regs: bigint[] = [];
  for (let i = 0; i < 16; i++) regs.push(rng.interesting());
  let rsp = RSP_LO + rng.int(RSP_HI - RSP_LO);
  if (rng.chance(0.85)) rsp &= ~7;
  regs[4] = BigInt(DATA_ADDR + rsp);
  const patches: Patch[] = [];
  const n = rng.int(9);
  for (let i = 0; i < n; i++) {
    const at = rng.int(DATA_SIZE - 7);
    patches.push({ offset: rng.chance(0.7) ? at & ~7 : at, value: rng.interesting() });
  }
  return { regs, flags: rng.u32() & 0xcd5, seed: rng.u32(), patches };
}

/**
 * Assembles units on an initial state into a case and analyzes its flags. Returns undefined when
 * the units do not assemble (a short branch out of range).
 */
export function buildCase(index: number, units: readonly Unit[], init: InitialState): GeneratedCase | undefined {
  let asm: Assembled;
  try {
    asm = assemble(units);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
  const flags = analyzeFlags(asm);
  const diffCase: DiffCase = { code: asm.code, regs: init.regs, flags: init.flags, seed: init.seed, patches: init.patches };
  return { index, units, init, diffCase, asm, flags, upperUnspecified: upperUnspecifiedAtEnd(asm) };
}

/**
 * The registers whose bits 63:32 are implementation-specific at the end of the code. Only the
 * last instruction may leave such bits (nothing runs after it to read them); throws otherwise.
 */
function upperUnspecifiedAtEnd(asm: Assembled): number {
  const n = asm.layout.length;
  asm.layout.forEach((l, i) => {
    if (i < n - 1 && (l.insn.upperUnspecified ?? 0) !== 0) throw new Error(`${l.insn.text}: implementation-specific registers before the end`);
  });
  return n === 0 ? 0 : asm.layout[n - 1].insn.upperUnspecified ?? 0;
}

/** Inserts a flag-defining compare before the instruction at `offset` (in whichever unit holds it). */
function defineFlagsBefore(rng: Rng, units: Unit[], asm: Assembled, offset: number): void {
  const insn = asm.layout.find((l) => l.offset === offset)?.insn;
  const ui = units.findIndex((u) => insn !== undefined && u.insns.includes(insn));
  if (ui < 0 || insn === undefined) throw new Error(`no instruction at offset ${offset}`);
  const insns = [...units[ui].insns];
  insns.splice(insns.indexOf(insn), 0, cmpRegs(rng.int(16), rng.int(16)));
  units[ui] = { id: units[ui].id, insns };
}

/**
 * Generates case `index` of the run seeded `seed`: 1..8 units on a random state, such that no
 * instruction reads a flag left undefined on any path to it. Deterministic in (seed, index).
 */
export function generateCase(cat: Catalog, seed: number, index: number): GeneratedCase {
  const rng = new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  for (let attempt = 0; ; attempt++) {
    if (attempt > 100) throw new Error(`cannot generate case ${index}`);
    const init = genInitial(rng);
    const count = 1 + rng.int(8);
    const units: Unit[] = [];
    const ctx: UnitContext = { rng, id: 0, rsp: Number(init.regs[4]) - DATA_ADDR, last: false };
    while (units.length < count) {
      ctx.id = units.length;
      ctx.last = ctx.id === count - 1;
      const saved = ctx.rsp;
      const insns = genUnit(cat, ctx);
      if (insns && insns.length > 0) units.push({ id: ctx.id, insns });
      else ctx.rsp = saved;
    }
    let built = buildCase(index, units, init);
    for (let fix = 0; built && built.flags.readsUndefined && built.flags.badOffset >= 0 && fix < 12; fix++) {
      defineFlagsBefore(rng, units, built.asm, built.flags.badOffset);
      built = buildCase(index, units, init);
    }
    if (built && !built.flags.readsUndefined && built.diffCase.code.length <= 2000) return built;
  }
}

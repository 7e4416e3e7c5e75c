// The compiled tier: turns a hot decoded block into one JavaScript function with every operand
// field built in, TLB hits inline, flags recorded only where someone may read them, and a
// compare followed by a conditional jump tested directly. Instructions no emitter handles call
// their interpreter handler, so every block compiles.
//
// Contract of a compiled block function `f(budget)` (budget >= the block's length): it runs the
// block's instructions in order and returns how many instructions completed. That is the block's
// length, or a multiple of it when the block jumps back to its own start (it then runs again
// while another whole pass fits in `budget`), plus the instructions of a partial pass when a
// slow-path access wrote decoded code or hit a watch (the caller resumes at the next one:
// insns[done % length]). The caller sets `cpu.rip` to the block's fall-through address before
// calling; branches overwrite it. When an instruction faults it has changed nothing (a repeated
// string instruction keeps what its interpreter handler did: the elements completed and, with
// 32-bit addressing, its registers written as 32-bit ones); the function
// stores the count of instructions completed before it in `cpu.blockFault` and rethrows (the
// faulting one is insns[blockFault % length]), every earlier instruction having completed
// (registers, flags and memory exact).
import type { CpuState } from '../cpu/cpu-state';
import type { Insn } from '../decoder/insn';
import type { MemoryBus } from '../memory/contract';
import { STATUS_FLAGS } from '../isa/operand-forms';
import { BlockSource, NotCompilable } from './block-source';
import { BLOCK_RUNTIME, BLOCK_RUNTIME_NAMES } from './block-runtime';
import { planAlu } from './emit-alu';
import { planControl } from './emit-control';
import { planMove } from './emit-move';
import { planShift } from './emit-shift';
import type { Plan, Planner } from './plan';

/** A compiled block: returns the number of instructions it completed (see file comment). */
export type CompiledBlock = (budget: number) => number;

const PLANNERS: readonly Planner[] = [planMove, planAlu, planControl, planShift];

/** Calls the instruction's interpreter handler. */
const FALLBACK: Plan = {
  reads: STATUS_FLAGS,
  writes: 0,
  mayFault: true,
  emit(src) {
    const i = src.index;
    src.mayFault();
    src.calledOut();
    src.emit(`x = 1; handler${i}(cpu, insn${i});`);
  },
};

/** The plan of the compiled tier's emitters for `insn` (the interpreter handler when none compiles it). */
export function planFor(insn: Insn): Plan {
  for (const p of PLANNERS) {
    const plan = p(insn);
    if (plan !== undefined) return plan;
  }
  return FALLBACK;
}

/** True when `plan` is the fallback to the interpreter's handler (planFor had no plan). */
export function isFallbackPlan(plan: Plan): boolean {
  return plan === FALLBACK;
}

/**
 * For each instruction, the status flags it writes that may be read later: by a later
 * instruction, by the block's successor, or after an instruction that may fault or end the block
 * (there the flags must be exact).
 */
export function liveFlagsOut(plans: readonly Plan[]): number[] {
  const out = new Array<number>(plans.length);
  let live = STATUS_FLAGS;
  for (let i = plans.length - 1; i >= 0; i--) {
    const p = plans[i];
    const touched = p.writes | (p.mayWrite ?? 0);
    if (p.mayFault) {
      out[i] = touched;
      live = STATUS_FLAGS;
    } else {
      out[i] = live & touched;
      live = (live & ~p.writes) | p.reads;
    }
  }
  return out;
}

/** Emits one instruction with its plan; falls back to the handler if the emitter gives up. */
function emitInsn(src: BlockSource, plan: Plan, insn: Insn, index: number, live: number, last: boolean): boolean {
  src.begin(index);
  src.liveOut = live;
  if ((plan.writes | (plan.mayWrite ?? 0)) !== 0 || plan === FALLBACK) src.known = undefined;
  plan.emit(src, insn);
  src.end(last);
  return plan === FALLBACK;
}

/** True when the block ends with a direct jump or conditional branch to its own first instruction. */
function jumpsToItself(insns: readonly Insn[]): boolean {
  const last = insns[insns.length - 1];
  const flow = last.entry.flow;
  return (flow === 'branch' || flow === 'jump') && last.entry.operands[0] !== 'r/m' && last.target === insns[0].addr;
}

/**
 * Compiles `insns` (one decoded block) for `cpu` and its memory bus. With `mayLoop` (no
 * breakpoint at the block's start) a block that jumps to its own start loops inside the function.
 * Pure code generation: no guest state is read or changed.
 */
export function compileBlock(cpu: CpuState, mem: MemoryBus, insns: readonly Insn[], mayLoop: boolean): CompiledBlock {
  const plans = insns.map(planFor);
  const live = liveFlagsOut(plans);
  const src = new BlockSource(mem.tlb === undefined ? -1 : mem.tlb.bits);
  const fallbacks: number[] = [];
  insns.forEach((insn, i) => {
    const last = i === insns.length - 1;
    const mark = src.mark();
    try {
      if (emitInsn(src, plans[i], insn, i, live[i], last)) fallbacks.push(i);
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      src.truncate(mark);
      emitInsn(src, FALLBACK, insn, i, live[i], last);
      fallbacks.push(i);
    }
  });
  const bind = [
    'const r = cpu.r32, si = cpu.s32, q = cpu.r64, sq = cpu.s64, w = cpu.r16, b8 = cpu.r8;',
    'const ram = mem.ram, view = mem.view;',
    `const tags = mem.tlb === undefined ? undefined : mem.tlb.tags, frames = mem.tlb === undefined ? undefined : mem.tlb.frames;`,
    `const { ${BLOCK_RUNTIME_NAMES.join(', ')} } = rt;`,
    ...fallbacks.map((i) => `const handler${i} = insns[${i}].exec, insn${i} = insns[${i}];`),
  ];
  const n = insns.length;
  const loop = mayLoop && jumpsToItself(insns);
  const end = insns[n - 1].next;
  const body = [
    ...bind,
    `return function block_${insns[0].addr.toString(16)}(budget) {`,
    'let k = 0, x = 0, done = 0;',
    'try {',
    ...(loop ? ['for (;;) {'] : []),
    src.text(),
    ...(loop ? [`done += ${n};`, `if (cpu.rip !== ${insns[0].addr} || done + ${n} > budget) return done;`, `cpu.rip = ${end}; x = 0;`, '}'] : []),
    '} catch (e) { cpu.blockFault = done + k; throw e; }',
    `return ${n};`,
    '};',
  ].join('\n');
  const factory = new Function('cpu', 'mem', 'rt', 'insns', body) as (
    cpu: CpuState, mem: MemoryBus, rt: typeof BLOCK_RUNTIME, insns: readonly Insn[]) => CompiledBlock;
  return factory(cpu, mem, BLOCK_RUNTIME, insns);
}

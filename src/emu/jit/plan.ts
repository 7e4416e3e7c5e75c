// What the block compiler knows about one instruction before emitting it: which status flags it
// reads and replaces (for flag liveness), whether it may fault, and how to emit it.
import type { Insn } from '../decoder/insn';
import type { BlockSource } from './block-source';

/** How one instruction is compiled. */
export interface Plan {
  /** status flags the instruction reads */
  readonly reads: number;
  /** status flags the instruction always replaces (flags it leaves alone are not listed) */
  readonly writes: number;
  /** status flags it replaces only sometimes (a rotate by a CL count of 0 changes none) */
  readonly mayWrite?: number;
  /** the instruction may fault or call out to code that may end the block early */
  readonly mayFault: boolean;
  /** emits the instruction; `src.liveOut` tells which of its flags someone may read */
  emit(src: BlockSource, insn: Insn): void;
}

/** Returns the plan for an instruction, or undefined when this planner does not compile it. */
export type Planner = (insn: Insn) => Plan | undefined;

/** A plan for an instruction with no flag effects. */
export function plainPlan(mayFault: boolean, emit: (src: BlockSource, insn: Insn) => void): Plan {
  return { reads: 0, writes: 0, mayFault, emit };
}

// Points in a run's history. The machine is deterministic, so a point is named by counts:
// instructions retired and kernel events emitted so far, and, for a stop between instructions, the
// process about to run and how many instructions it has retired (what a replay aims for).

/** Where the machine stands at a stop. */
export interface StopPosition {
  /** instructions retired by the whole machine */
  retired: number;
  /** kernel events emitted so far */
  seq: number;
  /** the process the stop concerns */
  pid: number;
  /** instructions that process has retired */
  userInstructions: number;
  /** the stop is at kernel event `seq` (inside the kernel's work), not between two instructions */
  atEvent: boolean;
}

/** A place a replay can stop at exactly. */
export type TravelTarget =
  /** when kernel event `seq` is emitted */
  | { kind: 'event'; seq: number; retired: number }
  /** when process `pid` has retired `userInstructions` and is about to run its next instruction */
  | { kind: 'instruction'; pid: number; userInstructions: number; retired: number; seq: number };

/** The target that brings the machine back to `p`. */
export function targetOf(p: StopPosition): TravelTarget {
  return p.atEvent ? { kind: 'event', seq: p.seq, retired: p.retired } : { kind: 'instruction', pid: p.pid, userInstructions: p.userInstructions, retired: p.retired, seq: p.seq };
}

/** Orders positions in time: by instructions, then events, an event before the instruction stop that follows it. */
export function comparePositions(a: Pick<StopPosition, 'retired' | 'seq' | 'atEvent'>, b: Pick<StopPosition, 'retired' | 'seq' | 'atEvent'>): number {
  if (a.retired !== b.retired) return a.retired - b.retired;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return (a.atEvent ? 0 : 1) - (b.atEvent ? 0 : 1);
}

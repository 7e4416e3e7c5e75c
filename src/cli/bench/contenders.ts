// The contenders on one workload: the Linux build natively and under qemu-x86_64 (whole process),
// and our two engines, each warm (in this process, after a warm-up) and cold (a fresh process).
import { emulate, OUR_ENGINES, type OurEngine } from './emulate';
import { coldRun } from './cold-run';
import { timeProcess } from './processes';
import { ranCorrectly, type Workload } from './workloads';

/** One timed run. */
export interface Sample {
  seconds: number;
  /** the run printed what a correct run prints and exited cleanly */
  ok: boolean;
  /** retired instructions, when the engine counts them (ours) */
  retired?: number;
  /** evictions, swap-outs and swap-ins, from our kernel's statistics */
  vmEvents?: { evictions: number; swapOuts: number; swapIns: number };
}

/** Which engine a contender runs on. */
export type EngineName = 'native' | 'qemu' | OurEngine;

/** One thing to time: an engine in one mode. */
export interface Contender {
  engine: EngineName;
  /** warm: in this process after a warm-up run (ours only); cold: a whole process */
  mode: 'warm' | 'cold';
  run(): Sample;
}

/** Where the contenders come from. */
export interface ContenderContext {
  /** dist/bench.js, started again for cold runs of ours */
  benchScript: string;
  /** qemu-x86_64 to run Linux builds with, when available */
  qemu?: string;
}

/** A Linux run of `w`'s Linux build through `command` (the build itself, or qemu with it). */
function linuxRun(w: Workload, command: string, args: string[]): Sample {
  const p = timeProcess(command, args);
  return { seconds: p.seconds, ok: p.status === 0 && p.stdout.includes(w.expect) };
}

/**
 * The contenders for `w`, in the order a round runs them: native and qemu (when `w` has a Linux
 * build and qemu is there), then each engine of ours warm and cold.
 */
export function contenders(w: Workload, context: ContenderContext): Contender[] {
  const list: Contender[] = [];
  const linux = w.linux;
  if (linux !== undefined) {
    list.push({ engine: 'native', mode: 'cold', run: () => linuxRun(w, linux, w.args) });
    const qemu = context.qemu;
    if (qemu !== undefined) list.push({ engine: 'qemu', mode: 'cold', run: () => linuxRun(w, qemu, [linux, ...w.args]) });
  }
  for (const engine of OUR_ENGINES) {
    list.push({
      engine,
      mode: 'warm',
      run: () => {
        const r = emulate(w, engine);
        return { seconds: r.seconds, ok: ranCorrectly(w, r.transcript), retired: r.retired, vmEvents: r.vmEvents };
      },
    });
    list.push({ engine, mode: 'cold', run: () => coldRun(context.benchScript, w, engine) });
  }
  return list;
}

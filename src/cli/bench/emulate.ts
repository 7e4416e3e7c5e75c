// One run of a workload on our machine, in this process: boot, run to the end, power off. What a
// warm figure times (the run alone, not the boot), and what a cold child process does once.
import type { MachineOptions } from '../../emu/machine';
import { bootMachine, defaultKernelConfig } from '../boot';
import type { Workload } from './workloads';

/** Our engines: the default (interpreter, hot blocks compiled to WebAssembly), hot blocks compiled to
 *  JavaScript functions instead, and the interpreter alone. */
export type OurEngine = 'compiled' | 'javascript' | 'interpreter';

/** Every engine of ours, in the order a round runs them. */
export const OUR_ENGINES: readonly OurEngine[] = ['compiled', 'javascript', 'interpreter'];

/** What one run of ours yields. */
export interface EmulatedRun {
  /** retired guest instructions (exact) */
  retired: number;
  /** host seconds from the first instruction to the end of the run (boot excluded) */
  seconds: number;
  /** evictions, swap-outs and swap-ins of the whole run */
  vmEvents: { evictions: number; swapOuts: number; swapIns: number };
  /** the console transcript */
  transcript: string;
}

/** The machine options of `engine`. */
export function engineOptions(engine: OurEngine): MachineOptions {
  if (engine === 'interpreter') return { compileAfter: Infinity };
  return engine === 'javascript' ? { engine: 'js' } : {};
}

/** The kernel command line `pintos -- -q -f put NAME run 'NAME ARGS'` of workload `w`. */
export function commandLine(w: Workload): string {
  return [w.guest, ...w.args].join(' ');
}

/**
 * Boots our kernel with workload `w`, runs it to the end on `engine` and powers off. Throws when a
 * Pintos build is missing (UserError from bootMachine); a run that ends otherwise than by finishing
 * (no deadline is set, so only an internal stop) shows in the transcript, which the caller checks.
 */
export function emulate(w: Workload, engine: OurEngine): EmulatedRun {
  const config = { ...defaultKernelConfig(), memoryMB: w.memoryMB ?? 20, swapDiskUnits: w.swapDiskUnits ?? 4 };
  const cmdline = commandLine(w);
  const { kernel, machine } = bootMachine(config, [{ host: w.pintos, guest: w.guest }], cmdline, `-q -f put ${w.guest} run '${cmdline}'`, engineOptions(engine));
  const start = process.hrtime.bigint();
  let stop;
  do stop = kernel.run(Number.POSITIVE_INFINITY);
  while (stop.kind === 'budget' || stop.kind === 'event');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const total = kernel.vm.stats().total;
  kernel.powerOff();
  return {
    retired: machine.retired,
    seconds,
    vmEvents: { evictions: total.pagesEvicted, swapOuts: total.swapOuts, swapIns: total.swapIns },
    transcript: kernel.console.text,
  };
}

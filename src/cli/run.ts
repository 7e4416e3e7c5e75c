// Runs one Pintos command line to completion the way `pintos` does: boot, run, transcript on
// stdout, files fetched back, optional event trace and statistics.
import { constants, writeFileSync } from 'node:fs';
import type { KernelEvent } from '../kernel/events';
import { ticksForSeconds } from '../kernel/threads/timer';
import { parseElf } from '../kernel/userprog/elf';
import { splitCommandLine } from '../kernel/userprog/loader';
import { writablePathInside } from '../runtime/workspace-path';
import { bootMachine, defaultKernelConfig, readHostFile, UserError } from './boot';
import type { CliOptions } from './options';
import { formatStats } from './stats';
import { TraceFile } from './trace-file';

/** Result of a run: the exit status for the CLI, and a message for stderr when the run failed. */
export interface RunOutcome {
  status: number;
  error?: string;
}

/** What a caller may observe of a run's progress. */
export interface RunHooks {
  /** called once the machine is booted and the first guest instruction is about to run */
  beforeGuestRuns?: () => void;
  /** notes about the run that are not part of the Pintos transcript (an instruction the emulator does not run) */
  note?: (text: string) => void;
  /** called between slices of the run (every SLICE_INSTRUCTIONS retired instructions), e.g. to write gathered output */
  betweenSlices?: () => void;
}

/**
 * The run goes in slices of this many retired instructions, so the caller gets control now and
 * then during a long run (slicing changes nothing the guest can see: the kernel's run resumes
 * exactly where the budget stopped it).
 */
const SLICE_INSTRUCTIONS = 20_000_000;

/** Runs `options` (already validated). Output goes to `out`; throws UserError for things the user must fix. */
export function runPintos(options: CliOptions, out: (text: string) => void, stdin: Uint8Array, hooks: RunHooks = {}): RunOutcome {
  const config = {
    ...defaultKernelConfig(),
    memoryMB: options.memoryMB,
    swapDiskUnits: options.swapDiskUnits,
    evictionPolicy: options.evictionPolicy,
    seed: options.seed,
    checkInvariants: options.checkInvariants,
    stdin,
    tickLimit: options.timeoutSeconds === undefined ? undefined : ticksForSeconds(options.timeoutSeconds),
  };
  if (options.fsDiskMB !== undefined) config.fsDiskSectors = Math.max(64, Math.round(options.fsDiskMB * 2016));
  const tracePath = options.trace === undefined ? undefined : traceFile(options.trace);
  const cmdline = options.kernel.run ?? '';
  const { kernel } = bootMachine(config, options.puts, cmdline, kernelArgs(options));
  kernel.console.onOutput(out);
  out(kernel.console.text);
  kernel.events.listen((e) => {
    if (e.kind === 'exit' && e.reason?.startsWith('instruction not emulated')) hooks.note?.(`pintos-vm: ${e.reason}\n`);
  });
  const trace = tracePath === undefined ? undefined : openTrace(tracePath);
  if (trace !== undefined) {
    const writeEvent = (e: KernelEvent) => trace.write(e);
    kernel.events.recent().forEach(writeEvent);
    kernel.events.listen(writeEvent);
  }
  let stop;
  hooks.beforeGuestRuns?.();
  try {
    for (;;) {
      stop = kernel.run(SLICE_INSTRUCTIONS);
      if (stop.kind === 'finished' || stop.kind === 'timeout') break;
      hooks.betweenSlices?.();
    }
  } finally {
    trace?.close();
  }
  if (stop.kind === 'timeout') {
    out(`\nTIMEOUT after ${options.timeoutSeconds} seconds of guest time\n`);
    return { status: 1 };
  }
  kernel.powerOff();
  for (const g of options.gets) {
    const content = kernel.fs.getFile(g.guest);
    if (!content) out(`pintos-vm: cannot get '${g.guest}': no such file on the Pintos disk\n`);
    else writeFileSync(g.host, content);
  }
  if (options.stats) out(formatStats(kernel));
  if (kernel.finished?.kind === 'finished' && kernel.finished.how === 'load-failed') {
    return { status: 1, error: loadFailureReason(options) };
  }
  if (options.checkInvariants) {
    const leaks = kernel.leakReport();
    for (const leak of leaks) out(`LEAK: ${leak}\n`);
    if (leaks.length > 0) return { status: 1 };
  }
  return { status: 0 };
}

/**
 * Where `--trace FILE` may write: inside the current directory (symbolic links resolved on the
 * directories), never through a link at the file itself. Throws UserError otherwise.
 */
function traceFile(file: string): string {
  const where = writablePathInside(process.cwd(), file);
  if ('problem' in where) throw new UserError(`--trace: ${where.problem.replace("the launch's cwd", 'the current directory')}`);
  return where.path;
}

/** Opens (truncating) the trace file at `file`, refusing a symbolic link put there meanwhile. */
function openTrace(file: string): TraceFile {
  try {
    return new TraceFile(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW);
  } catch (e) {
    throw new UserError(`--trace: cannot write ${file} (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Why the program of `run` could not be loaded, naming the file to fix. */
function loadFailureReason(options: CliOptions): string {
  const name = splitCommandLine(options.kernel.run ?? '')[0] ?? '';
  const put = options.puts.find((p) => p.guest === name);
  if (!put) return `'${name}' is not on the Pintos disk: add -p HOST:${name}`;
  const parsed = parseElf(readHostFile(put.host));
  return parsed.ok ? `${put.host}: the kernel could not load it` : `${put.host} is not a Pintos executable: ${parsed.reason}`;
}

/** The kernel command line as Pintos echoes it. */
function kernelArgs(options: CliOptions): string {
  const parts: string[] = [];
  if (options.kernel.powerOff) parts.push('-q');
  if (options.kernel.format) parts.push('-f');
  for (const p of options.puts) parts.push('put', p.guest);
  if (options.kernel.run !== undefined) parts.push('run', `'${options.kernel.run}'`);
  return parts.join(' ');
}

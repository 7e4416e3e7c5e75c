// Runs one of our user programs through the real kernel for the guest-time tests: in process,
// handing back the kernel to look at its clock, or through pintos-vm for the whole transcript.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { bootMachine, defaultKernelConfig } from '../../src/cli/boot';
import type { Kernel, KernelStop } from '../../src/kernel/kernel';

const root = path.resolve(__dirname, '..', '..');
const build = path.join(root, 'userprogs', 'build');
const cli = process.env.PINTOS_VM_CLI ? path.resolve(process.env.PINTOS_VM_CLI) : path.join(root, 'dist', 'cli.js');

/** A program run: its command line, the files it needs on the disk, and the machine's size. */
export interface GuestProgram {
  /** the command line; its first word is the program, put on the disk from `host` */
  cmdline: string;
  /** host path of the program, relative to userprogs/build */
  host: string;
  /** more files for the disk: paths relative to userprogs/build, put under their base names */
  extra?: string[];
  memoryMB?: number;
  swapDiskUnits?: number;
}

/** Programs the guest-time tests use, from userprogs/ (built by `buildUserprogsFirst`). */
export const PROGRAMS = {
  hello: { cmdline: 'hello a b', host: 'hello' },
  bench: { cmdline: 'bench', host: 'bench' },
  forkBomb: { cmdline: 'fork-bomb', host: 'tests/fork-bomb' },
  mergeSort: { cmdline: 'merge-sort', host: 'merge-sort', extra: ['sort-chunk'] },
  swapAnon: { cmdline: 'swap-anon', host: 'tests/vm/swap-anon', memoryMB: 10, swapDiskUnits: 30 },
  swapFork: { cmdline: 'swap-fork', host: 'tests/vm/swap-fork', memoryMB: 2, swapDiskUnits: 8 },
} satisfies Record<string, GuestProgram>;

/** Registers a mocha `before` hook of the current suite that builds the user programs (a no-op when they are up to date). */
export function buildUserprogsFirst(): void {
  before(function () {
    this.timeout(300000);
    execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'all', 'tests', 'vm-tests'], { stdio: 'pipe' });
  });
}

/** The files of `program` on the Pintos disk: host paths and guest names. */
function diskFiles(program: GuestProgram): { host: string; guest: string }[] {
  const first = program.cmdline.split(' ')[0];
  return [program.host, ...(program.extra ?? [])].map((h, i) => ({ host: path.join(build, h), guest: i === 0 ? first : path.basename(h) }));
}

/** Runs `pintos-vm` (dist/cli.js, or $PINTOS_VM_CLI) on `program` with `options` before the kernel's; its status and stdout. */
export function runCli(program: GuestProgram, options: string[] = []): { status: number | null; stdout: string } {
  const machine = [...(program.memoryMB ? ['-m', String(program.memoryMB)] : []), ...(program.swapDiskUnits ? [`--swap-disk=${program.swapDiskUnits}`] : [])];
  const puts = diskFiles(program).flatMap((f) => ['-p', `${f.host}:${f.guest}`]);
  const r = spawnSync(process.execPath, [cli, ...machine, ...options, ...puts, '--', '-q', '-f', 'run', program.cmdline], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout };
}

/** A booted machine for `program`, with the clock stopping at `tickLimit` if given. */
export function bootProgram(program: GuestProgram, tickLimit?: number): Kernel {
  const config = {
    ...defaultKernelConfig(),
    memoryMB: program.memoryMB ?? 20,
    swapDiskUnits: program.swapDiskUnits ?? 4,
    ...(tickLimit === undefined ? {} : { tickLimit }),
  };
  return bootMachine(config, diskFiles(program), program.cmdline, `-q -f run '${program.cmdline}'`).kernel;
}

/** Runs `kernel` until it finishes or times out; returns that stop. */
export function runToStop(kernel: Kernel): KernelStop {
  for (;;) {
    const stop = kernel.run(Number.POSITIVE_INFINITY);
    if (stop.kind === 'finished' || stop.kind === 'timeout') return stop;
  }
}

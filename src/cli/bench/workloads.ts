// The workloads `npm run bench` measures: the bench sample at -O0 and -O2, a short run (mix, one
// round), and a kernel-heavy one (swap-anon in 10 MiB with swap), each with the Pintos build our
// machine runs and, where one exists, the Linux build native and qemu-x86_64 run.
import * as path from 'node:path';

/** One program to run on every engine that can run it. */
export interface Workload {
  /** short name, also the key of a cold run (`dist/bench.js --run NAME ENGINE`) */
  key: string;
  /** what the printout calls it */
  label: string;
  /** the Pintos build (x86-64 ELF for our kernel) */
  pintos: string;
  /** the Linux build of the same source, if there is one */
  linux?: string;
  /** the program's name on the Pintos disk and in its command line */
  guest: string;
  /** its arguments */
  args: string[];
  /** guest RAM and swap (the defaults are `-m 20`, 4 swap units) */
  memoryMB?: number;
  swapDiskUnits?: number;
  /** a line every correct run prints (besides `NAME: exit(0)`) */
  expect: string;
  /** true when the VM work (eviction and swap), not the instructions, is the point */
  kernelHeavy?: boolean;
}

/** The workloads under repository root `root` (userprogs must have been built). */
export function workloads(root: string): Workload[] {
  const build = path.join(root, 'userprogs', 'build');
  return [
    {
      key: 'bench-O0',
      label: 'bench -O0',
      pintos: path.join(build, 'bench'),
      linux: path.join(build, 'native', 'bench'),
      guest: 'bench',
      args: [],
      expect: '(bench) all results match',
    },
    {
      key: 'bench-O2',
      label: 'bench -O2',
      pintos: path.join(build, 'variants', 'O2-pintos', 'bench'),
      linux: path.join(build, 'native', 'bench-O2'),
      guest: 'bench',
      args: [],
      expect: '(bench) all results match',
    },
    {
      key: 'mix',
      label: 'mix (short: one round, -O0)',
      pintos: path.join(build, 'mix'),
      linux: path.join(build, 'native', 'mix'),
      guest: 'mix',
      args: [],
      expect: '(mix) rounds 1, checksum 00360fc22918046e',
    },
    {
      key: 'swap-anon',
      label: 'swap-anon at -m 10 --swap-disk=30 (kernel-heavy)',
      pintos: path.join(build, 'tests', 'vm', 'swap-anon'),
      guest: 'swap-anon',
      args: [],
      memoryMB: 10,
      swapDiskUnits: 30,
      expect: '(swap-anon) checked every page',
      kernelHeavy: true,
    },
  ];
}

/** The workload called `key`; throws naming the known keys when there is none. */
export function workloadByKey(root: string, key: string): Workload {
  const all = workloads(root);
  const found = all.find((w) => w.key === key);
  if (!found) throw new Error(`no workload ${key} (known: ${all.map((w) => w.key).join(', ')})`);
  return found;
}

/** Whether a transcript shows a correct run of `w`: its expected line and a clean exit. */
export function ranCorrectly(w: Workload, transcript: string): boolean {
  return transcript.includes(w.expect) && transcript.includes(`${w.guest}: exit(0)`);
}

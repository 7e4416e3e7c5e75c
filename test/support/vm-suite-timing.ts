// Wall time of the whole virtual-memory test set (userprogs/tests/vm), for `npm run bench`: every
// test run once through pintos-vm under one eviction policy, the way the test suite runs it
// (--check-invariants on), one run at a time unless asked otherwise.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { RunPool, loadVmSpecs, runVmTest, type EvictionPolicy } from './vm-suite';

export interface VmSuiteTimingOptions {
  /** repository root (default: the current directory) */
  root?: string;
  /** the pintos-vm script (default: ROOT/dist/cli.js) */
  cli?: string;
  /** eviction policy of every run (default: clock, the kernel's default) */
  policy?: EvictionPolicy;
  /** runs at once (default 1: the figure is the sum of the runs, free of scheduling noise) */
  concurrency?: number;
  /** build the programs first with `make -C userprogs vm-tests`, outside the timed part (default true) */
  build?: boolean;
}

export interface VmSuiteTiming {
  /** wall time of the whole set, in milliseconds */
  wallMs: number;
  policy: EvictionPolicy;
  /** each test's own wall time, slowest first */
  perTest: { name: string; ms: number }[];
  /** names of the tests that did not pass (their time still counts) */
  failed: string[];
}

/** Runs every VM test once and measures the wall time. */
export async function timeVmSuite(options: VmSuiteTimingOptions = {}): Promise<VmSuiteTiming> {
  const root = path.resolve(options.root ?? process.cwd());
  const cli = options.cli ?? path.join(root, 'dist', 'cli.js');
  const policy = options.policy ?? 'clock';
  if (options.build ?? true) execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'vm-tests'], { stdio: 'pipe' });
  const specs = loadVmSpecs(root);
  const pool = new RunPool(options.concurrency ?? 1);
  const started = Date.now();
  const results = await Promise.all(specs.map((spec) => pool.run(() => runVmTest(root, cli, spec, policy))));
  const wallMs = Date.now() - started;
  const perTest = specs.map((s, i) => ({ name: s.name, ms: results[i].ms })).sort((a, b) => b.ms - a.ms);
  const failed = specs.filter((_, i) => results[i].problems.length > 0).map((s) => s.name);
  return { wallMs, policy, perTest, failed };
}

// `npm run bench`, VM part: wall time of the whole VM test set (userprogs/tests/vm) run once
// through pintos-vm with the default clock policy and the invariant checker, one test at a time,
// with Node's own start-up (a bare `node -e 0` in the same environment) beside it.
import { spawnSync } from 'node:child_process';
import { pintosVmEnvironment } from '../src/shared/child-environment';
import { timeVmSuite } from '../test/support/vm-suite-timing';

/** Median wall milliseconds of `runs` bare `node -e 0` processes started the way the harness starts pintos-vm. */
function bareNodeMs(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env: pintosVmEnvironment() });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function main(): Promise<void> {
  const result = await timeVmSuite({ root: process.cwd() });
  const slowest = [...result.perTest].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const node = bareNodeMs(9);
  console.log(`VM test set: ${result.perTest.length} tests in ${(result.wallMs / 1000).toFixed(1)} s wall time (clock policy, invariant checker on, sequential)`);
  console.log(`  slowest: ${slowest.map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
  if (result.failed.length > 0) console.log(`  FAILED: ${result.failed.join(', ')}`);
  console.log(`  Node's own start-up (node -e 0, spawn to exit): ${node.toFixed(0)} ms, ${((node * result.perTest.length) / 1000).toFixed(1)} s of the set`);
  console.log('  (one run, not a median: each test is a fresh pintos-vm process, Node start-up included, started without');
  console.log('  NODE_EXTRA_CA_CERTS as the test harnesses do; the invariant checker checks what each VM operation touched,');
  console.log('  with full checks scheduled by work done)');
}

void main();

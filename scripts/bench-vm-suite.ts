// `npm run bench`, VM part: wall time of the whole VM test set (userprogs/tests/vm) run once
// through pintos-vm with the default clock policy and the invariant checker, one test at a time.
import { timeVmSuite } from '../test/support/vm-suite-timing';

async function main(): Promise<void> {
  const result = await timeVmSuite({ root: process.cwd() });
  const slowest = [...result.perTest].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`VM test set: ${result.perTest.length} tests in ${(result.wallMs / 1000).toFixed(1)} s wall time (clock policy, invariant checker on, sequential)`);
  console.log(`  slowest: ${slowest.map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
  if (result.failed.length > 0) console.log(`  FAILED: ${result.failed.join(', ')}`);
  console.log('  (one run, not a median: each test is a fresh pintos-vm process, Node start-up included; the invariant checker');
  console.log('  checks what each VM operation touched, with full checks scheduled by work done)');
}

void main();

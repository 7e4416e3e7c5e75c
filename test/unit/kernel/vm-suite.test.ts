// The virtual-memory test set: every userprogs/tests/vm/NAME.expected names a test program, run
// through `pintos-vm` (dist/cli.js) once per eviction policy with --check-invariants. A run passes
// when its output matches, nothing leaks, the files it names are fetched back equal to the
// expected ones and its trace has the events it names (format: userprogs/tests/vm/README.md).
// The four runs of a program go at once, as many at a time as there are cores ($PINTOS_VM_JOBS).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { EVICTION_POLICIES, RunPool, defaultConcurrency, loadVmSpecs, runVmTest, type EvictionPolicy, type VmRunResult } from '../../support/vm-suite';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = process.env.PINTOS_VM_CLI ? path.resolve(process.env.PINTOS_VM_CLI) : path.join(root, 'dist', 'cli.js');
const specs = loadVmSpecs(root);
const pool = new RunPool(defaultConcurrency());

describe('virtual-memory test set (userprogs/tests/vm through pintos-vm, every eviction policy)', function () {
  before(function () {
    this.timeout(300000);
    assert.ok(existsSync(cli), `${cli} exists (build it with \`node scripts/build.mjs\`)`);
    execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'vm-tests'], { stdio: 'pipe' });
  });

  it('has a test for every rule group', () => {
    const names = specs.map((s) => s.name);
    for (const prefix of ['lazy-', 'stk-', 'mmap-', 'swap-', 'cow-', 'sort-', 'exit-']) {
      assert.ok(
        names.some((n) => n.startsWith(prefix)),
        `a test named ${prefix}*`,
      );
    }
  });

  for (const spec of specs) {
    describe(spec.name, function () {
      const runs = new Map<EvictionPolicy, Promise<VmRunResult>>();
      before(() => {
        for (const policy of EVICTION_POLICIES) runs.set(policy, pool.run(() => runVmTest(root, cli, spec, policy)));
      });

      for (const policy of EVICTION_POLICIES) {
        it(`${policy}: ${spec.command}`, async function () {
          this.timeout(EVICTION_POLICIES.length * (spec.timeoutSeconds * 1000 + 10000));
          const r = await runs.get(policy)!;
          assert.ok(r.problems.length === 0, `${spec.name} (--eviction=${policy}):\n${r.problems.join('\n')}`);
        });
      }
    });
  }
});

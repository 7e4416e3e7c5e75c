// The compiled tiers against the host CPU and against the interpreter: the differential test's
// random sequences run with every block compiled on first use, by the JavaScript tier and by the
// WebAssembly tier. Against the interpreter the comparison is exact, flags the SDM leaves
// undefined included. DIFF_CASES (default 10000) and DIFF_SEED (default 1) select the cases, as
// in diff-random.test.ts; each tier gets its own seeds.
import { strict as assert } from 'node:assert';
import { OPCODE_TABLE } from '../../../src/emu/isa/opcode-table';
import { createEmulator } from '../../diff/emulator-runner';
import { generateCase, makeCatalog } from '../../diff/generator';
import { runDiff } from '../../diff/run-diff';

const count = Number(process.env.DIFF_CASES ?? 10_000);
const seed = Number(process.env.DIFF_SEED ?? 1);

for (const [engine, name, offset] of [['js', 'JavaScript', 0], ['wasm', 'WebAssembly', 2000]] as const) {
  describe(`compiled blocks on random sequences (${name} tier)`, function () {
    this.timeout(0);
    const hostSeed = seed + offset;
    const exactSeed = seed + offset + 1000;

    it(`agree with the host CPU on ${count} sequences (seed ${hostSeed})`, function () {
      const summary = runDiff({ table: OPCODE_TABLE, emulate: createEmulator({ compileAfter: 0, engine }), seed: hostSeed, count, maxReports: 3 });
      if (summary.mismatches > 0) {
        assert.fail(`${summary.mismatches} of ${summary.count} sequences compiled by the ${name} tier disagree with the host CPU.\n\n${summary.reports.join('\n\n')}`);
      }
    });

    it(`agree exactly with the interpreter on ${count} sequences (seed ${exactSeed})`, function () {
      const compiled = createEmulator({ compileAfter: 0, engine });
      const interpreted = createEmulator({ compileAfter: Infinity });
      const cat = makeCatalog(OPCODE_TABLE);
      const failing: number[] = [];
      for (let i = 0; i < count; i++) {
        const c = generateCase(cat, exactSeed, i).diffCase;
        try {
          assert.deepEqual(compiled(c), interpreted(c));
        } catch (e) {
          failing.push(i);
          if (failing.length === 1) console.log(`      first difference in case ${i}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      assert.deepEqual(failing.slice(0, 20), [], `${failing.length} cases differ`);
    });
  });
}

// `npm run test:diff`: the differential tests at full size: the interpreter against the host CPU
// (test/unit/emu/diff-native.test.ts, diff-random.test.ts) and each compiled tier against the host
// CPU and the interpreter (jit-diff.test.ts), with DIFF_CASES=100000 unless
// DIFF_CASES is already set; DIFF_SEED, DIFF_CASE and DIFF_STRICT_FLAGS pass through. Exits with
// mocha's status.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const env = { ...process.env, DIFF_CASES: process.env.DIFF_CASES ?? '100000' };
const args = [mocha, ...['diff-native', 'diff-random', 'jit-diff'].map((f) => `test/unit/emu/${f}.test.ts`), ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run mocha: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status ?? 1);

// `npm run test:diff`: the differential test against the host CPU at full size. Runs the mocha
// entry test/unit/emu/diff-random.test.ts with DIFF_CASES=100000 unless DIFF_CASES is already
// set; DIFF_SEED, DIFF_CASE and DIFF_STRICT_FLAGS pass through. Exits with mocha's status.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const env = { ...process.env, DIFF_CASES: process.env.DIFF_CASES ?? '100000' };
const args = [mocha, 'test/unit/emu/diff-native.test.ts', 'test/unit/emu/diff-random.test.ts', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run mocha: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status ?? 1);

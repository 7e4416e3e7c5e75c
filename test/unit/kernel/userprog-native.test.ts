// A sanity check of the system-call test programs themselves: each runs natively on Linux through
// userprogs/tests/native-shim (Pintos system calls mapped onto Linux ones) and its whole output
// is compared with its expected-output file. Tests marked `#! native: skip` depend on things
// only the Pintos kernel provides (the initial stack layout, raw system-call numbers).
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compareOutput, parseExpected, splitCommand, TEST_BUILD_DIR, toLines, type TestSpec } from '../../support/userprog-suite';

const root = path.resolve(__dirname, '..', '..', '..');
const testsDir = path.join(root, 'userprogs', 'tests');
const nativeDir = path.join(root, 'userprogs', 'build', 'native', 'tests');

const specs: TestSpec[] = readdirSync(testsDir)
  .filter((f) => f.endsWith('.expected'))
  .sort()
  .map((f) => parseExpected(f.replace(/\.expected$/, ''), readFileSync(path.join(testsDir, f), 'utf8')));

/** The native build of a file put from the test build directory; other files as they are. */
function nativeHost(host: string): string {
  const prefix = `${TEST_BUILD_DIR}/`;
  return host.startsWith(prefix) ? path.join(nativeDir, host.slice(prefix.length)) : path.join(root, host);
}

/** Runs `spec` natively in a fresh directory holding its files; returns stdout. */
function runNative(spec: TestSpec): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'userprog-native-'));
  try {
    for (const p of [{ host: `${TEST_BUILD_DIR}/${spec.program}`, guest: spec.program }, ...spec.puts]) {
      copyFileSync(nativeHost(p.host), path.join(dir, p.guest));
      chmodSync(path.join(dir, p.guest), 0o755);
    }
    const words = splitCommand(spec.command);
    const result = spawnSync(`./${spec.program}`, words.slice(1), {
      cwd: dir,
      argv0: words[0],
      input: spec.stdin,
      encoding: 'utf8',
      timeout: 30000,
      env: {},
    });
    // EPIPE: the program ended without reading all of its keyboard input.
    if (result.error && (result.error as NodeJS.ErrnoException).code !== 'EPIPE') throw result.error;
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('system-call test programs, run natively on Linux', function () {
  this.timeout(300000);

  before(function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
    execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'tests', 'tests-native'], { stdio: 'pipe' });
  });

  for (const spec of specs) {
    const title = `${spec.name}${spec.nativeSkip ? ` (skipped: ${spec.nativeSkip})` : ''}`;
    it(title, function () {
      if (spec.nativeSkip) this.skip();
      assert.ok(existsSync(path.join(nativeDir, spec.program)), `${spec.program} was built`);
      const diff = compareOutput(spec, toLines(runNative(spec)));
      assert.ok(diff === undefined, `output differs from ${spec.name}.expected:\n${diff}`);
    });
  }
});

// `pintos-vm --compare` in the test kernel's build directory: the same test run on that kernel
// (booted as --system boots it) and on ours, and the first line where the test's output parts;
// and the comparison itself on transcripts that agree, that end early, and that have no
// "Executing" line.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { firstParting, testOutput } from '../../../src/cli/system/compare-runs';
import { SYSTEST_BUILD, SYSTEST_DIR } from './systest-disks';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('pintos-vm --compare', function () {
  this.timeout(120_000);
  before(() => {
    execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'scripts', 'build.mjs')], { stdio: 'pipe' });
    execFileSync('make', ['-s', '-C', SYSTEST_DIR], { stdio: 'pipe' });
  });

  it("shows where the build directory's kernel and ours part on the same test", () => {
    const r = spawnSync(process.execPath, [CLI, '--compare', '-T', '30', '--fs-disk=2', '--swap-disk=4', '-p', 'userprog:userprog', '--', '-q', 'run', 'userprog'], { cwd: SYSTEST_BUILD, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    // the test kernel prints its loader's line where ours goes straight to the program's output
    assert.equal(
      r.stdout,
      [
        "The test's output parts at line 2 (the line before it is the same):",
        "    Executing 'userprog':",
        '  your kernel:          load: userprog: entry 0x400000, 5 pages registered for lazy loading',
        '  the reference kernel: userprog: hello from ring 3',
        '',
      ].join('\n'),
    );
  });

  it('refuses --compare with --system', () => {
    const r = spawnSync(process.execPath, [CLI, '--compare', '--system', '--', '-q'], { cwd: SYSTEST_BUILD, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--compare runs both kernels itself; give it without --system/);
  });

  it("compares the test's output only, from Executing to its completion line", () => {
    const boot = (banner: string, lines: string[]) => [banner, "Executing 'p':", ...lines, "Execution of 'p' complete.", 'Timer: 5 ticks', ''].join('\n');
    const a = testOutput(boot('Pintos booting with 4 MB', ['(p) one', '(p) two']));
    const b = testOutput(boot('other banner', ['(p) one', '(p) two']));
    assert.deepEqual(a, ["Executing 'p':", '(p) one', '(p) two', "Execution of 'p' complete."]);
    assert.equal(firstParting(a, b), undefined);
    assert.deepEqual(firstParting(a, testOutput(boot('x', ['(p) one']))), { line: 3, theirs: '(p) two', ours: "Execution of 'p' complete." });
    assert.deepEqual(firstParting(['x'], ['x', 'y']), { line: 2, theirs: undefined, ours: 'y' });
    assert.deepEqual(testOutput('no executing line\nhere\n'), ['no executing line', 'here']);
  });
});

// `pintos-vm check` end to end through dist/cli.js on copies of the fixture tree: the make-check
// summary and exit status, the files a run writes, the student's own transcript kept, the JSON
// interface, and one clear message for each mistake (no perl, unknown test, not a build dir).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildFixturePrograms, cliPath, makeFixtureTree, type FixtureTree } from './check-fixture';

/** Runs `pintos-vm check ARGS` in `cwd`. */
function check(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [cliPath, 'check', ...args], { cwd, env, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const read = (file: string) => readFileSync(file, 'utf8');
const jsonLines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

/** The fields of a `--list --json` test the Test Explorer relies on. */
const testInfoKeys = ['id', 'group', 'name', 'program', 'source', 'commandLine', 'args', 'puts', 'memoryMB', 'swapDisk', 'fsDiskMB', 'timeoutSeconds', 'pintosArgs', 'checker', 'output', 'errors', 'result', 'ownOutput', 'referenceOutput', 'runnable', 'reason'];

describe('pintos-vm check end to end', function () {
  this.timeout(120000);
  before(buildFixturePrograms);

  describe('a whole vm build directory', () => {
    let tree: FixtureTree;
    let run: ReturnType<typeof check>;
    const at = (file: string) => path.join(tree.vmBuild, file);

    before(() => {
      tree = makeFixtureTree();
      const began = Date.now();
      run = check(tree.vmBuild, []);
      console.log(`      (8 tests of the fixture, one per core: ${Date.now() - began} ms)`);
    });

    it("prints make check's lines: pass/FAIL per test, then 'F of N tests failed.', and exits 1", () => {
      assert.equal(
        run.stdout,
        [
          'pass tests/userprog/echo-args',
          'pass tests/userprog/spawn-reader',
          'pass tests/vm/map-sample',
          'pass tests/vm/fill-memory',
          'FAIL tests/vm/expect-wrong',
          'FAIL tests/vm/needs-zeros',
          'pass tests/vm/cow/cow-share',
          '2 of 7 tests failed.',
          'Skipped 1 kernel test that pintos-vm cannot run: tests/threads/sleep-order',
          '',
        ].join('\n'),
        run.stderr,
      );
      assert.equal(run.status, 1);
    });

    it('writes TEST.output, TEST.errors and TEST.result as make would, and keeps a reference copy', () => {
      const output = read(at('tests/userprog/echo-args.output'));
      assert.match(output, /^Executing 'echo-args first {2}second!':$/m);
      assert.match(output, /^\(echo-args\) argv\[2\] = 'second!'$/m);
      assert.match(output, /^Powering off\.\.\.$/m);
      assert.equal(read(at('tests/userprog/echo-args.errors')), '');
      assert.equal(read(at('tests/userprog/echo-args.result')), 'PASS\n');
      assert.equal(read(at('.pintos-vm/reference/tests/userprog/echo-args.output')), output);
      assert.match(read(at('tests/vm/fill-memory.output')), /^Pintos booting with 4,096 kB RAM\.\.\.$/m, 'MEMORY = 4 reached the machine');
    });

    it('leaves the checker\'s diff in the .result of the test that fails on purpose', () => {
      assert.equal(
        read(at('tests/vm/expect-wrong.result')),
        [
          'FAIL',
          'The program printed other lines than expected:',
          '--- expected',
          '+++ actual',
          ' (expect-wrong) begin',
          '-(expect-wrong) the answer is 42',
          '+(expect-wrong) the answer is 41',
          ' (expect-wrong) end',
          ' expect-wrong: exit(0)',
          '',
        ].join('\n'),
      );
    });

    it('reports a test whose put-file is not built as an error naming the file, and does not run it', () => {
      assert.match(run.stderr, /error tests\/vm\/needs-zeros: tests\/vm\/zeros is missing from .*vm\/build: run 'make' there first/);
      assert.equal(existsSync(at('tests/vm/needs-zeros.output')), false);
    });

    it('shows progress on standard error, one line per test when it is not a terminal', () => {
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.filter((l) => /^\[\d\/8\] (pass|FAIL|error|skip) /.test(l)).length, 8, run.stderr);
      assert.match(lines[0], /^\[1\/8\] error tests\/vm\/needs-zeros: /, 'tests that cannot run are reported first');
      assert.match(lines[1], /^\[2\/8\] skip tests\/threads\/sleep-order: kernel test/);
      assert.match(run.stderr, /FAIL tests\/vm\/expect-wrong \(\d+\.\d s\): see tests\/vm\/expect-wrong\.result/);
    });
  });

  it("keeps the student's own TEST.output from real Pintos, once, and says so; 'All N tests passed.' exits 0", () => {
    const tree = makeFixtureTree();
    const output = path.join(tree.vmBuild, 'tests/vm/cow/cow-share.output');
    const own = path.join(tree.vmBuild, '.pintos-vm/own/tests/vm/cow/cow-share.output');
    writeFileSync(output, 'my transcript from real Pintos\n');
    const first = check(tree.vmBuild, ['-j', '1', 'tests/vm/cow', 'tests/userprog/echo-args.result']);
    assert.equal(first.stdout, 'pass tests/userprog/echo-args\npass tests/vm/cow/cow-share\nAll 2 tests passed.\n', first.stderr);
    assert.equal(first.status, 0);
    assert.equal(read(own), 'my transcript from real Pintos\n');
    assert.match(first.stderr, /note: kept your own tests\/vm\/cow\/cow-share\.output as \.pintos-vm\/own\/tests\/vm\/cow\/cow-share\.output/);
    assert.match(read(output), /^cow-share: exit\(0\)$/m);

    const listed = () => (jsonLines(check(tree.vmBuild, ['--list', '--json', 'tests/vm/cow']).stdout)[0].tests as { ownOutput: string | null }[])[0].ownOutput;
    assert.equal(listed(), own, 'the saved copy is listed');
    const second = check(tree.vmBuild, ['tests/vm/cow']);
    assert.doesNotMatch(second.stderr, /note:/, 'our own transcript is replaced silently');
    assert.equal(read(own), 'my transcript from real Pintos\n');
    writeFileSync(output, 'a newer transcript from real Pintos\n');
    assert.equal(listed(), output, 'a TEST.output we did not write is the own transcript');
  });

  it('--list --json: one line with the build and source directories and every test', () => {
    const tree = makeFixtureTree();
    const r = check(tree.userprogBuild, ['--list', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.equal(lines.length, 1);
    const list = lines[0] as { kind: string; buildDir: string; srcDir: string; tests: Record<string, unknown>[] };
    assert.equal(list.kind, 'list');
    assert.equal(list.buildDir, tree.userprogBuild);
    assert.equal(list.srcDir, tree.root);
    assert.equal(list.tests.length, 4);
    for (const t of list.tests) for (const key of testInfoKeys) assert.ok(key in t, `${String(t.id)} has ${key}`);
    const echo = list.tests[0];
    assert.deepEqual(
      { commandLine: echo.commandLine, args: echo.args, swapDisk: echo.swapDisk, fsDiskMB: echo.fsDiskMB, memoryMB: echo.memoryMB, timeoutSeconds: echo.timeoutSeconds, runnable: echo.runnable, reason: echo.reason, ownOutput: echo.ownOutput },
      { commandLine: 'echo-args first  second!', args: ['first', 'second!'], swapDisk: null, fsDiskMB: 10, memoryMB: 20, timeoutSeconds: 60, runnable: true, reason: null, ownOutput: null },
    );
    assert.deepEqual(echo.puts, [{ host: path.join(tree.userprogBuild, 'tests/userprog/echo-args'), guest: 'echo-args' }]);
  });

  it('--json: start and result events, then the summary; the fail message is the .result after FAIL', () => {
    const tree = makeFixtureTree();
    const r = check(tree.vmBuild, ['--json', 'tests/vm/expect-wrong', 'tests/vm/needs-zeros', 'tests/threads', 'tests/userprog/echo-args']);
    assert.equal(r.status, 1, r.stderr);
    const events = jsonLines(r.stdout);
    const results = events.filter((e) => e.kind === 'result');
    assert.deepEqual(events.filter((e) => e.kind === 'start').map((e) => e.id).sort(), ['tests/userprog/echo-args', 'tests/vm/expect-wrong']);
    assert.deepEqual(Object.fromEntries(results.map((e) => [e.id, e.verdict])), {
      'tests/userprog/echo-args': 'pass',
      'tests/vm/expect-wrong': 'fail',
      'tests/vm/needs-zeros': 'error',
      'tests/threads/sleep-order': 'skipped',
    });
    const wrong = results.find((e) => e.id === 'tests/vm/expect-wrong') as Record<string, unknown>;
    assert.equal(wrong.message, read(path.join(tree.vmBuild, 'tests/vm/expect-wrong.result')).replace(/^FAIL\n/, ''));
    assert.equal(wrong.output, path.join(tree.vmBuild, 'tests/vm/expect-wrong.output'));
    assert.equal(wrong.result, path.join(tree.vmBuild, 'tests/vm/expect-wrong.result'));
    assert.equal(typeof wrong.durationMs, 'number');
    assert.equal((results.find((e) => e.id === 'tests/userprog/echo-args') as Record<string, unknown>).message, '');
    assert.match(String((results.find((e) => e.id === 'tests/vm/needs-zeros') as Record<string, unknown>).message), /tests\/vm\/zeros is missing/);
    assert.match(String((results.find((e) => e.id === 'tests/threads/sleep-order') as Record<string, unknown>).message), /^kernel test/);
    assert.deepEqual(events.at(-1), { kind: 'summary', passed: 1, failed: 1, errors: 1, skipped: 1, total: 4 });
    for (const e of events.filter((x) => x.kind === 'start')) {
      assert.ok(events.indexOf(e) < events.findIndex((x) => x.kind === 'result' && x.id === e.id), `${String(e.id)} starts before it ends`);
    }
  });

  it('says to install perl when it is not on PATH, and exits 1', () => {
    const tree = makeFixtureTree();
    const emptyPath = mkdtempSync(path.join(tmpdir(), 'no-perl-'));
    const r = check(tree.vmBuild, ['tests/vm/cow'], { ...process.env, PATH: emptyPath });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /perl is needed to run the tests' \.ck checkers but was not found on PATH; install it \(Debian\/Ubuntu: apt-get install perl\)/);
    assert.equal(r.stdout, '');
    const json = check(tree.vmBuild, ['--json', 'tests/vm/cow', 'tests/threads'], { ...process.env, PATH: emptyPath });
    assert.deepEqual(
      jsonLines(json.stdout).map((e) => [e.kind, e.verdict ?? e.errors]),
      [
        ['result', 'skipped'],
        ['result', 'error'],
        ['summary', 1],
      ],
    );
  });

  it('rejects an unknown test with close names, and exits 2', () => {
    const tree = makeFixtureTree();
    const r = check(tree.vmBuild, ['tests/vm/expect-wrnog']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pintos-vm check: no test 'tests\/vm\/expect-wrnog' in this build directory; did you mean tests\/vm\/expect-wrong\?/);
    assert.equal(r.stdout, '');
  });

  it('outside a build directory, says what it looked for, and exits 2', () => {
    const tree = makeFixtureTree();
    const r = check(tree.root, []);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is not a Pintos build directory: looked for \.\.\/Make\.vars .* and \.\.\/\.\.\/tests\/Make\.tests/);
    const elsewhere = check(tree.root, ['--build-dir', 'vm/build', '--list']);
    assert.equal(elsewhere.status, 0, elsewhere.stderr);
    assert.match(elsewhere.stdout, /^tests\/vm\/cow\/cow-share +run 'cow-share'/m);
  });

  it('--help describes the command; an unknown option exits 2', () => {
    const help = check(tmpdir(), ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: pintos-vm check \[OPTION\.\.\.\] \[TEST\.\.\.\]/);
    const bad = check(tmpdir(), ['--frobnicate']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option '--frobnicate'/);
  });
});

// Test discovery of `pintos-vm check` on the fixture tree (test/fixtures/pintos-tree): the
// tests in make-check order, their commands, arguments, put-files, per-test machine, kernel
// tests, files not built yet; picking tests by name; directories that are not build directories.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../../src/cli/boot';
import { readBuildTree } from '../../../src/cli/check/build-tree';
import { discoverTests, type TestInfo } from '../../../src/cli/check/discover';
import { selectTests } from '../../../src/cli/check/select';
import { buildFixturePrograms, makeFixtureTree, type FixtureTree } from './check-fixture';

describe('pintos-vm check: discovery on the fixture tree', function () {
  this.timeout(60000);
  let tree: FixtureTree;
  let vm: TestInfo[];
  const find = (tests: TestInfo[], id: string) => {
    const t = tests.find((x) => x.id === id);
    assert.ok(t, `${id} is discovered`);
    return t;
  };

  before(() => {
    buildFixturePrograms();
    tree = makeFixtureTree();
    vm = discoverTests(readBuildTree(tree.vmBuild));
  });

  it('lists the tests in TEST_SUBDIRS order, each subdir in its _TESTS order', () => {
    assert.deepEqual(
      vm.map((t) => t.id),
      [
        'tests/userprog/echo-args',
        'tests/userprog/spawn-reader',
        'tests/vm/map-sample',
        'tests/vm/fill-memory',
        'tests/vm/expect-wrong',
        'tests/vm/needs-zeros',
        'tests/threads/sleep-order',
        'tests/vm/cow/cow-share',
      ],
    );
    const cow = find(vm, 'tests/vm/cow/cow-share');
    assert.equal(cow.group, 'tests/vm/cow');
    assert.equal(cow.name, 'cow-share');
  });

  it('builds the pintos command of the test rule, with the file-system and swap parts of a vm tree', () => {
    const t = find(vm, 'tests/vm/map-sample');
    const program = path.join(tree.vmBuild, 'tests/vm/map-sample');
    const sample = path.join(tree.root, 'tests/vm/sample.txt');
    assert.deepEqual(t.pintosArgs, ['-v', '-k', '-T', '60', '-m', '20', '--qemu', '--fs-disk=10', '-p', `${program}:map-sample`, '-p', `${sample}:sample.txt`, '--swap-disk=4', '--', '-q', '-f', 'run', 'map-sample']);
    assert.equal(t.program, program);
    assert.equal(t.source, path.join(tree.root, 'tests/vm/map-sample.c'));
    assert.equal(t.checker, path.join(tree.root, 'tests/vm/map-sample.ck'));
    assert.equal(t.output, path.join(tree.vmBuild, 'tests/vm/map-sample.output'));
    assert.equal(t.referenceOutput, path.join(tree.vmBuild, '.pintos-vm/reference/tests/vm/map-sample.output'));
    assert.deepEqual([t.memoryMB, t.swapDisk, t.fsDiskMB, t.timeoutSeconds], [20, 4, 10, 60]);
    assert.equal(t.runnable, true);
  });

  it('passes _ARGS in one quoted run argument, keeping its double space', () => {
    const t = find(vm, 'tests/userprog/echo-args');
    assert.equal(t.commandLine, 'echo-args first  second!');
    assert.deepEqual(t.args, ['first', 'second!']);
    assert.deepEqual(t.pintosArgs.slice(-2), ['run', 'echo-args first  second!']);
  });

  it('finds put-files in the build directory first, then in the source tree (a data file and a child program)', () => {
    const t = find(vm, 'tests/userprog/spawn-reader');
    assert.deepEqual(t.puts, [
      { host: path.join(tree.vmBuild, 'tests/userprog/spawn-reader'), guest: 'spawn-reader' },
      { host: path.join(tree.root, 'tests/userprog/data.txt'), guest: 'data.txt' },
      { host: path.join(tree.vmBuild, 'tests/userprog/child-reader'), guest: 'child-reader' },
    ]);
  });

  it("applies a test's own TIMEOUT, MEMORY and SWAP_DISK", () => {
    const t = find(vm, 'tests/vm/fill-memory');
    assert.deepEqual([t.memoryMB, t.swapDisk, t.timeoutSeconds], [4, 8, 120]);
  });

  it('reports a put-file made at build time (tests/vm/zeros) as not built yet', () => {
    const t = find(vm, 'tests/vm/needs-zeros');
    assert.deepEqual(t.missingFiles, [path.join(tree.vmBuild, 'tests/vm/zeros')]);
    assert.equal(t.runnable, true);
  });

  it('lists kernel tests (no program) as not runnable, with the reason', () => {
    const t = find(vm, 'tests/threads/sleep-order');
    assert.equal(t.runnable, false);
    assert.match(t.reason ?? '', /^kernel test: .* pintos-vm runs user programs only$/);
    assert.equal(t.program, null);
    assert.ok(t.pintosArgs.includes('-threads-tests'), 'KERNELFLAGS of tests/threads/%.output');
  });

  it('in a userprog build: no swap disk, tests/userprog/no-vm, and a TIMEOUT that carries `-m 12`', () => {
    const tests = discoverTests(readBuildTree(tree.userprogBuild));
    assert.deepEqual(
      tests.map((t) => t.id),
      ['tests/userprog/echo-args', 'tests/userprog/spawn-reader', 'tests/userprog/no-vm/exit-status', 'tests/threads/sleep-order'],
    );
    const t = find(tests, 'tests/userprog/no-vm/exit-status');
    assert.deepEqual(t.pintosArgs.slice(0, 8), ['-v', '-k', '-T', '90', '-m', '12', '-m', '20']);
    assert.equal(t.timeoutSeconds, 90);
    assert.equal(t.memoryMB, 20, 'the later -m $(MEMORY) wins, as with pintos');
    assert.equal(t.swapDisk, null);
    assert.ok(!t.pintosArgs.some((a) => a.startsWith('--swap-disk')));
  });

  it('reports a program that is not built as missing', () => {
    const other = makeFixtureTree();
    rmSync(path.join(other.vmBuild, 'tests/vm/cow/cow-share'));
    const t = find(discoverTests(readBuildTree(other.vmBuild)), 'tests/vm/cow/cow-share');
    assert.deepEqual(t.missingFiles, [path.join(other.vmBuild, 'tests/vm/cow/cow-share')]);
  });

  it('selects tests by name (with .result or .output) or by directory, in make-check order', () => {
    const ids = (names: string[]) => {
      const s = selectTests(vm, names);
      assert.ok(s.ok, s.ok ? '' : s.error);
      return s.tests.map((t) => t.id);
    };
    assert.deepEqual(ids(['tests/vm/cow/cow-share.result', 'tests/userprog/echo-args.output']), ['tests/userprog/echo-args', 'tests/vm/cow/cow-share']);
    assert.deepEqual(ids(['tests/vm/']), ['tests/vm/map-sample', 'tests/vm/fill-memory', 'tests/vm/expect-wrong', 'tests/vm/needs-zeros', 'tests/vm/cow/cow-share']);
    assert.equal(ids([]).length, vm.length);
  });

  it('rejects an unknown test name, suggesting close names', () => {
    const s = selectTests(vm, ['tests/vm/map-sampel']);
    assert.ok(!s.ok);
    assert.match(s.error, /no test 'tests\/vm\/map-sampel' in this build directory; did you mean tests\/vm\/map-sample/);
    const bare = selectTests(vm, ['cow-share']);
    assert.ok(!bare.ok);
    assert.match(bare.error, /did you mean tests\/vm\/cow\/cow-share/);
    const far = selectTests(vm, ['tests/vm/cow/nothing-like-this']);
    assert.ok(!far.ok);
    assert.match(far.error, /; tests in tests\/vm\/cow: tests\/vm\/cow\/cow-share$/);
  });

  it('rejects a directory that is not a build directory, saying what it looked for and where to go', () => {
    const message = (dir: string) => {
      try {
        readBuildTree(dir);
      } catch (e) {
        assert.ok(e instanceof UserError);
        return e.message;
      }
      assert.fail(`${dir} was accepted`);
    };
    const top = message(tree.root);
    assert.match(top, /is not a Pintos build directory: looked for \.\.\/Make\.vars \(.*\) and \.\.\/\.\.\/tests\/Make\.tests/);
    assert.match(top, /top of a Pintos tree; pass --build-dir vm\/build/);
    assert.match(message(path.join(tree.root, 'vm')), /project directory; its build directory is .*vm\/build/);
    assert.match(message(path.join(tree.root, 'no-such-dir')), /no such directory/);
  });
});

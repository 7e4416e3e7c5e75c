// The Test Explorer's pure helpers: reading the runner's JSON, cutting its stdout into lines,
// expected/actual output from a checker's .result text, the launch configuration of a test,
// grouping, the test_main line, and which file changes refresh the tests.
import * as assert from 'node:assert/strict';
import { parseCheckEvent, parseTestList, ProtocolError, type TestInfo } from '../../../src/extension/testing/check-protocol';
import { LineSplitter } from '../../../src/extension/testing/line-splitter';
import { expectedAndActual, failureText } from '../../../src/extension/testing/result-diff';
import { changesTests } from '../../../src/extension/testing/test-change-filter';
import { TEST_RUN_ATTRIBUTE, testDebugConfiguration } from '../../../src/extension/testing/test-debug-config';
import { groupItemId, groupLevels, testItemId } from '../../../src/extension/testing/test-groups';
import { testMainLine } from '../../../src/extension/testing/test-source-line';

const BUILD = '/home/s/pintos/vm/build';
const SRC = '/home/s/pintos';

/** A TestInfo as the runner prints it for tests/vm/mmap-read. */
function mmapRead(extra: Partial<TestInfo> = {}): TestInfo & { program: string } {
  return {
    id: 'tests/vm/mmap-read',
    group: 'tests/vm',
    name: 'mmap-read',
    program: `${BUILD}/tests/vm/mmap-read`,
    source: `${SRC}/tests/vm/mmap-read.c`,
    commandLine: 'mmap-read',
    args: [],
    puts: [
      { host: `${BUILD}/tests/vm/mmap-read`, guest: 'mmap-read' },
      { host: `${SRC}/tests/vm/sample.txt`, guest: 'sample.txt' },
    ],
    memoryMB: 20,
    swapDisk: 4,
    fsDiskMB: 10,
    timeoutSeconds: 60,
    pintosArgs: ['-v', '-k', '-T', '60', '-m', '20'],
    checker: `${SRC}/tests/vm/mmap-read.ck`,
    output: `${BUILD}/tests/vm/mmap-read.output`,
    errors: `${BUILD}/tests/vm/mmap-read.errors`,
    result: `${BUILD}/tests/vm/mmap-read.result`,
    ownOutput: null,
    referenceOutput: `${BUILD}/tests/vm/mmap-read.output`,
    runnable: true,
    reason: null,
    missingFiles: [],
    ...extra,
  } as TestInfo & { program: string };
}

const FAILED_ARGS = `FAIL
Test output failed to match any acceptable form.

Acceptable output:
  (args) begin
  (args) argc = 2
  (args) argv[0] = 'args-single'
  (args) argv[1] = 'onearg'
  (args) argv[2] = null
  (args) end
  args-single: exit(0)
Differences in \`diff -u' format:
  (args) begin
  (args) argc = 2
  (args) argv[0] = 'args-single'
  (args) argv[1] = 'onearg'
  (args) argv[2] = null
  (args) end
- args-single: exit(0)
+ : exit(0)
`;

describe('Test Explorer helpers', () => {
  describe('the runner protocol', () => {
    it('reads a test list and every field of its tests', () => {
      const list = parseTestList(`${JSON.stringify({ kind: 'list', buildDir: BUILD, srcDir: SRC, tests: [mmapRead()] })}\n`);
      assert.equal(list.buildDir, BUILD);
      assert.equal(list.srcDir, SRC);
      assert.deepEqual(list.tests, [mmapRead()]);
      assert.deepEqual(list.warnings, []);
    });

    it('reads a kernel test, which has no program and no time limit', () => {
      const kernelTest = { ...mmapRead({ id: 'tests/threads/alarm-single', group: 'tests/threads', name: 'alarm-single', runnable: false, reason: 'kernel test' }), program: null, timeoutSeconds: null };
      const list = parseTestList(JSON.stringify({ kind: 'list', buildDir: BUILD, srcDir: SRC, tests: [kernelTest], warnings: ['Make.vars:3: cannot read $(shell ...)'] }));
      assert.equal(list.tests[0].program, null);
      assert.equal(list.tests[0].timeoutSeconds, null);
      assert.deepEqual(list.warnings, ['Make.vars:3: cannot read $(shell ...)']);
    });

    it('takes missing optional values as null and rejects wrong ones naming the test and field', () => {
      const { ownOutput: _own, source: _source, ...rest } = mmapRead();
      const list = parseTestList(JSON.stringify({ kind: 'list', buildDir: BUILD, srcDir: SRC, tests: [rest] }));
      assert.equal(list.tests[0].ownOutput, null);
      assert.equal(list.tests[0].source, null);
      assert.throws(() => parseTestList(JSON.stringify({ kind: 'list', buildDir: BUILD, srcDir: SRC, tests: [mmapRead({ memoryMB: '20' as unknown as number })] })), /test tests\/vm\/mmap-read: "memoryMB" should be a number, got "20"/);
      assert.throws(() => parseTestList(JSON.stringify({ kind: 'list', buildDir: BUILD, srcDir: SRC, tests: [mmapRead({ puts: [{ host: 1 }] as unknown as TestInfo['puts'] })] })), /puts\[0\]: "host" should be a string/);
      assert.throws(() => parseTestList(''), /printed no test list/);
      assert.throws(() => parseTestList('pintos-vm: unknown option --list'), (e: unknown) => e instanceof ProtocolError && /not JSON: "pintos-vm: unknown option --list"/.test(e.message));
      assert.throws(() => parseTestList('{"kind":"summary"}'), /"kind":"list"/);
    });

    it('reads start, result and summary lines; skips blank ones; rejects unknown kinds and verdicts', () => {
      assert.deepEqual(parseCheckEvent('{"kind":"start","id":"tests/vm/pt-grow-stack"}'), { kind: 'start', id: 'tests/vm/pt-grow-stack' });
      const result = { kind: 'result', id: 'tests/vm/pt-grow-stack', verdict: 'fail', message: 'FAIL\nRun didn\'t produce any output', durationMs: 812, output: '/b/x.output', result: '/b/x.result' };
      assert.deepEqual(parseCheckEvent(JSON.stringify(result)), result);
      assert.deepEqual(parseCheckEvent('{"kind":"summary","passed":3,"failed":1,"errors":0,"skipped":2,"total":6}'), { kind: 'summary', passed: 3, failed: 1, errors: 0, skipped: 2, total: 6 });
      assert.equal(parseCheckEvent('   '), undefined);
      assert.throws(() => parseCheckEvent('{"kind":"progress"}'), /unknown runner event kind "progress"/);
      assert.throws(() => parseCheckEvent(JSON.stringify({ ...result, verdict: 'ok' })), /"verdict" should be one of pass, fail, error, skipped/);
    });
  });

  it('cuts chunks into whole lines however they fall, CRLF included', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push('{"kind":"st');
    splitter.push('art"}\r\n{"kind"');
    assert.deepEqual(lines, ['{"kind":"start"}']);
    splitter.push(':"x"}\n\nlast');
    splitter.end();
    splitter.end();
    assert.deepEqual(lines, ['{"kind":"start"}', '{"kind":"x"}', '', 'last']);
  });

  describe('the .result text', () => {
    it('gives expected and actual output of a failed comparison', () => {
      const outputs = expectedAndActual(FAILED_ARGS);
      assert.ok(outputs);
      assert.equal(outputs.expected, "(args) begin\n(args) argc = 2\n(args) argv[0] = 'args-single'\n(args) argv[1] = 'onearg'\n(args) argv[2] = null\n(args) end\nargs-single: exit(0)\n");
      assert.equal(outputs.actual, "(args) begin\n(args) argc = 2\n(args) argv[0] = 'args-single'\n(args) argv[1] = 'onearg'\n(args) argv[2] = null\n(args) end\n: exit(0)\n");
    });

    it('takes the closest of several acceptable outputs, and stops at the notes after the diff', () => {
      const text = [
        'FAIL',
        'Test output failed to match any acceptable form.',
        '',
        'Acceptable output:',
        '  (t) begin',
        '  (t) a',
        '  (t) end',
        "Differences in `diff -u' format:",
        '  (t) begin',
        '- (t) a',
        '- (t) end',
        '+ (t) c',
        'Acceptable output:',
        '  (t) begin',
        '  (t) c',
        "Differences in `diff -u' format:",
        '  (t) begin',
        '  (t) c',
        '+ t: exit(-1)',
        '',
        '(Process exit codes are excluded for matching purposes.)',
      ].join('\r\n');
      assert.deepEqual(expectedAndActual(text), { expected: '(t) begin\n(t) c\n', actual: '(t) begin\n(t) c\nt: exit(-1)\n' });
    });

    it('reads a unified diff after "--- expected" / "+++ actual" lines too', () => {
      const text = 'FAIL\nThe program printed other lines than expected:\n--- expected\n+++ actual\n (t) begin\n-(t) the answer is 42\n+(t) the answer is 41\n (t) end\n t: exit(0)';
      assert.deepEqual(expectedAndActual(text), { expected: '(t) begin\n(t) the answer is 42\n(t) end\nt: exit(0)\n', actual: '(t) begin\n(t) the answer is 41\n(t) end\nt: exit(0)\n' });
    });

    it('names the reason of a failure on its first line', () => {
      assert.equal(failureText(FAILED_ARGS).split('\n')[0], 'FAIL: Test output failed to match any acceptable form.');
      assert.equal(failureText(FAILED_ARGS).split('\n').length, FAILED_ARGS.trimEnd().split('\n').length - 1);
      assert.equal(failureText("FAIL\r\nRun didn't produce any output\r\n"), "FAIL: Run didn't produce any output");
      assert.equal(failureText('FAIL tests/vm/x: timeout\n'), 'FAIL tests/vm/x: timeout');
      assert.equal(failureText('FAIL\n'), 'FAIL');
    });

    it('has no expected/actual when the checker failed for another reason', () => {
      assert.equal(expectedAndActual('FAIL\nKernel panic in run: PANIC at ../../vm/vm.c:42 in vm_get_frame(): todo\n'), undefined);
      assert.equal(expectedAndActual('PASS\n'), undefined);
    });
  });

  it('debugs a test with its program, arguments, extra files, RAM and swap, from its build folder', () => {
    const config = testDebugConfiguration(mmapRead(), BUILD, 'key-1');
    assert.deepEqual(config, {
      type: 'pintos',
      request: 'launch',
      name: 'Pintos test: tests/vm/mmap-read',
      program: `${BUILD}/tests/vm/mmap-read`,
      args: [],
      files: [{ host: `${SRC}/tests/vm/sample.txt`, guest: 'sample.txt' }],
      memoryMB: 20,
      swapDisk: 4,
      stopOnEntry: false,
      cwd: BUILD,
      [TEST_RUN_ATTRIBUTE]: 'key-1',
    });
    const args = testDebugConfiguration(
      mmapRead({ id: 'tests/userprog/args-single', name: 'args-single', program: `${BUILD}/tests/userprog/args-single`, args: ['onearg'], puts: [{ host: `${BUILD}/tests/userprog/args-single`, guest: 'args-single' }], swapDisk: null, memoryMB: 8 }),
      BUILD,
      'key-2',
    );
    assert.deepEqual([args.args, args.files, args.swapDisk, args.memoryMB], [['onearg'], [], 0, 8]);
  });

  it('groups tests as their folders in tests/, the first level named by its whole path', () => {
    assert.deepEqual(groupLevels('tests/vm/cow'), [
      { path: 'tests/vm', label: 'tests/vm' },
      { path: 'tests/vm/cow', label: 'cow' },
    ]);
    assert.deepEqual(groupLevels('tests/userprog'), [{ path: 'tests/userprog', label: 'tests/userprog' }]);
    assert.deepEqual(groupLevels('tests'), [{ path: 'tests', label: 'tests' }]);
    assert.deepEqual(groupLevels(''), []);
    // the menus tell tests from groups by this
    assert.match(testItemId(BUILD, 'tests/vm/cow/cow-simple'), /::tests\//);
    assert.doesNotMatch(groupItemId(BUILD, 'tests/vm/cow'), /::tests\//);
  });

  it("finds the line defining test_main, or the file's top", () => {
    assert.equal(testMainLine('/* Reads a file. */\n#include "tests/lib.h"\n\nvoid\ntest_main (void)\n{\n  msg ("x");\n}\n'), 4);
    assert.equal(testMainLine('void test_main(void) {\n}\n'), 0);
    assert.equal(testMainLine('int main (void) { test_main (); }\n'), 0);
    assert.equal(testMainLine('#include <test.h>\n\nint\nmain (void)\n{\n  return 0;\n}\n'), 3, "main's line when there is no test_main");
    assert.equal(testMainLine('int main (int argc, char *argv[])\n{\n'), 0);
    assert.equal(testMainLine('/* nothing */\n'), 0);
  });

  it('refreshes on programs and makefiles, not on transcripts and object files', () => {
    for (const f of [`${BUILD}/tests/vm/mmap-read`, `${SRC}/tests/vm/Make.tests`, `${SRC}/vm/Make.vars`]) assert.ok(changesTests(f), f);
    for (const f of [`${BUILD}/tests/vm/mmap-read.output`, `${BUILD}/tests/vm/mmap-read.result`, `${BUILD}/tests/vm/mmap-read.errors`, `${BUILD}/tests/vm/mmap-read.o`, `${BUILD}/tests/vm/mmap-read.d`, `${BUILD}/tests/vm/.mmap-read.swp`]) {
      assert.ok(!changesTests(f), f);
    }
  });
});

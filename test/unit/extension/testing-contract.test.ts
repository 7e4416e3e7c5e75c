// The Test Explorer against the real runner: what `pintos-vm check --list --json` and
// `check --json` print for the fixture Pintos tree is read by the extension's parser without a
// complaint, a test's launch configuration names files that exist, and the failing fixture
// test's .result gives its expected and actual output.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { parseCheckEvent, parseTestList, type CheckEvent, type TestList } from '../../../src/extension/testing/check-protocol';
import { runCliToEnd } from '../../../src/extension/testing/cli-process';
import { expectedAndActual } from '../../../src/extension/testing/result-diff';
import { hasProgram, testDebugConfiguration } from '../../../src/extension/testing/test-debug-config';
import { listTests } from '../../../src/extension/testing/test-listing';
import { buildFixturePrograms, cliPath, makeFixtureTree, type FixtureTree } from '../cli/check-fixture';

describe('Test Explorer with the check runner', function () {
  this.timeout(120_000);
  let tree: FixtureTree;
  let list: TestList;

  before(async () => {
    if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
    buildFixturePrograms();
    tree = makeFixtureTree();
    list = await listTests(cliPath, tree.vmBuild);
  });
  after(() => rmSync(path.dirname(tree.root), { recursive: true, force: true }));

  it('reads the list of the fixture tree, kernel tests and tests not built yet included', () => {
    assert.equal(list.buildDir, tree.vmBuild);
    const byId = new Map(list.tests.map((t) => [t.id, t]));
    assert.ok(byId.get('tests/vm/cow/cow-share')?.runnable);
    assert.equal(byId.get('tests/vm/cow/cow-share')?.group, 'tests/vm/cow');
    assert.equal(byId.get('tests/threads/sleep-order')?.runnable, false);
    assert.equal(byId.get('tests/threads/sleep-order')?.program, null);
    assert.deepEqual(byId.get('tests/vm/needs-zeros')?.missingFiles, [path.join(tree.vmBuild, 'tests/vm/zeros')]);
  });

  it('debugs each runnable test with files that exist', () => {
    for (const test of list.tests.filter((t) => t.runnable && t.missingFiles.length === 0)) {
      assert.ok(hasProgram(test), test.id);
      const config = testDebugConfiguration(test, tree.vmBuild, 'k');
      assert.ok(existsSync(config.program), config.program);
      for (const f of config.files ?? []) assert.ok(typeof f !== 'string' && existsSync(f.host), JSON.stringify(f));
    }
    const mapSample = list.tests.find((t) => t.id === 'tests/vm/map-sample');
    assert.ok(mapSample && hasProgram(mapSample));
    assert.deepEqual(testDebugConfiguration(mapSample, tree.vmBuild, 'k').files, [{ host: path.join(tree.root, 'tests/vm/sample.txt'), guest: 'sample.txt' }]);
  });

  it("reads the runner's JSON lines and the failing test's diff", async () => {
    const run = await runCliToEnd(cliPath, ['check', '--json', '--build-dir', tree.vmBuild, 'tests/vm/expect-wrong', 'tests/vm/map-sample'], tree.vmBuild);
    assert.equal(run.code, 1, run.stderr);
    const events = run.stdout.split('\n').map(parseCheckEvent).filter((e): e is CheckEvent => e !== undefined);
    const results = events.filter((e) => e.kind === 'result');
    assert.deepEqual(results.map((r) => [r.id, r.verdict]).sort(), [
      ['tests/vm/expect-wrong', 'fail'],
      ['tests/vm/map-sample', 'pass'],
    ]);
    assert.deepEqual(events.at(-1), { kind: 'summary', passed: 1, failed: 1, errors: 0, skipped: 0, total: 2 });
    const failed = results.find((r) => r.verdict === 'fail');
    assert.ok(failed);
    const outputs = expectedAndActual(readFileSync(failed.result, 'utf8'));
    assert.ok(outputs, 'the .result holds a diff');
    assert.match(outputs.expected, /the answer is 42/);
    assert.match(outputs.actual, /the answer is 41/);
  });

  it('turns a build folder the runner rejects into a message naming it', async () => {
    await assert.rejects(listTests(cliPath, tree.root), (e: unknown) => e instanceof Error && e.message.startsWith(`listing the tests of ${tree.root}: pintos-vm check: `));
    const parsed = parseTestList((await runCliToEnd(cliPath, ['check', '--list', '--json', '--build-dir', tree.userprogBuild], tree.userprogBuild)).stdout);
    assert.ok(parsed.tests.some((t) => t.id === 'tests/userprog/no-vm/exit-status'));
  });
});

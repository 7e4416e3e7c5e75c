// The Test Explorer's file and process work on real folders and real child processes: finding
// Pintos build folders, and running a runner script with line streaming and stopping.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findBuildDirs, isPintosBuildDir } from '../../../src/extension/testing/build-dirs';
import { runCliToEnd, startCli } from '../../../src/extension/testing/cli-process';
import { listTests } from '../../../src/extension/testing/test-listing';

/** Creates `files` (relative paths) under `root`, with their folders. */
function touch(root: string, ...files: string[]): void {
  for (const f of files) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), '');
  }
}

/** True while a process with `pid` runs (a zombie no longer does: nothing may reap it here). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return !existsSync('/proc/self/stat'); // gone meanwhile, or no /proc to ask
  }
}

describe('Test Explorer processes and folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pintos-explorer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds build folders by the Make.vars / tests/Make.tests rule, at any depth up to the limit', async () => {
    touch(dir, 'src/tests/Make.tests', 'src/vm/Make.vars', 'src/vm/build/Makefile', 'src/userprog/Make.vars', 'src/userprog/build/x');
    touch(dir, 'src/threads/build/x'); // no threads/Make.vars: not a build folder
    touch(dir, 'other/build/x', 'node_modules/p/tests/Make.tests', 'node_modules/p/vm/Make.vars', 'node_modules/p/vm/build/x');
    touch(dir, 'a/b/c/d/tests/Make.tests', 'a/b/c/d/vm/Make.vars', 'a/b/c/d/vm/build/x'); // five levels down
    assert.deepEqual(await findBuildDirs(dir), [path.join(dir, 'src/userprog/build'), path.join(dir, 'src/vm/build')]);
    assert.deepEqual(await findBuildDirs(path.join(dir, 'src/vm/build')), [path.join(dir, 'src/vm/build')], 'the folder itself');
    assert.deepEqual(await findBuildDirs(path.join(dir, 'src')), [path.join(dir, 'src/userprog/build'), path.join(dir, 'src/vm/build')], 'a source tree root');
    assert.equal(await isPintosBuildDir(path.join(dir, 'src/threads/build')), false);
    assert.deepEqual(await findBuildDirs(path.join(dir, 'missing')), []);
  });

  it('streams the lines of a runner as they come and reports its exit and stderr', async () => {
    const script = path.join(dir, 'runner.js');
    writeFileSync(script, `process.stdout.write('{"a":1}\\n{"b"'); setTimeout(() => { process.stdout.write(':2}\\nlast'); process.stderr.write('warning\\n'); process.exitCode = 1; }, 50);`);
    const lines: string[] = [];
    const exit = await startCli(script, ['x'], dir, (l) => lines.push(l)).exited;
    assert.deepEqual(lines, ['{"a":1}', '{"b":2}', 'last']);
    assert.deepEqual(exit, { code: 1, stderr: 'warning\n', stopped: false });
  });

  it('says when the runner is missing, and lists nothing then', async () => {
    const exit = await runCliToEnd(path.join(dir, 'dist/cli.js'), [], dir);
    assert.match(exit.startError ?? '', /dist\/cli\.js is missing/);
    await assert.rejects(listTests(path.join(dir, 'dist/cli.js'), dir), /listing the tests of .*: the test runner .* is missing/);
  });

  it('turns a runner usage error into a message with its stderr', async () => {
    const script = path.join(dir, 'usage.js');
    writeFileSync(script, `process.stderr.write('pintos-vm: ' + process.argv.slice(2).join(' ') + ': not a Pintos build folder\\n'); process.exitCode = 2;`);
    await assert.rejects(listTests(script, dir), new RegExp(`listing the tests of ${dir}: pintos-vm: check --list --json --build-dir ${dir}: not a Pintos build folder`));
  });

  it('stops the runner and the processes it started', async function () {
    if (process.platform === 'win32') this.skip();
    const script = path.join(dir, 'slow.js');
    writeFileSync(script, `const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }); console.log(String(c.pid)); setTimeout(() => {}, 60000);`);
    let grandchild = 0;
    const child = startCli(script, [], dir, (l) => (grandchild = Number(l)));
    while (grandchild === 0) await new Promise((r) => setTimeout(r, 20));
    assert.ok(alive(grandchild));
    child.stop();
    const exit = await child.exited;
    assert.equal(exit.stopped, true);
    assert.equal(exit.code, null);
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(!alive(grandchild), 'the process the runner started is gone too');
  });
});

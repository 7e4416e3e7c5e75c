// Launching a DebugRuntime: attribute validation, program errors, stop on entry, threads,
// the transcript, and terminate at any time.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UserFacingError } from '../../../src/runtime/contract';
import { DebugRuntime } from '../../../src/runtime/debug-runtime';
import type { PintosLaunchArguments } from '../../../src/shared/launch';
import { BUILD, RuntimeHarness } from './runtime-harness';

const quiet = {
  stopped: () => undefined,
  output: () => undefined,
  threadStarted: () => undefined,
  threadExited: () => undefined,
  exited: () => undefined,
  vmChanged: () => undefined,
  breakpointChanged: () => undefined,
};

/** The UserFacingError a launch with `args` throws. */
function launchError(args: Partial<PintosLaunchArguments> & Record<string, unknown>): UserFacingError {
  try {
    DebugRuntime.launch({ cwd: BUILD, program: 'hello', ...args } as PintosLaunchArguments, quiet);
  } catch (e) {
    assert.ok(e instanceof UserFacingError, `expected a UserFacingError, got ${String(e)}`);
    return e;
  }
  assert.fail('launch succeeded');
}

describe('runtime: launch', () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['memoryMB', { memoryMB: 'lots' }, /^memoryMB must be an integer between 2 and 1024, got 'lots'$/],
    ['memoryMB', { memoryMB: 1 }, /memoryMB must be an integer between 2 and 1024, got 1/],
    ['swapDisk', { swapDisk: -1 }, /swapDisk must be an integer/],
    ['evictionPolicy', { evictionPolicy: 'lifo' }, /evictionPolicy must be one of clock, fifo, lru, random, got 'lifo'/],
    ['seed', { seed: 1.5 }, /seed must be an integer/],
    ['args', { args: 'one two' }, /args must be an array of strings/],
    ['args[0]', { args: ['has space'] }, /args\[0\] must be a non-empty word/],
    ['stopOnEntry', { stopOnEntry: 'yes' }, /stopOnEntry must be true or false, got 'yes'/],
    ['checkInvariants', { checkInvariants: 1 }, /checkInvariants must be true or false/],
    ['stdin', { stdin: 42 }, /stdin must be a string or/],
    ['stdin', { stdin: { file: 'no-such-input' } }, /stdin: .*no-such-input: no such file/],
    ['files[0]', { files: ['no-such-file'] }, /files\[0\]: .*no-such-file: no such file/],
    ['files[0].guest', { files: [{ host: 'hello', guest: 'a-name-that-is-too-long' }] }, /files\[0\]\.guest must be a Pintos file name/],
    ['sourceMap', { sourceMap: ['x'] }, /sourceMap must be an object/],
    ['trace', { trace: '/no/such/dir/trace.jsonl' }, /trace: \/no\/such\/dir: no such directory/],
    ['cwd', { cwd: '/no/such/dir' }, /cwd: \/no\/such\/dir: no such directory/],
    ['program', { program: 42 }, /program must be the path of a Pintos user program/],
  ];
  for (const [attribute, args, message] of bad) {
    it(`rejects a bad ${attribute} naming it`, () => {
      const e = launchError(args);
      assert.equal(e.attribute, attribute);
      assert.match(e.message, message);
    });
  }

  it('reports a missing program', () => {
    const e = launchError({ program: '/x/y' });
    assert.equal(e.message, 'program: /x/y: no such file');
    assert.equal(e.attribute, 'program');
  });

  it('reports a malformed ELF with the loader reason', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pintos-rt-'));
    const junk = path.join(dir, 'junk');
    writeFileSync(junk, 'this is not an executable at all, just text that is long enough for a header');
    assert.match(launchError({ program: junk }).message, new RegExp(`^program: ${junk} is not a Pintos executable: not an ELF file`));
    const arm = path.join(dir, 'arm');
    const bytes = new Uint8Array(readFileSync(path.join(BUILD, 'hello')));
    bytes[18] = 0xb7;
    writeFileSync(arm, bytes);
    assert.match(launchError({ program: arm }).message, /is not a Pintos executable: not an x86-64 program/);
  });

  it('stops on entry with one thread, then runs to the end with the transcript', async () => {
    const h = new RuntimeHarness({ program: 'hello', args: ['a', 'b'], stopOnEntry: true });
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'entry');
    assert.deepEqual(h.runtime.threads(), [{ id: 1, name: '1 hello' }]);
    assert.equal(h.top(stop.pid).name, '_start');
    assert.match(h.stdout, /Boot complete\.\nPutting 'hello' into the file system/);
    assert.ok(h.log.some((r) => r.kind === 'vmChanged' && !r.running));
    const code = await h.exit(() => h.runtime.resume());
    assert.equal(code, 0);
    assert.match(h.stdout, /\(hello\) argv\[2\] = 'b'/);
    assert.match(h.stdout, /hello: exit\(0\)\nExecution of 'hello a b' complete\.\n[\s\S]*Powering off/);
    assert.ok(h.log.some((r) => r.kind === 'threadExited' && r.pid === 1));
  });

  it('terminates mid-run', async () => {
    const h = new RuntimeHarness({ program: 'bench' });
    h.runtime.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(h.runtime.running, true);
    const code = await h.exit(() => h.runtime.terminate());
    assert.equal(typeof code, 'number');
    assert.equal(h.runtime.running, false);
    assert.match(h.stdout, /Powering off/);
  });

  it('puts the programs next to the program on the disk so exec finds them', async () => {
    const h = new RuntimeHarness({ program: 'merge-sort' });
    const code = await h.exit(() => h.runtime.start());
    assert.equal(code, 0, h.stdout.slice(-1500));
    assert.match(h.stdout, /Putting 'sort-chunk' into the file system/);
    assert.match(h.stdout, /sorter-0: exit\(0\)/);
  });
});

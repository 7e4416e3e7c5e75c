// pintos-vm's V8 code cache (src/cli/code-cache.ts), through the real dist/cli.js: written once
// into a private per-user directory, used by later runs, replaced when it does not fit, and never
// written into a directory others may write to. The transcript is the same in every case.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');
const hello = path.join(root, 'userprogs', 'build', 'hello');

/** Runs `pintos-vm ... run 'hello a'` (the launcher `launcher`, dist/cli.js by default) with $XDG_CACHE_HOME at `cacheHome`; returns its stdout. */
function runHello(cacheHome: string, launcher = cli): string {
  const r = spawnSync(process.execPath, [launcher, '-p', `${hello}:hello`, '--', '-q', '-f', 'run', 'hello a'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome }, timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\(hello\) argc = 2$/m);
  return r.stdout;
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
}

describe('pintos-vm code cache', function () {
  this.timeout(120000);
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'pvm-cache-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('is written by the first run into a 0700 directory, then used unchanged by the next', () => {
    const first = runHello(home);
    const dir = path.join(home, 'pintos-vm');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
    const file = path.join(dir, files[0]);
    const bytes = readFileSync(file);
    assert.ok(bytes.length > 10000, 'the cache holds the compiled bundle');
    const before = statSync(file).mtimeMs;
    assert.equal(runHello(home), first, 'same transcript from the cache');
    assert.equal(statSync(file).mtimeMs, before, 'a cache that fits is not rewritten');
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('replaces a cache V8 rejects (garbage in the file) and runs the same', () => {
    const first = runHello(home);
    const dir = path.join(home, 'pintos-vm');
    const file = path.join(dir, cacheFiles(dir)[0]);
    const garbage = Buffer.alloc(readFileSync(file).length, 0x5a);
    writeFileSync(file, garbage);
    assert.equal(runHello(home), first);
    const rewritten = readFileSync(file);
    assert.notDeepEqual(rewritten, garbage, 'the rejected cache was written again');
    assert.equal(runHello(home), first);
    assert.deepEqual(readFileSync(file), rewritten, 'and V8 took the new one');
  });

  it('gives a bundle changed after the build a cache of its own, and keeps none without the build\'s hash file', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'pvm-dist-'));
    try {
      for (const f of ['cli.js', 'cli-main.js', 'cli-main.js.sha256']) copyFileSync(path.join(root, 'dist', f), path.join(dist, f));
      const launcher = path.join(dist, 'cli.js');
      const first = runHello(home, launcher);
      const dir = path.join(home, 'pintos-vm');
      const [built] = cacheFiles(dir);
      appendFileSync(path.join(dist, 'cli-main.js'), '\n// changed after the build\n');
      assert.equal(runHello(home, launcher), first);
      const after = cacheFiles(dir);
      assert.equal(after.length, 2, `a second cache beside ${built}: ${after.join(', ')}`);
      rmSync(path.join(dist, 'cli-main.js.sha256'));
      rmSync(dir, { recursive: true });
      assert.equal(runHello(home, launcher), first);
      assert.equal(existsSync(dir), false, 'no hash file, no cache');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('writes nothing into a cache directory others may write to', () => {
    const dir = path.join(home, 'pintos-vm');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    runHello(home);
    assert.deepEqual(cacheFiles(dir), []);
  });

  it('is off with PINTOS_VM_CODE_CACHE=off', () => {
    const r = spawnSync(process.execPath, [cli, '-p', `${hello}:hello`, '--', '-q', '-f', 'run', 'hello'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, PINTOS_VM_CODE_CACHE: 'off' } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(home), []);
  });
});

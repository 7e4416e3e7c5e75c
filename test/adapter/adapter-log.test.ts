// Where the adapter writes its log: where it is told (PINTOS_VM_LOG_DIR, as the extension passes
// its log folder), else a private fresh folder under the temp directory, and never the fixed
// name in the shared temp directory, even when someone planted a symbolic link there.
import * as assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AdapterSession, buildAdapter } from './harness';

/** Starts an adapter with `env`, makes it log an internal error; the log file its message names. */
async function loggedPath(env: Record<string, string>): Promise<string> {
  const s = new AdapterSession({ PINTOS_VM_LOG: '', PINTOS_VM_LOG_DIR: '', ...env });
  await s.start();
  try {
    const r = await s.raw('setBreakpoints', {});
    assert.equal(r.success, false);
    const named = /\(details in (.*adapter\.log)\)/.exec(r.message ?? '');
    assert.ok(named, r.message);
    assert.equal((await s.raw('threads')).success, true);
    return named[1];
  } finally {
    await s.stop();
  }
}

describe('adapter: log location', function () {
  // the adapter's temp directory is a fresh one (TMPDIR), so the planted link is ours alone
  let temp: string;
  let fixed: string;
  let victim: string;

  before(() => {
    buildAdapter();
    temp = mkdtempSync(path.join(tmpdir(), 'pintos-shared-tmp-'));
    fixed = path.join(temp, 'pintos-vm-adapter.log');
    victim = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-victim-')), 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, fixed);
  });

  it('writes into a private fresh folder by default, not through a link planted at the old fixed name', async () => {
    const file = await loggedPath({ TMPDIR: temp });
    assert.notEqual(file, fixed);
    assert.equal(path.dirname(path.dirname(file)), temp);
    assert.match(path.basename(path.dirname(file)), /^pintos-vm-/);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o077, 0);
    assert.match(readFileSync(file, 'utf8'), /internal error in 'setBreakpoints'/);
    assert.ok(lstatSync(fixed).isSymbolicLink());
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
  });

  it('writes into the folder it is given', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-logdir-')), 'exthost', 'pintos');
    const file = await loggedPath({ PINTOS_VM_LOG_DIR: dir });
    assert.equal(file, path.join(dir, 'adapter.log'));
    assert.match(readFileSync(file, 'utf8'), /internal error in 'setBreakpoints'/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
  });
});

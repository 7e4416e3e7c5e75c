// pintos-vm end to end: the transcript of a run, and one clear message (no stack trace) with a
// non-zero exit status for each kind of user mistake.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');
const hello = path.join(root, 'userprogs', 'build', 'hello');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pintos-vm runs', function () {
  this.timeout(120000);

  it("prints a Pintos-shaped transcript for hello a b, ending in 'Powering off...'", () => {
    const r = run(['-p', `${hello}:hello`, '--', '-q', '-f', 'run', 'hello a b']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const order = [/^Pintos booting with /, /^Boot complete\.$/, /^Executing 'hello a b':$/, /^\(hello\) argc = 3$/, /^hello: exit\(0\)$/, /^Execution of 'hello a b' complete\.$/, /^Timer: \d+ ticks$/, /^Thread: \d+ idle ticks, \d+ kernel ticks, \d+ user ticks$/, /^hd0:1: \d+ reads, \d+ writes$/, /^Console: \d+ characters output$/, /^Keyboard: \d+ keys pressed$/, /^Exception: \d+ page faults$/];
    let last = -1;
    for (const re of order) {
      const i = at(re);
      assert.ok(i > last, `${re} appears in order:\n${r.stdout}`);
      last = i;
    }
    assert.equal(lines[lines.length - 1], 'Powering off...');
  });

  it('fetches a file back with -g and reports statistics with --stats', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pvm-'));
    const out = path.join(dir, 'hello-copy');
    const r = run(['--stats', '-p', `${hello}:hello`, '-g', `hello:${out}`, '--', '-q', 'run', 'hello']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(spawnSync('cmp', [hello, out]).status, 0, 'the fetched file equals the one put');
    assert.match(r.stdout, /VM statistics \(eviction policy clock\):/);
    assert.match(r.stdout, /Retired instructions: \d+/);
  });

  const mistakes: [string, string[], number, RegExp][] = [
    ['an unknown option', ['--frobnicate', '--', 'run', 'x'], 2, /unknown option '--frobnicate'/],
    ['a bad option value', ['-m', 'lots', '--', 'run', 'x'], 2, /-m expects the guest RAM size/],
    ['a missing host file', ['-p', '/no/such/file:x', '--', 'run', 'x'], 1, /\/no\/such\/file: no such file/],
    ['a program not put on the disk', ['-p', `${hello}:hello`, '--', '-q', 'run', 'other'], 1, /'other' is not on the Pintos disk/],
    ['a guest name over 14 characters', ['-p', `${hello}:fifteen-letters`, '--', 'run', 'x'], 1, /names are at most 14 characters/],
  ];
  for (const [what, args, status, message] of mistakes) {
    it(`rejects ${what} with one clear message`, () => {
      const r = run(args);
      assert.equal(r.status, status);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('rejects a malformed ELF with the reason, after the Pintos load message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pvm-'));
    const bad = path.join(dir, 'bad');
    writeFileSync(bad, Buffer.concat([Buffer.from('\x7fELF\x01', 'latin1'), Buffer.alloc(100)]));
    const r = run(['-p', `${bad}:bad`, '--', '-q', 'run', 'bad']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^load: bad: error loading executable$/m);
    assert.match(r.stderr, /is not a Pintos executable: not a 64-bit ELF file/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

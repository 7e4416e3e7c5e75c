// `pintos-vm --trace FILE` writes only inside the current directory: a path leading outside (by
// `..`, an absolute path or a symbolic link on the way) or a link at the file itself is refused
// with a message, and nothing outside is touched.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildHostile, hostile, ROOT } from '../fuzz/hostile-programs';

const CLI = path.join(ROOT, 'dist', 'cli.js');

describe('pintos-vm --trace stays inside the current directory', function () {
  this.timeout(60_000);
  let top: string;
  let cwd: string;
  let victim: string;

  before(() => buildHostile());
  beforeEach(() => {
    top = mkdtempSync(path.join(os.tmpdir(), 'trace-confined-'));
    cwd = path.join(top, 'work');
    mkdirSync(cwd);
    victim = path.join(top, 'victim.txt');
    writeFileSync(victim, 'precious');
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  /** Runs priv-insn (a short run) with `--trace=trace` from `cwd`. */
  function run(trace: string): { status: number | null; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, `--trace=${trace}`, '-p', `${hostile('priv-insn')}:priv-insn`, '--', '-q', '-f', 'run', 'priv-insn'], { cwd, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stderr: r.stderr };
  }

  it('writes a trace inside it', () => {
    const r = run('sub-trace.jsonl');
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(path.join(cwd, 'sub-trace.jsonl'), 'utf8'), /"kind":"exit"/);
  });

  for (const [label, trace] of [
    ['a path with ..', () => '../victim.txt'],
    ['an absolute path outside', () => victim],
  ] as const) {
    it(`refuses ${label}`, () => {
      const r = run(trace());
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^pintos-vm: --trace: .+ is outside the current directory .+; written files must stay inside it$/m);
      assert.equal(readFileSync(victim, 'utf8'), 'precious');
    });
  }

  it('refuses a directory link leading outside and a link at the file', () => {
    symlinkSync(top, path.join(cwd, 'out'));
    let r = run('out/victim.txt');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /outside the current directory/);
    symlinkSync(victim, path.join(cwd, 'link.jsonl'));
    r = run('link.jsonl');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^pintos-vm: --trace: .+link\.jsonl is a symbolic link/m);
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
  });
});

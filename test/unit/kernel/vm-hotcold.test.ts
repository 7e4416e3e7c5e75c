// The hotcold workload (userprogs/tests/vm/hotcold.c, explained in userprogs/tests/vm/README.md)
// tells the eviction policies apart in `pintos-vm --stats`: its hot pages are used between every
// two faults, so clock (second chance over the accessed bits) and LRU keep them while FIFO evicts
// them in load order and takes them back at once. The program's output is the same for all.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { VM_BUILD_DIR } from '../../support/vm-suite';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = process.env.PINTOS_VM_CLI ? path.resolve(process.env.PINTOS_VM_CLI) : path.join(root, 'dist', 'cli.js');

/** The swap-in faults of the `all total` row of `--stats` output. */
function swapInFaults(stdout: string): number {
  const lines = stdout.split('\n');
  const header = lines.find((l) => l.trim().startsWith('pid ') && l.includes('swap-in'));
  const total = lines.find((l) => /^all\s+total\s/.test(l));
  assert.ok(header !== undefined && total !== undefined, `--stats table in:\n${stdout}`);
  const column = header.trim().split(/\s+/).indexOf('swap-in');
  return Number(total.trim().split(/\s+/)[column]);
}

function run(policy: string): { stdout: string; swapIns: number } {
  const r = spawnSync(
    process.execPath,
    [cli, '--stats', `--eviction=${policy}`, '-m', '2', '--swap-disk=4', '-p', `${VM_BUILD_DIR}/hotcold:hotcold`, '--', '-q', '-f', 'run', 'hotcold'],
    { cwd: root, encoding: 'utf8', timeout: 120000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, swapIns: swapInFaults(r.stdout) };
}

describe('hotcold: clock and FIFO differ in --stats', function () {
  this.timeout(120000);

  before(function () {
    this.timeout(300000);
    assert.ok(existsSync(cli), `${cli} exists (build it with \`node scripts/build.mjs\`)`);
    execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'vm-tests'], { stdio: 'pipe' });
  });

  it('FIFO takes hundreds more swap-in faults than clock and LRU; the output is the same', () => {
    const clock = run('clock');
    const fifo = run('fifo');
    const lru = run('lru');
    // 512 cold pages x 4 rounds: about 2,050 swap-ins are unavoidable; each of FIFO's extra
    // ones is a hot page evicted in load order although it was used a moment before.
    assert.ok(fifo.swapIns > clock.swapIns + 300, `fifo ${fifo.swapIns} vs clock ${clock.swapIns}`);
    assert.ok(fifo.swapIns > lru.swapIns + 300, `fifo ${fifo.swapIns} vs lru ${lru.swapIns}`);
    const program = (s: string) => s.split('\n').filter((l) => l.startsWith('(hotcold)') || l.startsWith('hotcold:'));
    assert.deepEqual(program(fifo.stdout), program(clock.stdout));
    assert.deepEqual(program(lru.stdout), program(clock.stdout));
  });
});

// Hostile guest programs (userprogs/hostile) end as Pintos ends them: those that never stop (fork
// storms, exec loops of a 448 GiB program, system-call loops) at the -T limit, in host time far
// under the 10 s sanity bound; the others with the exit Pintos gives them.
import { strict as assert } from 'node:assert';
import { buildHostile } from './hostile-programs';
import { runHostile } from './hostile-run';

/** Host time a -T 1 run may take at most: a sanity bound, not a benchmark (npm run fuzz prints figures). */
const SANITY_MS = 10_000;

describe('fuzz: hostile guest programs', function () {
  this.timeout(120_000);
  before(() => buildHostile());

  for (const name of ['fork-storm', 'fork-tree', 'exec-huge', 'syscall-spin']) {
    it(`${name} stops at -T 1 (100 ticks) in bounded host time`, () => {
      const r = runHostile(name, 1);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^TIMEOUT after 1 seconds of guest time$/m);
      assert.ok(r.ms < SANITY_MS, `${name}: ${r.ms.toFixed(0)} ms of host time`);
    });
  }

  it('huge-bss is refused by the loader at once', () => {
    const r = runHostile('huge-bss', 1);
    assert.match(r.stdout, /^load: huge-bss: error loading executable$/m);
    assert.match(r.stderr, /the kernel could not load it/);
  });

  it('stack-overflow and every privileged instruction end with exit(-1)', () => {
    assert.match(runHostile('stack-overflow', 5).stdout, /^stack-overflow: exit\(-1\)$/m);
    for (let n = 0; n <= 8; n++) assert.match(runHostile(`priv-insn ${n}`, 5).stdout, /^priv-insn: exit\(-1\)$/m, `priv-insn ${n}`);
  });

  it('fd-fill gets -1 once the descriptor table is full, and exits with the count it got', () => {
    const r = runHostile('fd-fill', 30);
    const got = Number(/^fd-fill: exit\((\d+)\)$/m.exec(r.stdout)?.[1]);
    assert.ok(got >= 10, r.stdout);
  });

  it('swap-fill is killed once no frame and no swap slot is left (4 MiB of RAM, 1 unit of swap)', () => {
    const r = runHostile('swap-fill', 60, ['-m', '4', '--swap-disk=1']);
    assert.match(r.stdout, /^swap-fill: exit\(-1\)$/m);
  });

  it('bad-call: a kernel or unmapped pointer in every pointer-taking call ends the process with exit(-1)', () => {
    // create, remove, open, read, write, exec, mkdir, chdir, symlink, mount, umount
    for (const nr of [3, 5, 6, 7, 17, 16, 21, 23, 24]) {
      for (const addr of ['0x8004000000', '0x1000', '0xffffffffffffffff']) {
        const r = runHostile(`bad-call ${nr} ${addr}`, 5);
        assert.match(r.stdout, /^bad-call: exit\(-1\)$/m, `call ${nr} with ${addr}`);
      }
    }
  });
});

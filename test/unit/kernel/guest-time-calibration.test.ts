// Guest time is calibrated on Pintos-KAIST under QEMU (shared PINTOS-ABI.md §8): our programs
// take tick counts of the same order as the comparable real tests (within about 3x), and long
// programs end far inside the `-T` the course makefiles give.
import { strict as assert } from 'node:assert';
import { TICK_WORK } from '../../../src/kernel/threads/timer';
import type { Kernel } from '../../../src/kernel/kernel';
import { bootProgram, buildUserprogsFirst, PROGRAMS, runCli, runToStop, type GuestProgram } from '../../support/guest-run';

/** Runs `program` to its end (no deadline unless given) and returns the kernel. */
function finish(program: GuestProgram, tickLimit?: number): Kernel {
  const kernel = bootProgram(program, tickLimit);
  const stop = runToStop(kernel);
  assert.deepEqual(stop, { kind: 'finished', how: 'completed' });
  return kernel;
}

/** Asserts `ticks` is within 3x of the real figure `real`. */
function sameOrder(ticks: number, real: number, what: string): void {
  assert.ok(ticks >= real / 3 && ticks <= real * 3, `${what}: ${ticks} ticks, real Pintos ${real}`);
}

describe('guest time: calibration against real Pintos', function () {
  this.timeout(60000);
  buildUserprogsFirst();

  it('hello takes tens of ticks, most of them booting (real args-none: 65 = 39 idle, 25 kernel, 1 user)', () => {
    const t = finish(PROGRAMS.hello).timer;
    assert.ok(t.ticks >= 40 && t.ticks <= 100, `${t.ticks} ticks`);
    assert.ok(t.idleTicks >= 20 && t.idleTicks <= 60, `${t.idleTicks} idle ticks`);
    assert.ok(t.userTicks <= 2, `${t.userTicks} user ticks`);
    assert.equal(t.idleTicks + t.kernelTicks + t.userTicks, t.ticks);
  });

  it('bench retires ~460 M instructions at 6.5 M a tick: ~70 user ticks, far inside -T 60 (it timed out at 1 MIPS)', () => {
    const r = runCli(PROGRAMS.bench, ['--stats', '-T', '60']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /^bench: exit\(0\)$/m);
    const retired = Number(/^Retired instructions: (\d+)$/m.exec(r.stdout)?.[1]);
    const [, ticks, userTicks] = (/^Timer: (\d+) ticks\nThread: \d+ idle ticks, \d+ kernel ticks, (\d+) user ticks$/m.exec(r.stdout) ?? []).map(Number);
    const computeTicks = retired / TICK_WORK;
    assert.ok(retired > 400e6, `${retired} instructions`);
    assert.ok(userTicks >= Math.floor(computeTicks) && userTicks <= computeTicks + 3, `${userTicks} user ticks for ${computeTicks.toFixed(1)} ticks of instructions`);
    assert.ok(ticks <= 200, `${ticks} ticks`);
  });

  it('merge-sort (~11,500 file-system sectors, 8 exec children) is of the order of page-merge-seq (1,085 ticks)', () => {
    const kernel = finish(PROGRAMS.mergeSort);
    assert.ok(kernel.fsDisk.reads + kernel.fsDisk.writes > 10_000);
    sameOrder(kernel.timer.ticks, 1085, 'merge-sort');
  });

  it('swap-anon (20 MiB through swap at 10 MiB of RAM) is of the order of the real swap-anon (1,117 ticks), inside -T 180', () => {
    const kernel = finish(PROGRAMS.swapAnon, 18_000);
    assert.ok(kernel.swapDisk && kernel.swapDisk.reads + kernel.swapDisk.writes > 80_000);
    sameOrder(kernel.timer.ticks, 1117, 'swap-anon');
    assert.ok(kernel.timer.idleTicks < kernel.timer.userTicks, 'swap transfers are mostly busy time');
  });

  it('fork-bomb: a fork with its exit costs a fraction of a tick (real fork-recursive: 66 ticks)', () => {
    const baseline = finish(PROGRAMS.hello).timer.ticks;
    const kernel = bootProgram(PROGRAMS.forkBomb);
    let forks = 0;
    kernel.events.listen((e) => {
      if (e.kind === 'fork') forks++;
    });
    assert.equal(runToStop(kernel).kind, 'finished');
    const perFork = (kernel.timer.ticks - baseline) / forks;
    assert.ok(forks > 100, `${forks} forks`);
    assert.ok(perFork >= 0.05 && perFork <= 0.5, `${perFork.toFixed(3)} ticks per fork`);
  });
});

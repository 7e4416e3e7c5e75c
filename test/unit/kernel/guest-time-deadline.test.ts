// `-T` is exact to the tick: the run stops at the first tick at which ticks >= T * TIMER_FREQ,
// whether the deadline falls in the boot, in user code, in a fork loop or in file and swap I/O;
// and a run is deterministic, deadline or not.
import { strict as assert } from 'node:assert';
import type { Kernel } from '../../../src/kernel/kernel';
import { ticksForSeconds } from '../../../src/kernel/threads/timer';
import { bootProgram, buildUserprogsFirst, PROGRAMS, runCli, runToStop, type GuestProgram } from '../../support/guest-run';

/** Runs `program` with a deadline at `limit` ticks; asserts it timed out exactly there. */
function stopsAt(program: GuestProgram, limit: number): Kernel {
  const kernel = bootProgram(program, limit);
  assert.deepEqual(runToStop(kernel), { kind: 'timeout' });
  assert.equal(kernel.timer.ticks, limit, `stopped at tick ${kernel.timer.ticks}, limit ${limit}`);
  const t = kernel.timer;
  assert.equal(t.idleTicks + t.kernelTicks + t.userTicks, t.ticks);
  return kernel;
}

/** Like stopsAt, for a deadline meant to fall after the boot: asserts the program had run. */
function stopsWhileRunning(program: GuestProgram, limit: number): Kernel {
  const kernel = stopsAt(program, limit);
  assert.ok(kernel.machine.retired > 0 && kernel.timer.userTicks > 0, 'the deadline fell after the boot');
  return kernel;
}

describe('guest time: -T stops at exactly its tick', function () {
  this.timeout(60000);
  buildUserprogsFirst();

  it('converts seconds to the first tick at or past them', () => {
    assert.equal(ticksForSeconds(0.01), 1);
    assert.equal(ticksForSeconds(0.07), 7);
    assert.equal(ticksForSeconds(0.015), 2);
    assert.equal(ticksForSeconds(0.0001), 1);
    assert.equal(ticksForSeconds(60), 6000);
  });

  for (const limit of [1, 10, 44, 50]) {
    it(`during the boot (hello, ${limit} ticks)`, () => {
      stopsAt(PROGRAMS.hello, limit);
    });
  }

  it('a deadline in the boot leaves the boot unfinished and nothing run', () => {
    const kernel = stopsAt(PROGRAMS.hello, 1);
    assert.doesNotMatch(kernel.console.text, /Boot complete/);
    assert.equal(kernel.machine.retired, 0);
  });

  for (const limit of [66, 72, 78]) {
    it(`in user code (bench, ${limit} ticks): no instruction past the deadline`, () => {
      const kernel = stopsWhileRunning(PROGRAMS.bench, limit);
      const retired = kernel.machine.retired;
      assert.deepEqual(kernel.run(1_000_000), { kind: 'timeout' });
      assert.equal(kernel.machine.retired, retired, 'the machine stays stopped');
    });
  }

  for (const limit of [70, 90, 120]) {
    it(`in a fork loop, mostly kernel work (fork-bomb, ${limit} ticks)`, () => {
      stopsWhileRunning(PROGRAMS.forkBomb, limit);
    });
  }

  for (const limit of [150, 333, 500]) {
    it(`in file I/O with exec'd children (merge-sort, ${limit} ticks)`, () => {
      stopsWhileRunning(PROGRAMS.mergeSort, limit);
    });
  }

  it('in swap traffic (swap-anon, 400 ticks)', () => {
    stopsWhileRunning(PROGRAMS.swapAnon, 400);
  });

  it('pintos-vm -T 0.01 reports the timeout after one tick of guest time, with no trailer', () => {
    const r = runCli(PROGRAMS.bench, ['-T', '0.01']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /\nTIMEOUT after 0\.01 seconds of guest time\n$/);
    assert.doesNotMatch(r.stdout, /^(Boot complete|Timer: )/m);
  });
});

describe('guest time: determinism', function () {
  this.timeout(60000);
  buildUserprogsFirst();

  it('two runs of a multi-process program with swapping print identical transcripts, ticks included', () => {
    const first = runCli(PROGRAMS.swapFork);
    const second = runCli(PROGRAMS.swapFork);
    assert.equal(first.status, 0, first.stdout);
    assert.match(first.stdout, /^Thread: \d+ idle ticks, \d+ kernel ticks, \d+ user ticks$/m);
    assert.equal(second.stdout, first.stdout);
  });

  it('two runs stopped by the same deadline stop at the same instruction', () => {
    const a = bootProgram(PROGRAMS.mergeSort, 250);
    const b = bootProgram(PROGRAMS.mergeSort, 250);
    runToStop(a);
    runToStop(b);
    assert.equal(a.machine.retired, b.machine.retired);
    assert.equal(a.console.text, b.console.text);
  });
});

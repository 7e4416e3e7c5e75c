// Whole-machine checkpoints: restoring one and running on repeats exactly what the machine did
// after it (transcript, every kernel event with its instruction count, the clock and the disk
// counters), for programs that swap, fork with copy-on-write, exec, use files and mmap; an earlier
// checkpoint restores after a later one was restored; disks are shared copy-on-write.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { bootMachine, defaultKernelConfig } from '../../../src/cli/boot';
import type { KernelEvent } from '../../../src/kernel/events';
import type { BootedMachine } from '../../../src/runtime/machine-boot';
import { restoreCheckpoint, takeCheckpoint, type MachineCheckpoint } from '../../../src/runtime/history/machine-checkpoint';

const build = path.resolve(__dirname, '..', '..', '..', 'userprogs', 'build');

interface Program {
  cmdline: string;
  files: string[];
  memoryMB?: number;
}

const PROGRAMS: Program[] = [
  { cmdline: 'pressure 4', files: ['pressure'], memoryMB: 2 },
  { cmdline: 'fork-cow', files: ['fork-cow'] },
  { cmdline: 'merge-sort', files: ['merge-sort', 'sort-chunk'] },
  { cmdline: 'mmap-rw', files: ['mmap-rw'] },
];

/** A booted machine for `p` with an event recorder. */
function boot(p: Program): { booted: BootedMachine; events: KernelEvent[] } {
  const config = { ...defaultKernelConfig(), memoryMB: p.memoryMB ?? 20 };
  const files = p.files.map((f) => ({ host: path.join(build, f), guest: f }));
  const booted = bootMachine(config, files, p.cmdline, `-q -f run '${p.cmdline}'`);
  const events: KernelEvent[] = [];
  booted.kernel.events.listen((e) => {
    events.push(e);
  });
  return { booted, events };
}

/** Runs until `retired` instructions (or the end); true when the run finished. */
function runTo(booted: BootedMachine, retired: number): boolean {
  while (booted.machine.retired < retired) {
    const stop = booted.kernel.run(retired - booted.machine.retired);
    if (stop.kind === 'finished') return true;
    if (stop.kind !== 'budget' && stop.kind !== 'event') throw new Error(`unexpected stop ${stop.kind}`);
  }
  return false;
}

/** Runs to the end and powers off; what an observer sees of the whole run. */
function finish(booted: BootedMachine): { transcript: string; ticks: number; disks: string } {
  runTo(booted, Number.MAX_SAFE_INTEGER);
  booted.kernel.powerOff();
  const k = booted.kernel;
  return { transcript: k.console.text, ticks: k.timer.ticks, disks: `${k.fsDisk.reads}/${k.fsDisk.writes}/${k.swapDisk?.reads}/${k.swapDisk?.writes}` };
}

const eventKey = (e: KernelEvent) => JSON.stringify(e);

describe('history: whole-machine checkpoints', function () {
  this.timeout(120_000);
  for (const p of PROGRAMS) {
    it(`replays ${p.cmdline} exactly from checkpoints taken along the way`, () => {
      const reference = boot(p);
      const whole = finish(reference.booted);
      const total = reference.booted.machine.retired;
      const { booted, events } = boot(p);
      const checkpoints: MachineCheckpoint[] = [];
      for (const fraction of [0.2, 0.5, 0.8]) {
        runTo(booted, Math.floor(total * fraction));
        checkpoints.push(takeCheckpoint(booted, []));
      }
      for (const cp of [checkpoints[2], checkpoints[0]]) {
        restoreCheckpoint(booted, cp, []);
        assert.equal(booted.machine.retired, cp.retired);
        assert.equal(booted.kernel.events.count, cp.seq);
        const after = events.findIndex((e) => e.seq > cp.seq);
        if (after >= 0) events.length = after;
        const again = finish(booted);
        assert.equal(again.transcript, whole.transcript, 'same transcript');
        assert.equal(again.ticks, whole.ticks, 'same clock');
        assert.equal(again.disks, whole.disks, 'same disk traffic');
        assert.deepEqual(events.map(eventKey), reference.events.map(eventKey), 'same events, same instruction counts');
        assert.equal(booted.machine.retired, total);
      }
    });
  }
});

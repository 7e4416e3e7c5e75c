// Checkpoints taken one after another share the records of kernel objects that did not change
// (kernel-image.ts). None may miss a change: processes created and destroyed between two
// checkpoints, file descriptors opened and closed, pages mapped and unmapped. Restoring any
// checkpoint, in any order, gives exactly the kernel state it was taken in (every reachable object,
// field by field), and running on from it repeats the rest of the run.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { bootMachine, defaultKernelConfig } from '../../../src/cli/boot';
import type { KernelEvent } from '../../../src/kernel/events';
import { kernelImager, restoreCheckpoint, takeCheckpoint, type MachineCheckpoint } from '../../../src/runtime/history/machine-checkpoint';
import type { BootedMachine } from '../../../src/runtime/machine-boot';
import { kernelFingerprint } from './kernel-fingerprint';

const build = path.resolve(__dirname, '..', '..', '..', 'userprogs', 'build');

interface Case {
  cmdline: string;
  files: string[];
  /** what must happen between two consecutive checkpoints for the case to test what it says */
  between: (events: KernelEvent[]) => boolean;
  what: string;
  /** where checkpoints are taken, as fractions of the whole run */
  at: number[];
}

const syscalls = (events: KernelEvent[], name: string) => events.some((e) => e.kind === 'syscall' && e.name === name);

const CASES: Case[] = [
  {
    cmdline: 'merge-sort',
    files: ['merge-sort', 'sort-chunk'],
    what: 'a process created and destroyed',
    at: [0.1, 0.15, 0.5, 0.6, 0.8],
    between: (events) => events.some((e) => e.kind === 'process-start' && events.some((x) => x.kind === 'exit' && x.pid === e.pid)),
  },
  { cmdline: 'mmap-rw', files: ['mmap-rw'], what: 'a file mapped and unmapped', at: [0.2, 0.5, 0.76, 0.85, 0.95], between: (events) => events.some((e) => e.kind === 'mmap') && events.some((e) => e.kind === 'munmap') },
  { cmdline: 'merge-sort', files: ['merge-sort', 'sort-chunk'], what: 'a file opened and closed', at: [0.1, 0.15, 0.5, 0.6, 0.8], between: (events) => syscalls(events, 'open') && syscalls(events, 'close') },
  { cmdline: 'pressure 4', files: ['pressure'], what: 'pages swapped out and in', at: [0.2, 0.4, 0.6, 0.8], between: (events) => events.some((e) => e.kind === 'swap-out') && events.some((e) => e.kind === 'swap-in') },
];

function boot(c: Case): { booted: BootedMachine; events: KernelEvent[] } {
  const config = { ...defaultKernelConfig(), memoryMB: c.cmdline.startsWith('pressure') ? 2 : 20 };
  const booted = bootMachine(config, c.files.map((f) => ({ host: path.join(build, f), guest: f })), c.cmdline, `-q -f run '${c.cmdline}'`);
  const events: KernelEvent[] = [];
  booted.kernel.events.listen((e) => {
    events.push(e);
  });
  return { booted, events };
}

/** Asserts two fingerprints are equal, showing the first line that differs. */
function sameState(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, j) => line !== e[j]);
  assert.fail(`${what}: line ${i} is\n  ${a[i]?.slice(0, 600)}\nexpected\n  ${e[i]?.slice(0, 600)}`);
}

function runTo(booted: BootedMachine, retired: number): void {
  while (booted.machine.retired < retired) {
    const stop = booted.kernel.run(retired - booted.machine.retired);
    if (stop.kind === 'finished') return;
  }
}

function finish(booted: BootedMachine): string {
  runTo(booted, Number.MAX_SAFE_INTEGER);
  booted.kernel.powerOff();
  return `${booted.kernel.console.text}\nticks ${booted.kernel.timer.ticks}, events ${booted.kernel.events.count}`;
}

describe('history: incremental checkpoints miss no change', function () {
  this.timeout(300_000);
  for (const c of CASES) {
    it(`restores every checkpoint exactly across ${c.what} (${c.cmdline})`, () => {
      const reference = boot(c);
      const whole = finish(reference.booted);
      const total = reference.booted.machine.retired;
      const { booted, events } = boot(c);
      const imager = kernelImager(booted);
      const taken: { cp: MachineCheckpoint; fingerprint: string }[] = [];
      for (const fraction of c.at) {
        runTo(booted, Math.floor(total * fraction));
        const cp = takeCheckpoint(booted, [], imager);
        taken.push({ cp, fingerprint: kernelFingerprint(booted) });
      }
      // the interesting change happened inside one interval, and that interval's checkpoint shared records
      const interval = taken.findIndex((t, i) => i > 0 && c.between(events.filter((e) => e.seq > taken[i - 1].cp.seq && e.seq <= t.cp.seq)));
      assert.ok(interval > 0, `no interval between two checkpoints with ${c.what}`);
      const shared = taken[interval].cp.kernel;
      assert.ok(shared.fresh < shared.objects.length, 'the checkpoint after the change shares unchanged records');
      // restore going back (a restore releases the later checkpoints); each restore is exact, field by field
      const order = [...new Set([taken.length - 1, interval, interval - 1, 0])];
      for (const i of order) {
        const { cp, fingerprint } = taken[i];
        restoreCheckpoint(booted, cp, []);
        assert.equal(booted.machine.retired, cp.retired);
        sameState(kernelFingerprint(booted), fingerprint, `kernel state after restoring checkpoint ${i}`);
        if (i === interval - 1) {
          // run on across the interval: the same changes happen again, and the next checkpoint is the same state
          runTo(booted, taken[interval].cp.retired);
          sameState(kernelFingerprint(booted), taken[interval].fingerprint, 'state after replaying the interval');
        }
      }
      assert.equal(finish(booted), whole, 'the rest of the run repeats exactly');
    });
  }
});

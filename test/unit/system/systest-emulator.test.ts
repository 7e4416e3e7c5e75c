// Boots the test kernel of systest/ on our own PC (src/emu/pc/) from the same disks QEMU boots,
// entering it in the state the boot sector leaves (src/emu/pc/pintos-boot.ts), and requires the
// serial transcript QEMU prints (systest/expected.txt): the differential test of the full-system
// mode.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PcMachine } from '../../../src/emu/pc/pc-machine';
import { bootPintosDirect } from '../../../src/emu/pc/pintos-boot';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { SYSTEST_DIR, SYSTEST_MARKER, systestDisks } from './systest-disks';

/** A BlockDevice holding `bytes`. */
function disk(name: string, bytes: Uint8Array): BlockDevice {
  const d = new BlockDevice(name, bytes.length / 512);
  for (let s = 0; s < d.sectorCount; s++) d.write(s, bytes.subarray(s * 512, s * 512 + 512));
  return d;
}

/** Boots the test kernel on our PC; returns its serial output and how the run ended. */
function bootOnEmulator(): { text: string; end: string; retired: number } {
  const set = systestDisks();
  const bytes: number[] = [];
  const pc = new PcMachine({
    ramBytes: 256 * 1024 * 1024,
    instructionsPerSecond: 100_000_000,
    disks: { os: disk('hd0:0', set.os!), fs: disk('hd0:1', set.fs!), scratch: disk('hd1:0', set.scratch!), swap: disk('hd1:1', set.swap!) },
    serialSink: (b: number) => void bytes.push(b),
    startTime: 1_700_000_000,
  });
  bootPintosDirect(pc, set.os!);
  let stop = pc.run(50_000_000);
  for (let k = 0; k < 40 && stop.kind === 'budget'; k++) stop = pc.run(50_000_000);
  return { text: Buffer.from(bytes).toString('latin1'), end: JSON.stringify(stop), retired: pc.machine.retired };
}

describe('test kernel booted on our PC (systest/, full-system mode)', function () {
  this.timeout(300_000);
  before(() => {
    execFileSync('make', ['-C', SYSTEST_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
  });

  let first: ReturnType<typeof bootOnEmulator> | undefined;

  it('prints the transcript QEMU prints and powers itself off', () => {
    const started = performance.now();
    const run = bootOnEmulator();
    first = run;
    console.log(`      booted to power-off in ${run.retired.toLocaleString('en-US')} instructions, ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const lines = run.text.replace(/\r/g, '').split('\n');
    const from = lines.findIndex((l) => l.startsWith(SYSTEST_MARKER));
    const want = readFileSync(path.join(SYSTEST_DIR, 'expected.txt'), 'utf8').trimEnd().split('\n');
    const got = from < 0 ? [] : lines.slice(from, from + want.length);
    for (let i = 0; i < want.length; i++) {
      assert.equal(got[i], want[i], `line ${i + 1} (run ended ${run.end} after ${run.retired} instructions); output so far:\n${run.text.slice(-2000)}`);
    }
    assert.match(run.end, /power-off/);
  });

  it('boots the same way twice: the same output at the same instruction count (determinism)', function () {
    if (!first) this.skip();
    const again = bootOnEmulator();
    assert.equal(again.text, first!.text);
    assert.equal(again.retired, first!.retired);
    assert.equal(again.end, first!.end);
  });
});

// Boots the test kernel of systest/ on our own PC (src/emu/pc/) from the same disks QEMU boots,
// entering it in the state the boot sector leaves (src/emu/pc/pintos-boot.ts), and requires the
// serial transcript QEMU prints (systest/expected.txt): the differential test of the full-system
// mode.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SNAPSHOT_COPY, SNAPSHOT_RESTORE } from '../../../src/kernel/snapshot-hooks';
import { SYSTEST_DIR, SYSTEST_MARKER } from './systest-disks';
import { bootedPc, runToEnd } from './systest-pc';

/** Boots the test kernel on our PC; returns its serial output and how the run ended. */
function bootOnEmulator(): { text: string; end: string; retired: number } {
  const { pc, bytes } = bootedPc();
  const end = runToEnd(pc);
  return { text: Buffer.from(bytes).toString('latin1'), end, retired: pc.machine.retired };
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

  it('restoring a snapshot taken mid-boot replays the rest exactly (output, disks, instruction count)', () => {
    const { pc, disks, bytes } = bootedPc();
    pc.run(4_000_000);
    const at = bytes.length;
    const snap = pc.snapshot();
    const disksAt = Object.values(disks).map((d) => d[SNAPSHOT_COPY]());
    const firstEnd = runToEnd(pc);
    const first = { text: Buffer.from(bytes.slice(at)).toString('latin1'), retired: pc.machine.retired, swap: disks.swap.peekBytes(0, 4 * 1024 * 1024) };
    pc.restore(snap);
    Object.values(disks).forEach((d, i) => d[SNAPSHOT_RESTORE](disksAt[i]));
    bytes.length = at;
    const secondEnd = runToEnd(pc);
    assert.match(firstEnd, /power-off/);
    assert.equal(secondEnd, firstEnd);
    assert.equal(pc.machine.retired, first.retired);
    assert.equal(Buffer.from(bytes.slice(at)).toString('latin1'), first.text);
    assert.ok(first.text.includes('Powering off...'), first.text);
    assert.deepEqual(disks.swap.peekBytes(0, 4 * 1024 * 1024), first.swap);
  });
});

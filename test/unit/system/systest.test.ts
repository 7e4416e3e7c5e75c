// Boots the test kernel of systest/ under qemu-system-x86_64 from disks laid out like the pintos
// script's, and checks its serial transcript line by line against systest/expected.txt, then the
// sectors and the file it left on the disks. The same transcript is what the embedded emulator
// must print when it boots the same disks.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readGets, sector } from './disks';
import { haveQemu, INSTALL_HINT, kernelTranscript, QEMU, QemuRun, runQemu } from './qemu-run';
import { sampleText, SYSTEST_BUILD, SYSTEST_DIR, SYSTEST_MARKER, systestDisks, writeTestPattern } from './systest-disks';

const EXPECTED = path.join(SYSTEST_DIR, 'expected.txt');

/** The expected lines (the file ends with a newline). */
function expectedLines(): string[] {
  const lines = readFileSync(EXPECTED, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Fails at the first line that differs, showing a few lines of context. */
function assertTranscript(got: string[], want: string[]): void {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (got[i] === want[i]) continue;
    const from = Math.max(0, i - 3);
    const context = got.slice(from, i).map((l) => `    ${l}`).join('\n');
    assert.fail(
      `transcript line ${i + 1} differs from systest/expected.txt\n` +
        `  after:\n${context}\n  expected: ${JSON.stringify(want[i] ?? '<end of transcript>')}\n` +
        `  got:      ${JSON.stringify(got[i] ?? '<end of transcript>')}`,
    );
  }
}

describe('test kernel booted under QEMU (systest/)', function () {
  this.timeout(180000);
  let first: QemuRun | undefined;

  before(function () {
    if (!haveQemu()) {
      console.log(`    skipped: ${QEMU} is not installed; ${INSTALL_HINT}`);
      this.skip();
    }
    execFileSync('make', ['-C', SYSTEST_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('kernel.o carries DWARF for the supplemental page table types', () => {
    const info = execFileSync('readelf', ['--debug-dump=info', path.join(SYSTEST_BUILD, 'kernel.o')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const name of ['page', 'frame', 'supplemental_page_table', 'page_operations', 'uninit_page', 'anon_page', 'hash', 'hash_elem', 'list', 'list_elem', 'intr_frame', 'thread']) {
      assert.match(info, new RegExp(`DW_AT_name\\s*:( \\(indirect string, offset: 0x[0-9a-f]+\\):)? ${name}\\n`), `struct ${name}`);
    }
  });

  it('boots from the boot sector, prints systest/expected.txt and powers itself off', () => {
    first = runQemu(systestDisks(), { timeoutMs: 60000 });
    assert.ok(!first.timedOut, `QEMU did not power off within 60 s; output:\n${first.output}`);
    assert.equal(first.status, 0, `QEMU exit status; output:\n${first.output}`);
    const got = kernelTranscript(first.output, SYSTEST_MARKER);
    assert.ok(got.length > 0, `no "${SYSTEST_MARKER}" line in QEMU's output:\n${first.output}`);
    assertTranscript(got, expectedLines());
    assert.ok(first.elapsedMs < 10000, `the boot took ${first.elapsedMs} ms (under 10 s expected)`);
  });

  it('left the file it got back and the sectors it wrote on the disks', function () {
    if (!first) this.skip();
    const disks = first!.disks;
    const [got] = readGets(disks.scratch!, 1);
    assert.ok(got, 'a GET record at the start of the scratch disk');
    assert.deepEqual(Buffer.from(got), Buffer.from(sampleText()), 'sample.txt came back unchanged');
    assert.deepEqual(Buffer.from(sector(disks.swap!, -2)), Buffer.from(writeTestPattern(0x5a)), 'swap disk write test sector');
    assert.deepEqual(Buffer.from(sector(disks.scratch!, -1)), Buffer.from(writeTestPattern(0xc3)), 'scratch disk write test sector');
  });

  it('prints the same transcript on a second boot', function () {
    if (!first) this.skip();
    const again = runQemu(systestDisks(), { timeoutMs: 60000 });
    assert.deepEqual(kernelTranscript(again.output, SYSTEST_MARKER), kernelTranscript(first!.output, SYSTEST_MARKER));
  });
});

// `pintos-vm --system` as a drop-in for the pintos script: run in the test kernel's build
// directory with the script's options, it builds the disks, boots os.dsk on the emulator's PC and
// prints the serial transcript; the files to get come back to the host.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleText, SYSTEST_BUILD, SYSTEST_DIR } from './systest-disks';

/** The lines of systest/expected.txt; the two about the labelled last sectors of the fs and swap
 *  disks (which our tests' disk set labels, and the pintos script leaves blank) as patterns. */
function expectedLines(): (string | RegExp)[] {
  return readFileSync(path.join(SYSTEST_DIR, 'expected.txt'), 'utf8').trimEnd().split('\n').map((l) =>
    l.startsWith('disk: hd0:1 4032 sectors') ? /^disk: hd0:1 4032 sectors, last sector "" fnv1a 0x[0-9a-f]+$/
    : l.startsWith('disk: hd1:1 8064 sectors') ? /^disk: hd1:1 8064 sectors, last sector "" fnv1a 0x[0-9a-f]+$/
    : l);
}

describe('pintos-vm --system', function () {
  this.timeout(120_000);
  const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
  let tmp: string;
  before(() => {
    execFileSync('make', ['-C', SYSTEST_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
    tmp = mkdtempSync(path.join(tmpdir(), 'pintos-vm-system-'));
    writeFileSync(path.join(tmp, 'sample.txt'), sampleText());
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const run = (args: string[], cwd = SYSTEST_BUILD) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  it("boots the build directory's os.dsk with the pintos script's options and prints the kernel's transcript", () => {
    const got = path.join(tmp, 'got.txt');
    const r = run(['--system', '-v', '-k', '-T', '30', '--fs-disk=2', '--swap-disk=4', '-p', 'userprog:userprog', '-p', `${path.join(tmp, 'sample.txt')}:sample.txt`, '-g', `sample.txt:${got}`,
      '--', '-q', 'run', 'userprog', 'run', 'userprog fault']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.replace(/\r/g, '').trimEnd().split('\n');
    const want = expectedLines();
    assert.equal(lines.length, want.length, r.stdout);
    want.forEach((w, i) => (typeof w === 'string' ? assert.equal(lines[i], w) : assert.match(lines[i], w)));
    assert.deepEqual(readFileSync(got), Buffer.from(sampleText()), 'the file got back is the one put');
  });

  it('stops at the -T limit of guest time with the TIMEOUT line', () => {
    const r = run(['--system', '-T', '0.05', '--fs-disk=2', '-p', 'userprog:userprog', '--', '-q', 'run', 'userprog']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /\nTIMEOUT after 0\.05 seconds of guest time\n$/);
  });

  it('outside a build directory says where os.dsk comes from', () => {
    const r = run(['--system', '--', '-q'], tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no os\.dsk in .*: run pintos-vm --system in a Pintos build directory after make/);
  });

  it('names a missing file to put', () => {
    const r = run(['--system', '-p', 'no-such-file:x', '--', '-q']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot read file to put .*no-such-file/);
  });
});

// The disk builder lays disks out as the pintos script does (no emulator needed).
import { strict as assert } from 'node:assert';
import {
  blankDisk,
  CMDLINE_ARGC_OFFSET,
  CMDLINE_ARGS_OFFSET,
  fnv1a,
  kernelArguments,
  mkdiskBytes,
  readCommandLine,
  readGets,
  scratchDisk,
  sector,
  stampLastSector,
  withCommandLine,
} from './disks';

describe('disk images in the pintos script layout', () => {
  it('sizes disks like pintos-mkdisk (0xfc000 bytes per megabyte)', () => {
    assert.equal(mkdiskBytes(2), 2 * 0xfc000);
    assert.equal(mkdiskBytes(0.5), 0x7e000, 'one cylinder of 16 x 63 sectors');
    assert.equal(mkdiskBytes(0.6), 2 * 0x7e000, 'cylinders round up');
    assert.equal(blankDisk(4).length / 512, 8064);
  });

  it('orders the kernel arguments: options, puts, actions, gets', () => {
    assert.deepEqual(kernelArguments(['-q', '-f', 'run', 'prog a'], ['prog'], ['out']), ['-q', '-f', 'put', 'prog', 'run', 'prog a', 'get', 'out']);
    assert.deepEqual(kernelArguments(['-q']), ['-q']);
  });

  it('writes the command line at 0x17a (count) and 0x17e (arguments) of the boot sector', () => {
    const os = new Uint8Array(1024).fill(0xee);
    os[510] = 0x55;
    os[511] = 0xaa;
    const out = withCommandLine(os, ['-q', 'run', 'a b']);
    assert.equal(out[CMDLINE_ARGC_OFFSET], 3);
    assert.equal(Buffer.from(out.subarray(CMDLINE_ARGS_OFFSET, CMDLINE_ARGS_OFFSET + 11)).toString('latin1'), '-q\0run\0a b\0');
    assert.equal(out[CMDLINE_ARGS_OFFSET + 127], 0, 'the rest of the 128 bytes is cleared');
    assert.deepEqual([out[510], out[511], out[512]], [0x55, 0xaa, 0xee], 'signature and kernel untouched');
    assert.deepEqual(readCommandLine(out), ['-q', 'run', 'a b']);
    assert.equal(os[CMDLINE_ARGC_OFFSET], 0xee, 'the input is not modified');
    assert.throws(() => withCommandLine(os, ['x'.repeat(128)]), /exceeds 128 bytes/);
  });

  it('puts files on the scratch disk and reads back what a kernel got', () => {
    const a = Buffer.from('hello'), b = new Uint8Array(600).fill(7);
    const scratch = scratchDisk([{ data: a }, { data: b }], 1);
    assert.equal(scratch.length, 512 + 512 + 512 + 1024 + 0x100000);
    assert.equal(Buffer.from(scratch.subarray(0, 4)).toString('latin1'), 'PUT\0');
    assert.equal(scratch[4], 5);
    assert.equal(Buffer.from(scratch.subarray(1024, 1028)).toString('latin1'), 'PUT\0');
    assert.equal(scratch[1024 + 4] | (scratch[1024 + 5] << 8), 600);
    // A kernel's "get" overwrites from sector 0.
    scratch.set(Buffer.from('GET\0'), 0);
    scratch[4] = 3;
    scratch.set(Buffer.from('abc'), 512);
    assert.deepEqual(readGets(scratch, 1).map((f) => Buffer.from(f).toString()), ['abc']);
  });

  it('stamps a label into the last sector and hashes like the test kernel', () => {
    const d = blankDisk(1);
    stampLastSector(d, 'label');
    assert.equal(Buffer.from(sector(d, -1).subarray(0, 6)).toString('latin1'), 'label\0');
    assert.equal(sector(d, -1)[511], 511 & 0xff);
    assert.equal(fnv1a(Buffer.from('')), 0x811c9dc5);
    assert.equal(fnv1a(Buffer.from('a')), 0xe40c292c);
  });
});

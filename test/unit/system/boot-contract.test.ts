// The boot contract's data matches the boot sector and kernel that `make -C systest` builds.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENTRY_STATE, kernelImage, KERNEL_LOAD_ADDRESS, LOADER_GDT, MEMORY_MAP_RECORDS, memoryMapBlock, seabiosMemoryMap } from './boot-contract';
import { CMDLINE_ARGC_OFFSET } from './disks';
import { SYSTEST_BUILD, SYSTEST_DIR } from './systest-disks';

describe('boot contract of the test kernel', function () {
  this.timeout(120000);

  before(() => {
    execFileSync('make', ['-C', SYSTEST_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('lays out the memory-map block as the boot sector stores it', () => {
    const block = memoryMapBlock(seabiosMemoryMap(256));
    const v = new DataView(block.buffer);
    assert.equal(v.getUint32(0, true), 0x40);
    assert.equal(v.getUint32(44, true), 7 * 24);
    assert.equal(v.getUint32(48, true), MEMORY_MAP_RECORDS);
    const at = MEMORY_MAP_RECORDS - 0x7000 + 3 * 24;
    assert.equal(v.getUint32(at, true), 20);
    assert.equal(v.getBigUint64(at + 4, true), 0x100000n);
    assert.equal(v.getBigUint64(at + 12, true), 0xfee0000n);
    assert.equal(v.getUint32(at + 20, true), 1);
  });

  it('matches the built boot sector, kernel image and entry point', () => {
    const os = readFileSync(path.join(SYSTEST_BUILD, 'os.dsk'));
    const loader = os.subarray(0, 512);
    const gdt = Buffer.alloc(24);
    LOADER_GDT.forEach((d, i) => gdt.writeBigUInt64LE(d, i * 8));
    assert.ok(loader.includes(gdt), 'the boot sector carries the contract GDT');
    assert.deepEqual([loader[510], loader[511]], [0x55, 0xaa]);
    assert.equal(loader.readUInt32LE(CMDLINE_ARGC_OFFSET), 0, 'an empty command line until the builder writes one');
    const kernelBin = readFileSync(path.join(SYSTEST_BUILD, 'kernel.bin'));
    assert.deepEqual(Buffer.from(kernelImage(os)), kernelBin);
    const header = execFileSync('readelf', ['-h', path.join(SYSTEST_BUILD, 'kernel.o')], { encoding: 'utf8' });
    assert.match(header, new RegExp(`Entry point address:\\s+0x${ENTRY_STATE.eip.toString(16)}\\n`));
    assert.equal(ENTRY_STATE.eip, KERNEL_LOAD_ADDRESS);
    const sections = execFileSync('readelf', ['-lW', path.join(SYSTEST_BUILD, 'kernel.o')], { encoding: 'utf8' });
    assert.match(sections, /LOAD\s+0x[0-9a-f]+ 0x0000008004200000 0x0000000000200000 /, 'the kernel is linked at 0x8004200000, loaded at 0x200000');
  });
});

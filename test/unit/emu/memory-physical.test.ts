import { strict as assert } from 'node:assert';
import { PhysicalMemory } from '../../../src/emu/memory/physical-memory';

describe('memory: physical memory', () => {
  it('allocates zeroed RAM of the requested size', () => {
    const mem = new PhysicalMemory(20 * 1024 * 1024);
    assert.equal(mem.ram.length, 20 * 1024 * 1024);
    assert.equal(mem.frameCount, 5120);
    assert.equal(mem.ram[12345], 0);
    assert.equal(mem.view.buffer, mem.ram.buffer);
  });

  it('rejects sizes that are not positive multiples of 4096', () => {
    assert.throws(() => new PhysicalMemory(0), RangeError);
    assert.throws(() => new PhysicalMemory(4097), RangeError);
    assert.throws(() => new PhysicalMemory(-4096), RangeError);
  });

  it('reads and writes bytes, 32- and 64-bit little-endian values', () => {
    const mem = new PhysicalMemory(64 * 1024);
    mem.writeBytes(0x100, new Uint8Array([1, 2, 3]));
    assert.deepEqual([...mem.readBytes(0x100, 3)], [1, 2, 3]);
    mem.writeU32(0x200, 0xdeadbeef);
    assert.equal(mem.readU32(0x200), 0xdeadbeef);
    assert.equal(mem.readU8(0x200), 0xef);
    mem.writeU64(0x300, 0x8000_0000_1234_5007n);
    assert.equal(mem.readU64(0x300), 0x8000_0000_1234_5007n);
    assert.equal(mem.ram[0x307], 0x80);
    mem.writeU8(0x400, 0x7f);
    assert.equal(mem.ram[0x400], 0x7f);
  });

  it('zeroes and copies pages', () => {
    const mem = new PhysicalMemory(64 * 1024);
    mem.fill(0x1000, 4096, 0xaa);
    mem.copyPage(0x3000, 0x1000);
    assert.equal(mem.ram[0x3fff], 0xaa);
    mem.zeroPage(0x1000);
    assert.equal(mem.ram[0x1000], 0);
    assert.equal(mem.ram[0x3000], 0xaa);
    assert.throws(() => mem.zeroPage(0x1001), RangeError);
  });

  it('refuses accesses outside RAM with a RangeError naming the range', () => {
    const mem = new PhysicalMemory(8192);
    assert.throws(() => mem.readU64(8188), /outside RAM/);
    assert.throws(() => mem.writeBytes(8190, new Uint8Array(4)), RangeError);
    assert.throws(() => mem.zeroPage(8192), RangeError);
  });
});

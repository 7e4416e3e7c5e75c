// The Pintos base file system: fixed-size files, 14-character names, a 16-entry root directory,
// remove while open, deny-write, and disk traffic counted sector by sector.
import { strict as assert } from 'node:assert';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { FileSystem } from '../../../src/kernel/filesys/filesys';

const text = (s: string) => new TextEncoder().encode(s);
const fresh = () => new FileSystem(new BlockDevice('hd0:1', 20160));

describe('file system', () => {
  it('creates files of a fixed size, zero-filled; writes stop at the end', () => {
    const fs = fresh();
    assert.equal(fs.create('a.txt', 1000), true);
    const f = fs.open('a.txt')!;
    assert.equal(f.length, 1000);
    const buf = new Uint8Array(2000).fill(7);
    assert.equal(f.read(buf, 2000), 1000);
    assert.ok(buf.subarray(0, 1000).every((b) => b === 0));
    f.position = 990;
    assert.equal(f.write(text('0123456789abcdef'), 16), 10, 'write stops at end of file');
    assert.equal(f.write(text('x'), 1), 0, 'write at end of file writes nothing');
    f.close();
    assert.equal(new TextDecoder().decode(fs.getFile('a.txt')!.subarray(990)), '0123456789');
  });

  it('rejects bad names, duplicates, and a full directory', () => {
    const fs = fresh();
    assert.equal(fs.create('', 10), false);
    assert.equal(fs.create('fifteen-chars-x', 10), false);
    assert.equal(fs.create('fourteen-chars', 10), true);
    assert.equal(fs.create('fourteen-chars', 10), false);
    for (let i = 1; i < 16; i++) assert.equal(fs.create(`f${i}`, 0), true, `file ${i}`);
    assert.equal(fs.create('one-too-many', 0), false, 'the root directory holds 16 entries');
  });

  it('keeps a removed file readable through open descriptors and frees it at the last close', () => {
    const fs = fresh();
    const before = fs.freeSectors;
    fs.putFile('gone', text('hello, world'));
    const f = fs.open('gone')!;
    assert.equal(fs.remove('gone'), true);
    assert.equal(fs.open('gone'), undefined);
    assert.equal(fs.remove('gone'), false);
    const buf = new Uint8Array(12);
    assert.equal(f.read(buf, 12), 12);
    assert.equal(new TextDecoder().decode(buf), 'hello, world');
    assert.ok(fs.freeSectors < before);
    f.close();
    assert.equal(fs.freeSectors, before, 'every sector comes back');
    assert.equal(fs.openFileInodes, 0);
  });

  it('denies writes while a deny-writer has it open, and allows them after', () => {
    const fs = fresh();
    fs.putFile('prog', new Uint8Array(600));
    const exe = fs.open('prog')!;
    exe.denyWrite();
    const other = fs.open('prog')!;
    assert.equal(other.write(text('abc'), 3), 0);
    exe.close();
    assert.equal(other.write(text('abc'), 3), 3);
    other.close();
  });

  it('counts disk traffic per sector: partial writes read first, full ones do not', () => {
    const disk = new BlockDevice('hd0:1', 20160);
    const fs = new FileSystem(disk);
    fs.create('t', 2048);
    const f = fs.open('t')!;
    const r0 = disk.reads;
    const w0 = disk.writes;
    f.write(new Uint8Array(1024), 1024); // two full sectors
    assert.deepEqual([disk.reads - r0, disk.writes - w0], [0, 2]);
    f.position = 100;
    f.write(new Uint8Array(10), 10); // one partial sector
    assert.deepEqual([disk.reads - r0, disk.writes - w0], [1, 3]);
    f.position = 0;
    f.read(new Uint8Array(2048), 2048);
    assert.equal(disk.reads - r0, 5);
    f.close();
  });

  it('refuses to put a file that does not fit, naming it', () => {
    const fs = new FileSystem(new BlockDevice('hd0:1', 64));
    assert.throws(() => fs.putFile('big', new Uint8Array(64 * 512)), /cannot put 'big'/);
  });
});

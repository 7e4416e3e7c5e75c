import { strict as assert } from 'node:assert';
import { Access } from '../../../src/emu/memory/contract';
import { describeWalk } from '../../../src/emu/memory/page-table-inspect';
import { mapPage } from '../../../src/emu/memory/page-table';
import { FRAME_POOL, USER_RW, makeFixture } from './memory-fixture';

const A = 0x405000;
const B = 0x406000;
const FA = FRAME_POOL;
const FB = FRAME_POOL + 0x1000;

/** A fixture with pages A and B mapped to frames FA and FB, and a user store of one byte. */
function fixture(mib = 4) {
  const f = makeFixture(mib);
  f.map(A, FA, USER_RW);
  f.map(B, FB, USER_RW);
  const store = (va: number, value: number) => {
    f.ms.ram[f.ms.translate(va, Access.Write, true)] = value;
  };
  const load = (va: number) => f.ms.ram[f.ms.translate(va, Access.Read, true)];
  return { ...f, store, load };
}

describe('memory: snapshots', () => {
  it('restore undoes user writes, including writes through a write entry cached before the snapshot', () => {
    const f = fixture();
    f.store(A, 1);
    f.store(B, 0); // sets A/D in the tables now, so only data pages are saved below
    const s = f.ms.snapshot();
    f.store(A, 2);
    f.store(A + 1, 3);
    f.store(B + 5, 4);
    const r = f.ms.restore(s);
    assert.deepEqual([f.load(A), f.load(A + 1), f.load(B + 5)], [1, 0, 0]);
    assert.deepEqual(r.frames, [FA / 4096, FB / 4096]);
  });

  it('restores the A/D bits the MMU set in the page tables, and kernel physical writes', () => {
    const f = fixture();
    const s = f.ms.snapshot();
    f.store(A, 7);
    assert.equal(f.ms.snapshotPageCount(s), 5); // the data page and the four tables of its walk
    f.ms.writePhysical(FB + 10, new Uint8Array([9]));
    f.ms.phys.writeU64(FB + 16, 0x1234n);
    f.ms.restore(s);
    const leaf = describeWalk(f.ms.phys, f.pml4, A).levels[3].flags;
    assert.deepEqual([leaf.accessed, leaf.dirty], [false, false]);
    assert.equal(f.ms.ram[FB + 10], 0);
    assert.equal(f.ms.phys.readU64(FB + 16), 0n);
  });

  it('several snapshots restore to each point, newest first or directly to an older one', () => {
    const f = fixture();
    const s1 = f.ms.snapshot();
    f.store(A, 1);
    const s2 = f.ms.snapshot();
    f.store(A, 2);
    f.store(B, 2);
    const s3 = f.ms.snapshot();
    f.store(B, 3);
    f.ms.restore(s3);
    assert.deepEqual([f.load(A), f.load(B)], [2, 2]);
    f.ms.restore(s2);
    assert.deepEqual([f.load(A), f.load(B)], [1, 0]);
    f.store(B, 5);
    f.ms.restore(s1);
    assert.deepEqual([f.load(A), f.load(B)], [0, 0]);
  });

  it('a snapshot can be restored again after running on from it; later ones are released', () => {
    const f = fixture();
    const s1 = f.ms.snapshot();
    f.store(A, 1);
    const s2 = f.ms.snapshot();
    f.ms.restore(s1);
    assert.throws(() => f.ms.restore(s2), /released/);
    f.store(A, 5);
    f.ms.restore(s1);
    assert.equal(f.load(A), 0);
    f.store(B, 6);
    f.ms.restore(s1);
    assert.equal(f.load(B), 0);
  });

  it('releasing a middle or the newest snapshot keeps the others exact', () => {
    const f = fixture();
    const s1 = f.ms.snapshot();
    f.store(A, 1);
    const s2 = f.ms.snapshot();
    f.store(A, 2);
    f.store(B, 2);
    const s3 = f.ms.snapshot();
    f.store(B, 3);
    f.ms.releaseSnapshot(s2);
    f.ms.restore(s3);
    assert.deepEqual([f.load(A), f.load(B)], [2, 2]);
    f.store(A, 4);
    f.ms.releaseSnapshot(s3);
    f.store(A, 5);
    f.store(B, 5);
    f.ms.restore(s1);
    assert.deepEqual([f.load(A), f.load(B)], [0, 0]);
    assert.throws(() => f.ms.releaseSnapshot(s2), /released/);
  });

  it('restore cost is the number of pages written since, not the size of RAM', () => {
    const f = fixture(256);
    f.map(0x500000, 200 * 1024 * 1024, USER_RW);
    for (const va of [A, B, 0x500000]) f.store(va, 0); // A/D bits already set: no table page is saved
    const s = f.ms.snapshot();
    for (let i = 0; i < 1000; i++) f.store(A + (i % 4096), i & 0xff);
    f.store(B, 1);
    f.store(0x500000, 1);
    assert.equal(f.ms.snapshotPageCount(s), 3);
    const r = f.ms.restore(s);
    assert.equal(r.pagesCopied, 3);
    assert.equal(f.ms.snapshotPageCount(s), 0);
  });

  it('pages written in several intervals are copied once per interval', () => {
    const f = fixture();
    f.store(A, 0);
    const s1 = f.ms.snapshot();
    f.store(A, 1);
    f.ms.snapshot();
    f.store(A, 2);
    const r = f.ms.restore(s1);
    assert.equal(r.pagesCopied, 2);
    assert.deepEqual(r.frames, [FA / 4096]);
    assert.equal(f.load(A), 0);
  });

  it('restored code pages are reported to the code-write listener and unmarked', () => {
    const f = fixture();
    const calls: number[] = [];
    f.ms.onCodeWrite((ppn) => calls.push(ppn));
    const s = f.ms.snapshot();
    f.store(A, 0x90);
    f.ms.markCodePage(FA / 4096);
    f.ms.markCodePage(0x300); // marked but never written: not restored, stays marked
    f.ms.restore(s);
    assert.deepEqual(calls, [FA / 4096]);
    assert.equal(f.ms.isCodePage(FA / 4096), false);
    assert.equal(f.ms.isCodePage(0x300), true);
  });

  it('restore brings back the page-table root and flushes the TLB', () => {
    const f = fixture();
    f.load(A);
    const s = f.ms.snapshot();
    const other = f.alloc()!;
    f.ms.phys.zeroPage(other);
    mapPage(f.ms.phys, other, A, FRAME_POOL + 0x9000, USER_RW, f.alloc);
    f.ms.setRoot(other);
    assert.equal(f.ms.translate(A, Access.Read, true), FRAME_POOL + 0x9000);
    f.ms.restore(s);
    assert.equal(f.ms.root, f.pml4);
    assert.equal(f.ms.tlbEntryCount(), 0);
    assert.equal(f.ms.translate(A, Access.Read, true), FA);
  });

  it('without live snapshots no page is saved', () => {
    const f = fixture();
    const s = f.ms.snapshot();
    f.ms.releaseSnapshot(s);
    f.store(A, 1);
    const t = f.ms.snapshot();
    assert.equal(f.ms.snapshotPageCount(t), 0);
  });
});

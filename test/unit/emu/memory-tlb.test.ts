import { strict as assert } from 'node:assert';
import { Access, PfError } from '../../../src/emu/memory/contract';
import { describeWalk } from '../../../src/emu/memory/page-table-inspect';
import { mapPage, unmapPage, updatePte, walk } from '../../../src/emu/memory/page-table';
import { PTE_A, PTE_D } from '../../../src/emu/memory/pte';
import { FRAME_POOL, USER_RW, faultOf, makeFixture } from './memory-fixture';

const PAGE = 0x405000;
const OLD = FRAME_POOL;
const NEW = FRAME_POOL + 0x7000;

/** A fixture with PAGE mapped to OLD and its read and write translations cached. */
function cached() {
  const f = makeFixture();
  f.map(PAGE, OLD, USER_RW);
  f.ms.translate(PAGE, Access.Read, true);
  f.ms.translate(PAGE, Access.Write, true);
  return f;
}

/** Remaps PAGE to NEW in the page tables only (no invalidation). */
function remap(f: ReturnType<typeof cached>): void {
  mapPage(f.ms.phys, f.pml4, PAGE, NEW, USER_RW, f.alloc);
}

describe('memory: software TLB', () => {
  it('keeps using a stale translation until invalidatePage, then walks the new one', () => {
    const f = cached();
    remap(f);
    assert.equal(f.ms.translate(PAGE + 1, Access.Read, true), OLD + 1);
    assert.equal(f.ms.translate(PAGE + 1, Access.Write, true), OLD + 1);
    f.ms.invalidatePage(PAGE + 0x800);
    assert.equal(f.ms.translate(PAGE + 1, Access.Read, true), NEW + 1);
    assert.equal(f.ms.translate(PAGE + 1, Access.Write, true), NEW + 1);
  });

  it('flushTlb drops every entry', () => {
    const f = cached();
    remap(f);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), OLD);
    f.ms.flushTlb();
    assert.equal(f.ms.tlbEntryCount(), 0);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), NEW);
  });

  it('setRoot flushes, even when the root does not change', () => {
    const f = cached();
    remap(f);
    f.ms.setRoot(f.pml4);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), NEW);
  });

  it('an unmapped page stays reachable until invalidated, then faults', () => {
    const f = cached();
    unmapPage(f.ms.phys, f.pml4, PAGE);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), OLD);
    f.ms.invalidatePage(PAGE);
    assert.equal(faultOf(() => f.ms.translate(PAGE, Access.Read, true)).errorCode, PfError.User);
  });

  it('invalidating one page keeps the others', () => {
    const f = cached();
    f.map(PAGE + 0x1000, FRAME_POOL + 0x1000, USER_RW);
    f.ms.translate(PAGE + 0x1000, Access.Read, true);
    mapPage(f.ms.phys, f.pml4, PAGE + 0x1000, NEW, USER_RW, f.alloc);
    f.ms.invalidatePage(PAGE);
    assert.equal(f.ms.translate(PAGE + 0x1000, Access.Read, true), FRAME_POOL + 0x1000);
  });

  it('a TLB hit does not set A again after the kernel cleared it; the walk after invlpg does', () => {
    const f = cached();
    const ptePa = walk(f.ms.phys, f.pml4, PAGE, false)!;
    updatePte(f.ms.phys, ptePa, 0n, PTE_A | PTE_D);
    f.ms.translate(PAGE, Access.Write, true);
    assert.equal(describeWalk(f.ms.phys, f.pml4, PAGE).levels[3].flags.accessed, false);
    f.ms.invalidatePage(PAGE);
    f.ms.translate(PAGE, Access.Read, true);
    const leaf = describeWalk(f.ms.phys, f.pml4, PAGE).levels[3].flags;
    assert.deepEqual([leaf.accessed, leaf.dirty], [true, false]);
    f.ms.translate(PAGE, Access.Write, true);
    assert.equal(describeWalk(f.ms.phys, f.pml4, PAGE).levels[3].flags.dirty, true);
  });

  it('switching address spaces translates through the new tables', () => {
    const f = cached();
    const other = f.alloc()!;
    f.ms.phys.zeroPage(other);
    mapPage(f.ms.phys, other, PAGE, NEW, USER_RW, f.alloc);
    f.ms.setRoot(other);
    assert.equal(f.ms.root, other);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), NEW);
    f.ms.setRoot(f.pml4);
    assert.equal(f.ms.translate(PAGE, Access.Read, true), OLD);
    assert.throws(() => f.ms.setRoot(0x123), RangeError);
  });
});

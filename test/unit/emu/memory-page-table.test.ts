import { strict as assert } from 'node:assert';
import { describeWalk, enumerateMappings } from '../../../src/emu/memory/page-table-inspect';
import { lookupPage, mapPage, readPte, tablePagesBelow, unmapPage, updatePte, walk, writePte } from '../../../src/emu/memory/page-table';
import {
  PTE_A,
  PTE_D,
  PTE_P,
  PTE_PS,
  PTE_U,
  PTE_W,
  decodePteFlags,
  formatPteFlags,
  makePte,
  pteAddress,
} from '../../../src/emu/memory/pte';
import { FRAME_POOL, KERNEL_RW, TABLE_POOL, USER_RO, USER_RW, makeFixture } from './memory-fixture';

const USER_VA = 0x4747f000; // first stack page
const KERNEL_VA = 0x8004000000 + FRAME_POOL;

describe('memory: page tables in RAM', () => {
  it('walk without create finds nothing in an empty PML4', () => {
    const f = makeFixture();
    assert.equal(walk(f.ms.phys, f.pml4, USER_VA, false), undefined);
    assert.equal(f.tablePages(), 1);
  });

  it('walk with create builds three zeroed tables linked P|W|U and returns the PTE address', () => {
    const f = makeFixture();
    const mem = f.ms.phys;
    mem.fill(TABLE_POOL + 0x1000, 0x3000, 0xff); // garbage where the tables will go
    const ptePa = walk(mem, f.pml4, USER_VA, true, f.alloc);
    assert.equal(f.tablePages(), 4);
    const pml4e = readPte(mem, f.pml4 + 0 * 8);
    assert.equal(pml4e, makePte(TABLE_POOL + 0x1000, PTE_P | PTE_W | PTE_U));
    const pdpte = readPte(mem, TABLE_POOL + 0x1000 + 1 * 8); // bits 38..30 of 0x4747f000 = 1
    assert.equal(pteAddress(pdpte), TABLE_POOL + 0x2000);
    const pde = readPte(mem, TABLE_POOL + 0x2000 + 0x3a * 8); // bits 29..21 = 0x3a
    assert.equal(pteAddress(pde), TABLE_POOL + 0x3000);
    assert.equal(ptePa, TABLE_POOL + 0x3000 + 0x7f * 8); // bits 20..12 = 0x7f
    assert.equal(readPte(mem, ptePa!), 0n);
    assert.equal(walk(mem, f.pml4, USER_VA + 0x1000, true, f.alloc), (ptePa as number) + 8);
    assert.equal(f.tablePages(), 4);
  });

  it('mapPage writes the leaf with P added; lookupPage resolves it; unmapPage clears only P', () => {
    const f = makeFixture();
    const mem = f.ms.phys;
    assert.ok(mapPage(mem, f.pml4, USER_VA, FRAME_POOL, USER_RW, f.alloc));
    const ptePa = walk(mem, f.pml4, USER_VA, false)!;
    assert.equal(readPte(mem, ptePa), makePte(FRAME_POOL, PTE_P | PTE_W | PTE_U));
    assert.equal(lookupPage(mem, f.pml4, USER_VA + 0x123), FRAME_POOL + 0x123);
    updatePte(mem, ptePa, PTE_A | PTE_D, 0n);
    assert.equal(unmapPage(mem, f.pml4, USER_VA), makePte(FRAME_POOL, PTE_P | PTE_W | PTE_U | PTE_A | PTE_D));
    assert.equal(readPte(mem, ptePa), makePte(FRAME_POOL, PTE_W | PTE_U | PTE_A | PTE_D));
    assert.equal(lookupPage(mem, f.pml4, USER_VA), undefined);
    assert.equal(unmapPage(mem, f.pml4, USER_VA), undefined);
    assert.equal(unmapPage(mem, f.pml4, 0x1000), undefined);
  });

  it('kernel mappings get P|W intermediate entries; unaligned addresses are refused', () => {
    const f = makeFixture();
    const mem = f.ms.phys;
    assert.ok(mapPage(mem, f.pml4, KERNEL_VA, FRAME_POOL, KERNEL_RW, f.alloc));
    const pml4e = readPte(mem, f.pml4 + 1 * 8);
    assert.equal(pml4e & 0xfffn, PTE_P | PTE_W);
    assert.throws(() => mapPage(mem, f.pml4, 0x400001, FRAME_POOL, USER_RW, f.alloc), RangeError);
    assert.throws(() => mapPage(mem, f.pml4, 0x400000, FRAME_POOL + 1, USER_RW, f.alloc), RangeError);
  });

  it('mapPage fails cleanly when no table page can be allocated', () => {
    const f = makeFixture(4, {}, 2); // the PML4 and one more
    assert.equal(mapPage(f.ms.phys, f.pml4, USER_VA, FRAME_POOL, USER_RW, f.alloc), false);
    assert.equal(lookupPage(f.ms.phys, f.pml4, USER_VA), undefined);
  });

  it('describeWalk shows every level of a mapped page', () => {
    const f = makeFixture();
    f.map(USER_VA, FRAME_POOL, USER_RO);
    const d = describeWalk(f.ms.phys, f.pml4, USER_VA + 0x10);
    assert.equal(d.outcome, 'mapped');
    assert.equal(d.pa, FRAME_POOL + 0x10);
    assert.equal(d.pageSize, 4096);
    assert.equal(d.user, true);
    assert.equal(d.writable, false);
    assert.deepEqual(
      d.levels.map((l) => [l.name, l.index, l.leaf]),
      [
        ['PML4', 0, false],
        ['PDPT', 1, false],
        ['PD', 0x3a, false],
        ['PT', 0x7f, true],
      ],
    );
    assert.equal(d.levels[0].entryPa, f.pml4);
    assert.equal(d.levels[3].flags.present, true);
    assert.equal(d.levels[3].flags.writable, false);
  });

  it('describeWalk stops at the first non-present level', () => {
    const f = makeFixture();
    f.map(USER_VA, FRAME_POOL, USER_RW);
    assert.equal(describeWalk(f.ms.phys, f.pml4, 0x8000000000).levels.length, 1); // PML4 entry 1 empty
    const atPdpt = describeWalk(f.ms.phys, f.pml4, 0x400000); // PDPT entry 0 empty
    assert.equal(atPdpt.outcome, 'not-present');
    assert.deepEqual(atPdpt.levels.map((l) => l.name), ['PML4', 'PDPT']);
    assert.equal(describeWalk(f.ms.phys, f.pml4, USER_VA + 0x1000).levels.length, 4);
  });

  it('describeWalk and lookupPage handle a 2 MiB page (PS in the PD entry)', () => {
    const f = makeFixture();
    const mem = f.ms.phys;
    const pdePa = walk(mem, f.pml4, 0x600000, true, f.alloc)!; // builds PML4 → PDPT → PD → PT
    const pdPa = describeWalk(mem, f.pml4, 0x600000).levels[2].entryPa;
    assert.notEqual(pdePa, pdPa);
    writePte(mem, pdPa, makePte(0x200000, PTE_P | PTE_W | PTE_U | PTE_PS));
    const d = describeWalk(mem, f.pml4, 0x6abcde);
    assert.equal(d.outcome, 'mapped');
    assert.equal(d.pageSize, 2 * 1024 * 1024);
    assert.equal(d.pa, 0x200000 + 0xabcde);
    assert.equal(d.levels.length, 3);
    assert.equal(lookupPage(mem, f.pml4, 0x6abcde), 0x2abcde);
    assert.equal(walk(mem, f.pml4, 0x6abcde, false), undefined);
  });

  it('enumerateMappings lists present user leaves from the bytes, in address order', () => {
    const f = makeFixture();
    f.map(0x400000, FRAME_POOL, USER_RO);
    f.map(0x401000, FRAME_POOL + 0x1000, USER_RW);
    f.map(USER_VA, FRAME_POOL + 0x2000, USER_RW);
    f.map(KERNEL_VA, FRAME_POOL, KERNEL_RW);
    f.map(0x402000, FRAME_POOL + 0x3000, USER_RW);
    unmapPage(f.ms.phys, f.pml4, 0x402000);
    const user = enumerateMappings(f.ms.phys, f.pml4);
    assert.deepEqual(
      user.map((m) => [m.va, m.pa, m.writable]),
      [
        [0x400000, FRAME_POOL, false],
        [0x401000, FRAME_POOL + 0x1000, true],
        [USER_VA, FRAME_POOL + 0x2000, true],
      ],
    );
    const all = enumerateMappings(f.ms.phys, f.pml4, { includeSupervisor: true });
    assert.equal(all.length, 4);
    assert.equal(all[3].va, KERNEL_VA);
    assert.equal(all[3].user, false);
  });

  it('tablePagesBelow lists the tables a process owns, not those shared with kernel mappings', () => {
    const f = makeFixture();
    const kernBase = 0x8004000000;
    f.map(0x400000, FRAME_POOL, USER_RO); // PDPT0, PD0, PT0 (pages 1, 2, 3)
    f.map(USER_VA, FRAME_POOL, USER_RW); // PD1, PT1 (pages 4, 5)
    f.map(kernBase - 0x1000, FRAME_POOL, USER_RW); // PDPT1, PD2, PT2 (pages 6, 7, 8)
    f.map(kernBase, FRAME_POOL, KERNEL_RW); // PT3 (page 9), in PD2
    const page = (n: number) => TABLE_POOL + n * 0x1000;
    assert.deepEqual(tablePagesBelow(f.ms.phys, f.pml4, kernBase), [3, 2, 5, 4, 1, 8].map(page));
  });

  it('decodes and formats entry flags', () => {
    const pte = makePte(0x5000, PTE_P | PTE_U | PTE_A);
    const flags = decodePteFlags(pte);
    assert.equal(flags.present && flags.user && flags.accessed, true);
    assert.equal(flags.writable || flags.dirty, false);
    assert.equal(formatPteFlags(pte), '- - - - A - - U - P');
  });
});

import { strict as assert } from 'node:assert';
import { Access, PfError } from '../../../src/emu/memory/contract';
import { describeWalk } from '../../../src/emu/memory/page-table-inspect';
import { readPte, walk, writePte } from '../../../src/emu/memory/page-table';
import { PTE_A, PTE_D, PTE_NX, PTE_P, PTE_PS, PTE_U, PTE_W, makePte } from '../../../src/emu/memory/pte';
import { FRAME_POOL, KERNEL_RW, USER_RO, USER_RW, faultOf, makeFixture } from './memory-fixture';

const CODE = 0x400000;
const DATA = 0x405000;
const STACK = 0x4747f000;
const KPAGE = 0x8004000000 + FRAME_POOL;

/** A fixture with code (user RO), data and stack (user RW) and one kernel page. */
function machine(options = {}) {
  const f = makeFixture(4, options);
  f.map(CODE, FRAME_POOL, USER_RO);
  f.map(DATA, FRAME_POOL + 0x1000, USER_RW);
  f.map(STACK, FRAME_POOL + 0x2000, USER_RW);
  f.map(KPAGE, FRAME_POOL + 0x3000, KERNEL_RW);
  return f;
}

/** The A and D bits of every level of the walk of va. */
function adBits(f: ReturnType<typeof machine>, va: number): string[] {
  return describeWalk(f.ms.phys, f.pml4, va).levels.map((l) => (l.flags.accessed ? 'A' : '-') + (l.flags.dirty ? 'D' : '-'));
}

describe('memory: translation and page faults', () => {
  it('translates user and kernel accesses to the mapped frame plus offset', () => {
    const f = machine();
    assert.equal(f.ms.translate(CODE + 0x10, Access.Execute, true), FRAME_POOL + 0x10);
    assert.equal(f.ms.translate(DATA + 0xfff, Access.Write, true), FRAME_POOL + 0x1fff);
    assert.equal(f.ms.translate(STACK + 8, Access.Read, true), FRAME_POOL + 0x2008);
    assert.equal(f.ms.translate(KPAGE + 4, Access.Write, false), FRAME_POOL + 0x3004);
    assert.equal(f.ms.translate(DATA, Access.Read, false), FRAME_POOL + 0x1000); // kernel may use user pages
    assert.equal(f.ms.translate(STACK + 8, Access.Read, true), FRAME_POOL + 0x2008); // TLB hit
  });

  it('not-present faults carry P=0, W/R, U/S and the faulting address', () => {
    const f = machine();
    assert.deepEqual(faultOf(() => f.ms.translate(0x1234, Access.Read, true)), { addr: 0x1234, errorCode: PfError.User });
    assert.equal(faultOf(() => f.ms.translate(0x1234, Access.Write, true)).errorCode, PfError.User | PfError.Write);
    assert.equal(faultOf(() => f.ms.translate(0x1234, Access.Read, false)).errorCode, 0);
    assert.equal(faultOf(() => f.ms.translate(0x1234, Access.Write, false)).errorCode, PfError.Write);
  });

  it('reports not-present at each level: PML4, PDPT, PD and PT', () => {
    const f = machine();
    const cases = [
      [0x10000000000, 1], // PML4 entry 2 empty
      [0x80000000, 2], // PDPT entry 2 empty
      [0x47600000, 3], // PD entry 0x3b empty
      [STACK - 0x1000, 4], // PT entry 0x7e empty
    ];
    for (const [va, depth] of cases) {
      assert.equal(describeWalk(f.ms.phys, f.pml4, va).levels.length, depth);
      assert.deepEqual(faultOf(() => f.ms.translate(va + 5, Access.Read, true)), { addr: va + 5, errorCode: PfError.User });
    }
  });

  it('user access to a supervisor page is a protection fault (P=1)', () => {
    const f = machine();
    assert.equal(faultOf(() => f.ms.translate(KPAGE, Access.Read, true)).errorCode, PfError.Present | PfError.User);
    assert.equal(
      faultOf(() => f.ms.translate(KPAGE, Access.Write, true)).errorCode,
      PfError.Present | PfError.Write | PfError.User,
    );
  });

  it('a kernel-filled TLB entry does not grant user access', () => {
    const f = machine();
    f.ms.translate(KPAGE, Access.Read, false);
    assert.equal(faultOf(() => f.ms.translate(KPAGE, Access.Read, true)).errorCode, PfError.Present | PfError.User);
  });

  it('a write to a read-only page faults for the user and for the kernel (CR0.WP = 1)', () => {
    const f = machine();
    assert.deepEqual(faultOf(() => f.ms.translate(CODE + 3, Access.Write, true)), {
      addr: CODE + 3,
      errorCode: PfError.Present | PfError.Write | PfError.User,
    });
    assert.equal(faultOf(() => f.ms.translate(CODE, Access.Write, false)).errorCode, PfError.Present | PfError.Write);
    // even after the read entry is cached
    f.ms.translate(CODE, Access.Read, true);
    assert.equal(faultOf(() => f.ms.translate(CODE, Access.Write, true)).errorCode, 7);
  });

  it('read-only at an upper level makes the page read-only', () => {
    const f = machine();
    const pdpte = describeWalk(f.ms.phys, f.pml4, DATA).levels[1].entryPa;
    writePte(f.ms.phys, pdpte, readPte(f.ms.phys, pdpte) & ~PTE_W);
    f.ms.flushTlb();
    assert.equal(faultOf(() => f.ms.translate(DATA, Access.Write, true)).errorCode, 7);
  });

  it('instruction fetches: I/D bit with NXE, NX pages fault; without NXE both are ignored', () => {
    const f = machine();
    f.map(DATA + 0x1000, FRAME_POOL + 0x4000, USER_RW | PTE_NX);
    assert.equal(faultOf(() => f.ms.translate(0x1000, Access.Execute, true)).errorCode, PfError.User | PfError.Fetch);
    assert.equal(
      faultOf(() => f.ms.translate(DATA + 0x1000, Access.Execute, true)).errorCode,
      PfError.Present | PfError.User | PfError.Fetch,
    );
    assert.equal(f.ms.translate(DATA + 0x1000, Access.Read, true), FRAME_POOL + 0x4000);

    const g = machine({ noExecute: false });
    g.map(DATA + 0x1000, FRAME_POOL + 0x4000, USER_RW | PTE_NX);
    assert.equal(faultOf(() => g.ms.translate(0x1000, Access.Execute, true)).errorCode, PfError.User);
    assert.equal(g.ms.translate(DATA + 0x1000, Access.Execute, true), FRAME_POOL + 0x4000);
  });

  it('a PS bit in a PML4 entry is a reserved-bit fault', () => {
    const f = machine();
    writePte(f.ms.phys, f.pml4 + 3 * 8, makePte(0, PTE_P | PTE_W | PTE_U | PTE_PS));
    assert.equal(
      faultOf(() => f.ms.translate(3 * 2 ** 39, Access.Read, true)).errorCode,
      PfError.Present | PfError.Reserved | PfError.User,
    );
  });

  it('translates through 2 MiB and 1 GiB pages and sets D in that leaf', () => {
    const f = machine();
    walk(f.ms.phys, f.pml4, 0x600000, true, f.alloc);
    const pde = describeWalk(f.ms.phys, f.pml4, 0x600000).levels[2].entryPa;
    writePte(f.ms.phys, pde, makePte(0x200000, PTE_P | PTE_W | PTE_U | PTE_PS));
    assert.equal(f.ms.translate(0x7fffff, Access.Write, true), 0x3fffff);
    assert.equal(readPte(f.ms.phys, pde) & (PTE_A | PTE_D), PTE_A | PTE_D);

    const pdpte = describeWalk(f.ms.phys, f.pml4, 0xc0000000).levels[1].entryPa; // PDPT entry 3
    writePte(f.ms.phys, pdpte, makePte(0, PTE_P | PTE_U | PTE_PS));
    assert.equal(f.ms.translate(0xc0123456, Access.Read, true), 0x123456);
    assert.equal(faultOf(() => f.ms.translate(0xc0123456, Access.Write, true)).errorCode, 7);
  });

  it('sets A at every level on access, D only in the leaf and only on a write', () => {
    const f = machine();
    assert.deepEqual(adBits(f, STACK), ['--', '--', '--', '--']);
    f.ms.translate(STACK, Access.Read, true);
    assert.deepEqual(adBits(f, STACK), ['A-', 'A-', 'A-', 'A-']);
    f.ms.translate(STACK, Access.Write, true);
    assert.deepEqual(adBits(f, STACK), ['A-', 'A-', 'A-', 'AD']);
    assert.deepEqual(adBits(f, DATA), ['A-', '--', '--', '--']); // DATA shares only the PML4 entry
    f.ms.translate(DATA, Access.Write, true);
    assert.deepEqual(adBits(f, DATA), ['A-', 'A-', 'A-', 'AD']);
  });

  it('a write through a page whose read entry is cached still sets D', () => {
    const f = machine();
    f.ms.translate(DATA, Access.Read, true);
    f.ms.translate(DATA + 8, Access.Read, true);
    assert.equal(adBits(f, DATA)[3], 'A-');
    f.ms.translate(DATA + 8, Access.Write, true);
    assert.equal(adBits(f, DATA)[3], 'AD');
  });

  it('a faulting access sets no A or D bit', () => {
    const f = machine();
    faultOf(() => f.ms.translate(CODE, Access.Write, true));
    assert.deepEqual(adBits(f, CODE), ['--', '--', '--', '--']);
  });

  it('addresses above 2^32 translate and index the TLB correctly', () => {
    const f = machine();
    const high = 0x7e_1234_5000;
    f.map(high, FRAME_POOL + 0x5000, USER_RW);
    f.map(high + 2 ** 32, FRAME_POOL + 0x6000, USER_RW); // same low 32 bits, same TLB slot
    assert.equal(f.ms.translate(high + 7, Access.Read, true), FRAME_POOL + 0x5007);
    assert.equal(f.ms.translate(high + 2 ** 32 + 7, Access.Read, true), FRAME_POOL + 0x6007);
    assert.equal(f.ms.translate(high + 7, Access.Read, true), FRAME_POOL + 0x5007);
  });
});

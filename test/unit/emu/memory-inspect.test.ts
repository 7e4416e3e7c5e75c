import { strict as assert } from 'node:assert';
import { Access, PageFault, PfError } from '../../../src/emu/memory/contract';
import { describeWalk } from '../../../src/emu/memory/page-table-inspect';
import { FRAME_POOL, KERNEL_RW, USER_RO, USER_RW, faultOf, makeFixture } from './memory-fixture';

const CODE = 0x400000;
const DATA = 0x405000;
const KPAGE = 0x8004000000 + FRAME_POOL;

function fixture() {
  const f = makeFixture();
  f.map(CODE, FRAME_POOL, USER_RO);
  f.map(DATA, FRAME_POOL + 0x1000, USER_RW);
  f.map(DATA + 0x1000, FRAME_POOL + 0x2000, USER_RW);
  f.map(KPAGE, FRAME_POOL + 0x3000, KERNEL_RW);
  f.ms.ram.set([1, 2, 3, 4], FRAME_POOL + 0x1ffe);
  return f;
}

/** Every A and D bit of the walks of the given addresses. */
function bits(f: ReturnType<typeof fixture>, ...vas: number[]): string {
  return vas
    .map((va) =>
      describeWalk(f.ms.phys, f.pml4, va)
        .levels.map((l) => (l.flags.accessed ? 'A' : '-') + (l.flags.dirty ? 'D' : '-'))
        .join(''),
    )
    .join(' ');
}

describe('memory: side-effect-free inspection and kernel copies', () => {
  it('readVirtual reads across pages without touching A/D bits or the TLB', () => {
    const f = fixture();
    const before = bits(f, CODE, DATA, DATA + 0x1000);
    const r = f.ms.readVirtual(DATA + 0xffe, 4, { user: true });
    assert.deepEqual([...r.bytes], [1, 2, 3, 4]);
    assert.equal(r.fault, undefined);
    assert.equal(bits(f, CODE, DATA, DATA + 0x1000), before);
    assert.equal(f.ms.tlbEntryCount(), 0);
  });

  it('readVirtual reports the first unreadable address and never faults a page in', () => {
    const f = fixture();
    const r = f.ms.readVirtual(DATA + 0x1ffe, 8);
    assert.equal(r.bytes.length, 2);
    assert.deepEqual(r.fault, { addr: DATA + 0x2000, errorCode: 0 });
    const k = f.ms.readVirtual(KPAGE, 4, { user: true });
    assert.deepEqual(k.fault, { addr: KPAGE, errorCode: PfError.Present | PfError.User });
    assert.equal(f.ms.readVirtual(KPAGE, 4).bytes.length, 4);
  });

  it('readVirtual reads the page tables, not a stale TLB entry', () => {
    const f = fixture();
    f.ms.translate(DATA, Access.Read, true);
    f.map(DATA, FRAME_POOL + 0x2000, USER_RW);
    assert.equal(f.ms.readVirtual(DATA, 1).bytes[0], 3);
    assert.equal(f.ms.translate(DATA, Access.Read, true), FRAME_POOL + 0x1000);
  });

  it('peekTranslate answers like translate without side effects', () => {
    const f = fixture();
    assert.deepEqual(f.ms.peekTranslate(DATA + 5, Access.Write, true), { ok: true, pa: FRAME_POOL + 0x1005 });
    assert.deepEqual(f.ms.peekTranslate(CODE, Access.Write, true), { ok: false, errorCode: 7 });
    assert.deepEqual(f.ms.peekTranslate(0x1000), { ok: false, errorCode: 0 });
    assert.equal(bits(f, DATA), '--------');
    assert.equal(f.ms.tlbEntryCount(), 0);
  });

  it('pokeVirtual writes without setting D and refuses read-only pages as a whole', () => {
    const f = fixture();
    assert.equal(f.ms.pokeVirtual(DATA + 0xfff, new Uint8Array([7, 8])), undefined);
    assert.deepEqual([...f.ms.readVirtual(DATA + 0xfff, 2).bytes], [7, 8]);
    assert.equal(bits(f, DATA), '--------');
    assert.deepEqual(f.ms.pokeVirtual(CODE, new Uint8Array([1])), { addr: CODE, errorCode: PfError.Present | PfError.Write });
    assert.equal(f.ms.ram[FRAME_POOL], 0);
  });

  it('copyToVirtual translates every page first: a fault writes nothing', () => {
    const f = fixture();
    const fault = faultOf(() => f.ms.copyToVirtual(DATA + 0x1ffe, new Uint8Array([9, 9, 9, 9]), true));
    assert.deepEqual(fault, { addr: DATA + 0x2000, errorCode: PfError.User | PfError.Write });
    assert.deepEqual([...f.ms.readVirtual(DATA + 0x1ffc, 4).bytes], [0, 0, 0, 0]);
    f.ms.copyToVirtual(DATA + 0xffe, new Uint8Array([5, 6, 7]), true);
    assert.deepEqual([...f.ms.copyFromVirtual(DATA + 0xffe, 3, true)], [5, 6, 7]);
    assert.equal(bits(f, DATA + 0x1000).slice(-2), 'AD');
    assert.throws(() => f.ms.copyFromVirtual(KPAGE, 1, true), PageFault);
  });
});

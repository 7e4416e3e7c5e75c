import { strict as assert } from 'node:assert';
import { Access } from '../../../src/emu/memory/contract';
import { mapPage } from '../../../src/emu/memory/page-table';
import { FRAME_POOL, USER_RW, makeFixture } from './memory-fixture';

const FRAME = FRAME_POOL + 0x5000;
const PPN = FRAME / 4096;
const ALIAS_A = 0x400000;
const ALIAS_B = 0x10000000;

/** A fixture with one frame mapped writable at two addresses, and a recording listener. */
function aliased() {
  const f = makeFixture();
  f.map(ALIAS_A, FRAME, USER_RW);
  f.map(ALIAS_B, FRAME, USER_RW);
  const calls: number[] = [];
  f.ms.onCodeWrite((ppn) => calls.push(ppn));
  return { ...f, calls };
}

describe('memory: code pages', () => {
  it('a write through either alias calls the listener once and unmarks the page', () => {
    const f = aliased();
    f.ms.translate(ALIAS_A, Access.Execute, true);
    f.ms.markCodePage(PPN);
    assert.equal(f.ms.isCodePage(PPN), true);
    f.ms.translate(ALIAS_B + 4, Access.Write, true);
    assert.deepEqual(f.calls, [PPN]);
    assert.equal(f.ms.isCodePage(PPN), false);
    f.ms.translate(ALIAS_A + 4, Access.Write, true);
    f.ms.translate(ALIAS_B + 4, Access.Write, true);
    assert.deepEqual(f.calls, [PPN]);

    f.ms.markCodePage(PPN);
    f.ms.translate(ALIAS_A + 8, Access.Write, true);
    assert.deepEqual(f.calls, [PPN, PPN]);
  });

  it('marking drops write entries cached before, so the next write is seen', () => {
    const f = aliased();
    f.ms.translate(ALIAS_A, Access.Write, true);
    f.ms.translate(ALIAS_B, Access.Write, true);
    f.ms.markCodePage(PPN);
    f.ms.translate(ALIAS_A, Access.Read, true);
    assert.deepEqual(f.calls, []);
    f.ms.translate(ALIAS_B, Access.Write, true);
    assert.deepEqual(f.calls, [PPN]);
  });

  it('a write from another address space, or a kernel physical write, is seen too', () => {
    const f = aliased();
    const other = f.alloc()!;
    f.ms.phys.zeroPage(other);
    mapPage(f.ms.phys, other, 0x8000000, FRAME, USER_RW, f.alloc);
    f.ms.markCodePage(PPN);
    f.ms.setRoot(other);
    f.ms.translate(0x8000010, Access.Write, false);
    assert.deepEqual(f.calls, [PPN]);
    f.ms.markCodePage(PPN);
    f.ms.writePhysical(FRAME + 100, new Uint8Array([0x90]));
    assert.deepEqual(f.calls, [PPN, PPN]);
    f.ms.markCodePage(PPN);
    f.ms.phys.writeU64(FRAME + 8, 1n);
    assert.deepEqual(f.calls, [PPN, PPN, PPN]);
  });

  it('reads and writes to other frames do not call the listener', () => {
    const f = aliased();
    f.map(0x401000, FRAME_POOL, USER_RW);
    f.ms.markCodePage(PPN);
    f.ms.translate(ALIAS_A, Access.Read, true);
    f.ms.translate(ALIAS_A, Access.Execute, true);
    f.ms.translate(0x401000, Access.Write, true);
    f.ms.writePhysical(FRAME - 1, new Uint8Array([1]));
    assert.deepEqual(f.calls, []);
    assert.throws(() => f.ms.markCodePage(1 << 20), RangeError);
  });
});

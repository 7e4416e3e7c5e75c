import { strict as assert } from 'node:assert';
import { Access, WatchRange } from '../../../src/emu/memory/contract';
import { FRAME_POOL, USER_RW, makeFixture } from './memory-fixture';

const FRAME = FRAME_POOL + 0x5000;
const ALIAS_A = 0x400000;
const ALIAS_B = 0x10000000;
const OTHER = 0x405000;

function watch(id: number, space: 'virtual' | 'physical', start: number, length: number, onRead: boolean, onWrite: boolean): WatchRange {
  return { id, space, start, length, onRead, onWrite };
}

function fixture() {
  const f = makeFixture();
  f.map(ALIAS_A, FRAME, USER_RW);
  f.map(ALIAS_B, FRAME, USER_RW);
  f.map(OTHER, FRAME_POOL, USER_RW);
  return f;
}

describe('memory: watches', () => {
  it('a virtual write watch is hit by overlapping writes only', () => {
    const f = fixture();
    f.ms.addWatch(watch(1, 'virtual', ALIAS_A + 8, 8, false, true));
    f.ms.translate(ALIAS_A, Access.Write, true, 8); // [0, 8): no overlap
    f.ms.translate(ALIAS_A + 8, Access.Read, true, 8); // read: not watched
    f.ms.translate(ALIAS_B + 8, Access.Write, true, 8); // other alias: virtual watch does not see it
    assert.equal(f.ms.hasWatchHits, false);
    f.ms.translate(ALIAS_A + 4, Access.Write, true, 8);
    assert.equal(f.ms.hasWatchHits, true);
    const hits = f.ms.takeWatchHits();
    assert.equal(hits.length, 1);
    assert.deepEqual([hits[0].watch.id, hits[0].addr, hits[0].size, hits[0].write, hits[0].paddr], [1, ALIAS_A + 4, 8, true, FRAME + 4]);
    assert.equal(f.ms.hasWatchHits, false);
    assert.deepEqual(f.ms.takeWatchHits(), []);
  });

  it('a watch added after the page was cached is still hit', () => {
    const f = fixture();
    f.ms.translate(ALIAS_A + 16, Access.Read, true);
    f.ms.translate(ALIAS_A + 16, Access.Write, true);
    f.ms.addWatch(watch(2, 'virtual', ALIAS_A + 16, 1, true, true));
    f.ms.translate(ALIAS_A + 16, Access.Read, true);
    f.ms.translate(ALIAS_A + 16, Access.Write, true);
    f.ms.translate(ALIAS_A + 16, Access.Write, true);
    assert.deepEqual(
      f.ms.takeWatchHits().map((h) => h.write),
      [false, true, true],
    );
  });

  it('a physical watch is hit through every alias and by kernel physical writes', () => {
    const f = fixture();
    f.ms.translate(ALIAS_B, Access.Write, true);
    f.ms.addWatch(watch(3, 'physical', FRAME + 0x100, 4, false, true));
    f.ms.translate(ALIAS_A + 0x100, Access.Write, true, 4);
    f.ms.translate(ALIAS_B + 0x102, Access.Write, true, 1);
    f.ms.translate(ALIAS_B + 0x100, Access.Read, true, 4);
    f.ms.writePhysical(FRAME + 0xfe, new Uint8Array(4));
    f.ms.writePhysical(FRAME + 0x200, new Uint8Array(4));
    const hits = f.ms.takeWatchHits();
    assert.deepEqual(
      hits.map((h) => [h.addr, h.paddr, h.direct === true]),
      [
        [ALIAS_A + 0x100, FRAME + 0x100, false],
        [ALIAS_B + 0x102, FRAME + 0x102, false],
        [FRAME + 0xfe, FRAME + 0xfe, true],
      ],
    );
  });

  it('a physical read watch sees reads and readPhysical', () => {
    const f = fixture();
    f.ms.addWatch(watch(4, 'physical', FRAME, 4096, true, false));
    f.ms.translate(ALIAS_B + 9, Access.Read, true);
    f.ms.readPhysical(FRAME + 10, 2);
    f.ms.translate(ALIAS_B + 9, Access.Write, true);
    assert.deepEqual(
      f.ms.takeWatchHits().map((h) => [h.addr, h.write]),
      [
        [ALIAS_B + 9, false],
        [FRAME + 10, false],
      ],
    );
  });

  it('watched pages never enter the TLB for the watched kind; unwatched pages do', () => {
    const f = fixture();
    f.ms.addWatch(watch(5, 'virtual', ALIAS_A, 1, true, true));
    f.ms.flushTlb();
    f.ms.translate(ALIAS_A + 100, Access.Read, true);
    f.ms.translate(ALIAS_A + 100, Access.Write, true);
    assert.equal(f.ms.tlbEntryCount(), 0);
    f.ms.translate(OTHER, Access.Read, true);
    f.ms.translate(OTHER, Access.Write, true);
    assert.equal(f.ms.tlbEntryCount(), 2);
    assert.equal(f.ms.hasWatchHits, false);
  });

  it('removing a watch stops the hits and lets the page be cached again', () => {
    const f = fixture();
    f.ms.addWatch(watch(6, 'physical', FRAME, 8, true, true));
    assert.throws(() => f.ms.addWatch(watch(6, 'virtual', 0, 8, true, true)), RangeError);
    assert.throws(() => f.ms.addWatch(watch(7, 'physical', 0, 0, true, true)), RangeError);
    assert.equal(f.ms.removeWatch(6), true);
    assert.equal(f.ms.removeWatch(6), false);
    f.ms.flushTlb();
    f.ms.translate(ALIAS_A, Access.Write, true);
    f.ms.writePhysical(FRAME, new Uint8Array(1));
    assert.equal(f.ms.hasWatchHits, false);
    assert.equal(f.ms.tlbEntryCount(), 1);
  });

  it('overlapping physical watches keep the frame flagged until the last one goes', () => {
    const f = fixture();
    f.ms.addWatch(watch(8, 'physical', FRAME, 16, false, true));
    f.ms.addWatch(watch(9, 'physical', FRAME + 8, 16, false, true));
    f.ms.removeWatch(8);
    f.ms.translate(ALIAS_A + 12, Access.Write, true);
    assert.deepEqual(
      f.ms.takeWatchHits().map((h) => h.watch.id),
      [9],
    );
  });
});

// The free map's on-disk bitmap follows every allocation and release, bit for bit.
import { strict as assert } from 'node:assert';
import { FreeMap } from '../../../src/kernel/filesys/free-map';

/** The sectors marked used in packed bitmap `bytes`. */
function usedSectors(bytes: Uint8Array, sectorCount: number): number[] {
  const used: number[] = [];
  for (let s = 0; s < sectorCount; s++) if ((bytes[s >> 3] >> (s & 7)) & 1) used.push(s);
  return used;
}

const range = (start: number, count: number) => Array.from({ length: count }, (_, i) => start + i);

describe('free map bitmap', () => {
  it('has one bit per sector, set exactly for the sectors in use, after allocations and releases', () => {
    const map = new FreeMap(37);
    let writes = 0;
    map.persist = () => writes++;
    map.markUsed(0, 2);
    assert.equal(map.toBytes().length, 5);
    assert.deepEqual(usedSectors(map.toBytes(), 37), [0, 1]);
    const a = map.allocate(9);
    const b = map.allocate(3);
    assert.deepEqual([a, b], [2, 11]);
    assert.deepEqual(usedSectors(map.toBytes(), 37), range(0, 14));
    map.release(4, 6);
    assert.deepEqual(usedSectors(map.toBytes(), 37), [0, 1, 2, 3, 10, 11, 12, 13]);
    assert.equal(map.allocate(7), 14, 'first fit skips the 6-sector hole');
    assert.equal(map.allocate(5), 4, 'and fills it when the run fits');
    assert.deepEqual(usedSectors(map.toBytes(), 37), [...range(0, 4), ...range(4, 5), ...range(10, 11)]);
    assert.equal(map.freeSectors, 37 - 20);
    assert.equal(map.allocate(18), undefined);
    assert.equal(writes, 5, 'persisted after each allocation and release, not after marking or a failed allocation');
  });
});

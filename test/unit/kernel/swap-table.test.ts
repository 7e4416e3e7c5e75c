// The swap map hands out the lowest free slot, also after slots below the last one taken are freed.
import { strict as assert } from 'node:assert';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { SwapTable } from '../../../src/kernel/vm/swap-table';

describe('kernel: swap map', () => {
  it('takes the lowest free slot, whatever was freed before', () => {
    const swap = new SwapTable(new BlockDevice('hd1:1', 4 * 8));
    assert.deepEqual([swap.allocate(1), swap.allocate(1), swap.allocate(2)], [0, 1, 2]);
    assert.equal(swap.dropRef(1), true);
    assert.equal(swap.dropRef(2), false, 'slot 2 still has a reference');
    assert.equal(swap.allocate(1), 1);
    assert.equal(swap.allocate(1), 3);
    assert.equal(swap.allocate(1), undefined, 'the disk is full');
    assert.equal(swap.dropRef(0), true);
    assert.equal(swap.allocate(1), 0);
    assert.equal(swap.usedCount, 4);
  });

  it('keeps a page through a write and a read', () => {
    const swap = new SwapTable(new BlockDevice('hd1:1', 2 * 8));
    const page = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    const slot = swap.allocate(1)!;
    swap.writePage(slot, page);
    assert.deepEqual(swap.readPage(slot), page);
  });
});

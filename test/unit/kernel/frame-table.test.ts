// The frame table's allocation order (FIFO's victim order): the oldest frame in use passing a test,
// with frames freed since skipped and a freed frame taken again counted as new.
import { strict as assert } from 'node:assert';
import { FramePool } from '../../../src/kernel/memory/frame-pool';
import { FrameTable, type FrameRecord } from '../../../src/kernel/vm/frame-table';

function take(table: FrameTable): FrameRecord {
  const f = table.allocate(0)!;
  f.pins = 0;
  return f;
}

describe('kernel: frame table order', () => {
  it('finds the oldest frame in use that passes the test', () => {
    const table = new FrameTable(new FramePool('user', 0x100000, 4));
    const [f0, f1, f2, f3] = [take(table), take(table), take(table), take(table)];
    assert.deepEqual([f0, f1, f2, f3].map((f) => f.index), [0, 1, 2, 3]);
    assert.equal(table.oldestWhere(() => true), f0);
    assert.equal(table.oldestWhere((f) => f !== f0), f1);
    table.release(f1);
    table.release(f0);
    assert.equal(table.oldestWhere(() => true), f2, 'freed frames are skipped');
    const again = take(table);
    assert.equal(again.index, 0, 'the lowest free frame is taken again');
    assert.equal(table.oldestWhere(() => true), f2, 'frame 0 taken again is the newest, not the oldest');
    assert.equal(table.oldestWhere((f) => f.index === 0), again);
    assert.equal(table.oldestWhere(() => false), undefined);
    assert.equal(table.count, 3);
  });

  it('stays in order over many frames taken and freed', () => {
    const table = new FrameTable(new FramePool('user', 0x100000, 8));
    const live: FrameRecord[] = [];
    for (let round = 0; round < 5000; round++) {
      while (table.count < 8) live.push(take(table));
      const victim = table.oldestWhere((f) => f.index % 3 !== round % 3)!;
      const expected = live.filter((f) => f.index % 3 !== round % 3).sort((a, b) => a.loadedAt - b.loadedAt)[0];
      assert.equal(victim, expected, `round ${round}`);
      live.splice(live.indexOf(victim), 1);
      table.release(victim);
    }
  });
});

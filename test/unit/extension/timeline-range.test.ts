// The Fault Timeline's x range (zoom, pan, reset inside the full range) and its axis values,
// which must tell neighbouring ticks apart at any zoom.
import * as assert from 'node:assert/strict';
import { axisValues } from '../../../media/timeline/format';
import { XRange } from '../../../media/timeline/x-range';

describe('fault timeline x range and axis values', () => {
  it('zooms around a point, pans inside the full range, and resets', () => {
    const r = new XRange();
    const seen: string[] = [];
    r.listen((x) => seen.push(`${x.min}-${x.max}`));
    r.setFull({ min: 0, max: 1000 });
    assert.equal(r.zoomed, false);
    r.zoomBy(0.5, 800);
    assert.deepEqual(r.shown, { min: 400, max: 900 });
    assert.equal(r.zoomed, true);
    r.panBy(0.5);
    assert.deepEqual(r.shown, { min: 500, max: 1000 }, 'panning stops at the end of the full range');
    r.panBy(-4);
    assert.deepEqual(r.shown, { min: 0, max: 500 });
    r.zoomBy(4);
    assert.equal(r.zoomed, false, 'zooming out past the full range shows everything');
    r.show(100, 200);
    r.setFull({ min: 0, max: 150 });
    assert.deepEqual(r.shown, { min: 50, max: 150 }, 'a window is kept inside a shrunk full range');
    r.reset();
    assert.deepEqual(r.shown, { min: 0, max: 150 });
    assert.deepEqual(seen, ['0-1000', '400-900', '500-1000', '0-500', '0-1000', '100-200', '50-150', '0-150']);
  });

  it('never zooms narrower than a few instructions', () => {
    const r = new XRange();
    r.setFull({ min: 0, max: 1_000_000 });
    for (let i = 0; i < 100; i++) r.zoomBy(0.5, 500_000);
    assert.ok(r.shown.max - r.shown.min >= 16);
  });

  it('writes axis values with the decimals their spacing needs', () => {
    assert.deepEqual(axisValues([3_000_000, 3_050_000, 3_100_000]), ['3.00M', '3.05M', '3.10M']);
    assert.deepEqual(axisValues([0, 500_000, 1_000_000]), ['0.0M', '0.5M', '1.0M']);
    assert.deepEqual(axisValues([0, 20_000, 40_000]), ['0k', '20k', '40k']);
    assert.deepEqual(axisValues([0, 1, 2]), ['0', '1', '2']);
    const fine = axisValues([3_214_000, 3_214_500, 3_215_000]);
    assert.equal(new Set(fine).size, 3, fine.join(' '));
  });
});

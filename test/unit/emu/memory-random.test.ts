// Randomised checks against simple models: the MMU against the page-table reader, and snapshot
// restore against full copies of RAM. A fixed seed keeps every run the same.

import { strict as assert } from 'node:assert';
import { Access } from '../../../src/emu/memory/contract';
import { lookupPage, mapPage, unmapPage } from '../../../src/emu/memory/page-table';
import { FRAME_POOL, USER_RW, makeFixture } from './memory-fixture';

/** xorshift32: a small deterministic generator. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

describe('memory: randomised consistency', () => {
  it('after invalidation, translate always agrees with the page tables', () => {
    const rand = rng(12345);
    const f = makeFixture(8, {}, 512);
    const pages = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0x400000 : 0x7e_0000_0000) + rand(64) * 0x1000 + i * 0x40_0000);
    for (let step = 0; step < 3000; step++) {
      const va = pages[rand(pages.length)];
      const op = rand(4);
      if (op === 0) {
        mapPage(f.ms.phys, f.pml4, va, FRAME_POOL + rand(256) * 0x1000, USER_RW, f.alloc);
        f.ms.invalidatePage(va);
      } else if (op === 1) {
        unmapPage(f.ms.phys, f.pml4, va);
        f.ms.invalidatePage(va);
      } else {
        const addr = va + rand(4096);
        const expected = lookupPage(f.ms.phys, f.pml4, addr);
        const access = op === 2 ? Access.Read : Access.Write;
        let got: number | undefined;
        try {
          got = f.ms.translate(addr, access, true);
        } catch {
          got = undefined;
        }
        assert.equal(got, expected, `step ${step} va 0x${addr.toString(16)}`);
      }
    }
  });

  it('restoring any live snapshot gives back exactly the RAM it was taken on', () => {
    const rand = rng(777);
    const f = makeFixture(4);
    const vas = Array.from({ length: 16 }, (_, i) => 0x400000 + i * 0x1000);
    vas.forEach((va, i) => f.map(va, FRAME_POOL + i * 0x1000, USER_RW));
    const live: Array<{ handle: ReturnType<typeof f.ms.snapshot>; ram: Uint8Array }> = [];
    for (let step = 0; step < 2000; step++) {
      const op = rand(40);
      if (op === 0 && live.length < 6) {
        live.push({ handle: f.ms.snapshot(), ram: f.ms.ram.slice() });
      } else if (op === 1 && live.length > 0) {
        const k = rand(live.length);
        f.ms.restore(live[k].handle);
        assert.ok(Buffer.from(f.ms.ram.buffer, f.ms.ram.byteOffset, f.ms.ram.byteLength).equals(live[k].ram), `restore at step ${step}`);
        live.length = k + 1;
      } else if (op === 2 && live.length > 0) {
        const k = rand(live.length);
        f.ms.releaseSnapshot(live[k].handle);
        live.splice(k, 1);
      } else if (op === 3) {
        f.ms.writePhysical(FRAME_POOL + rand(16 * 4096), new Uint8Array([rand(256)]));
      } else {
        const va = vas[rand(vas.length)] + rand(4096);
        f.ms.ram[f.ms.translate(va, Access.Write, true)] = rand(256);
        if (rand(8) === 0) f.ms.invalidatePage(va);
      }
    }
  });
});

// Eviction under memory pressure with every policy: anonymous pages survive a trip through swap,
// file pages are written back only when dirty, and each policy picks the victim it promises (clock
// spares a page whose accessed bit is set, FIFO ignores use, LRU follows the observed accessed
// bits, random is reproducible from its seed). Running out of swap kills cleanly.
import { strict as assert } from 'node:assert';
import { Access } from '../../../src/emu/memory/contract';
import { EVICTION_POLICIES, type AddressSpace } from '../../../src/kernel/vm/virtual-memory';
import { Killed, PAGE, eventsOf, makeMachine, pattern, readUser, translate, usage, writeUser, type Machine, type MachineOptions } from './vm-machine';

const BSS = 0x600000;

/** A space with the first stack page and an n-page .bss at BSS. */
function spaceWithBss(m: Machine, pages: number): AddressSpace {
  if (m.fs.open('empty') === undefined) m.fs.putFile('empty', new Uint8Array(1));
  const file = m.fs.open('empty')!;
  const space = m.vm.createSpace(1)!;
  assert.ok(m.vm.addSegment(space, { vaddr: BSS, file, offset: 0, readBytes: 0, zeroBytes: pages * PAGE, writable: true }));
  file.close();
  assert.ok(m.vm.setupStack(space));
  return space;
}

function fresh(opts: MachineOptions) {
  const m = makeMachine(opts);
  const before = usage(m);
  return { m, before };
}

for (const policy of EVICTION_POLICIES) {
  describe(`vm: eviction (${policy})`, () => {
    it('keeps anonymous content through swap-out and swap-in', () => {
      const { m, before } = fresh({ policy, userFrames: 8, swapSlots: 32 });
      const space = spaceWithBss(m, 20);
      for (let i = 0; i < 20; i++) writeUser(m, space, BSS + i * PAGE, pattern(i));
      for (let round = 0; round < 2; round++) {
        for (let i = 19; i >= 0; i--) assert.deepEqual(readUser(m, space, BSS + i * PAGE, PAGE), pattern(i), `page ${i}`);
      }
      const s = m.vm.stats().total;
      assert.ok(s.evictionsCaused > 0 && s.swapOuts > 0 && s.swapIns > 0, JSON.stringify(s));
      assert.equal(s.faults['swap-in'], s.swapIns);
      assert.equal(m.userPool.inUse, 8, 'every frame in use');
      assert.ok(m.vm.inspectSwap().usedSlots > 0);
      for (const e of eventsOf(m, 'eviction')) assert.equal(e.policy, policy);
      assert.ok(m.swapDisk!.writes >= 8 * s.swapOuts, 'swap traffic goes through the disk');
      m.vm.destroySpace(space);
      assert.deepEqual(usage(m), before);
    });

    it('writes file pages back only when dirty, then drops them', () => {
      const { m, before } = fresh({ policy, userFrames: 4, swapSlots: 8 });
      const content = new Uint8Array(8 * PAGE);
      for (let i = 0; i < content.length; i++) content[i] = i >> 12;
      m.fs.putFile('data', content);
      const space = spaceWithBss(m, 0);
      const addr = m.vm.mmap(space, 0x10000000, content.length, true, m.fs.open('data')!, 0, 3, 'data');
      assert.equal(addr, 0x10000000);
      for (let i = 0; i < 8; i++) assert.equal(readUser(m, space, addr + i * PAGE, 1)[0], i);
      assert.equal(eventsOf(m, 'write-back').length, 0, 'clean pages are dropped without I/O');
      assert.ok(eventsOf(m, 'swap-out').every((e) => e.page === 0x4747f000), 'file pages never go to swap (only the stack page does)');
      writeUser(m, space, addr + 2 * PAGE, new Uint8Array([0xaa]));
      writeUser(m, space, addr + 5 * PAGE, new Uint8Array([0xbb]));
      for (let i = 0; i < 8; i++) readUser(m, space, addr + ((i + 6) % 8) * PAGE, 1);
      const wb = eventsOf(m, 'write-back');
      assert.ok(wb.length >= 1, 'dirty pages evicted are written back');
      assert.ok(wb.every((e) => e.page === addr + 2 * PAGE || e.page === addr + 5 * PAGE), 'only dirty pages');
      assert.ok(wb.every((e) => e.file === 'data' && e.bytes === PAGE));
      assert.equal(readUser(m, space, addr + 2 * PAGE, 1)[0], 0xaa, 'reloaded from the file');
      assert.equal(readUser(m, space, addr + 5 * PAGE, 1)[0], 0xbb);
      assert.ok(eventsOf(m, 'page-fault').some((f) => f.resolution === 'file-reload'));
      m.vm.destroySpace(space);
      const after = m.fs.getFile('data')!;
      assert.equal(after[2 * PAGE], 0xaa);
      assert.equal(after[5 * PAGE], 0xbb);
      assert.deepEqual(usage(m), before);
    });

    it('kills the process that needs a frame when swap is full, cleanly', () => {
      const { m, before } = fresh({ policy, userFrames: 4, swapSlots: 2 });
      const space = spaceWithBss(m, 10);
      let killed: Killed | undefined;
      let touched = 0;
      try {
        for (; touched < 10; touched++) writeUser(m, space, BSS + touched * PAGE, pattern(touched));
      } catch (e) {
        killed = e as Killed;
      }
      assert.equal(killed?.reason, 'out of swap');
      assert.equal(touched, 5, '4 frames + 2 slots hold 6 pages: stack + 5 bss pages');
      assert.equal(m.vm.inspectSwap().usedSlots, 2);
      m.vm.destroySpace(space);
      assert.deepEqual(usage(m), before);
    });
  });
}

/** Loads bss pages 0..n-1 (one write each) in a 4-frame machine whose stack page sits in frame 0. */
function loadPages(policy: (typeof EVICTION_POLICIES)[number], n: number, seed = 1) {
  const m = makeMachine({ policy, userFrames: 4, swapSlots: 32, seed });
  const space = spaceWithBss(m, 16);
  for (let i = 0; i < n; i++) writeUser(m, space, BSS + i * PAGE, pattern(i));
  return { m, space };
}
const evictedPages = (m: Machine) => eventsOf(m, 'eviction').map((e) => (e.page - BSS) / PAGE);

describe('vm: eviction policies choose as promised', () => {
  it('clock: a pass clears accessed bits; a page accessed since the hand passed survives', () => {
    const { m, space } = loadPages('clock', 3); // frames: 0 stack, 1..3 = pages 0..2
    readUser(m, space, 0x4747f000, 1);
    translate(m, space, BSS + 3 * PAGE, Access.Write); // every frame accessed: a full sweep, then frame 0 (stack) goes
    let e = eventsOf(m, 'eviction');
    assert.equal(e.length, 1);
    assert.equal(e[0].frame, 0);
    assert.equal(e[0].handTravel, 5, 'four frames spared and cleared, then the first again');
    assert.equal(m.vm.inspectFrames().clockHand, 1);
    assert.ok(m.vm.inspectFrames().frames.every((f) => f.index === 0 || !f.accessed), 'the pass cleared every accessed bit');
    readUser(m, space, BSS + 0 * PAGE, 1); // page 0 (frame 1) used again
    translate(m, space, BSS + 4 * PAGE, Access.Write);
    e = eventsOf(m, 'eviction');
    assert.equal(e[1].frame, 2, 'frame 1 had its accessed bit set: second chance');
    assert.equal(e[1].handTravel, 2);
    assert.deepEqual(evictedPages(m).slice(1), [1]);
  });

  it('fifo: the oldest frame goes, however recently used', () => {
    const { m, space } = loadPages('fifo', 3);
    readUser(m, space, 0x4747f000, 1);
    translate(m, space, BSS + 3 * PAGE, Access.Write);
    readUser(m, space, BSS + 0 * PAGE, 1);
    translate(m, space, BSS + 4 * PAGE, Access.Write);
    const e = eventsOf(m, 'eviction');
    assert.deepEqual(e.map((x) => x.frame), [0, 1]);
    assert.ok(e.every((x) => x.handTravel === 0));
  });

  it('lru: the frame whose accessed bit was observed longest ago goes', () => {
    const { m, space } = loadPages('lru', 3);
    m.vm.observeAccessBits(); // round 1: all four frames seen used
    readUser(m, space, 0x4747f000, 1);
    readUser(m, space, BSS + 0 * PAGE, 1);
    readUser(m, space, BSS + 2 * PAGE, 1); // page 1 not used since round 1
    translate(m, space, BSS + 3 * PAGE, Access.Write);
    assert.deepEqual(evictedPages(m), [1]);
    m.vm.observeAccessBits();
    readUser(m, space, BSS + 0 * PAGE, 1);
    readUser(m, space, BSS + 2 * PAGE, 1);
    readUser(m, space, BSS + 3 * PAGE, 1);
    translate(m, space, BSS + 4 * PAGE, Access.Write);
    assert.equal(eventsOf(m, 'eviction')[1].page, 0x4747f000, 'the stack page was not used since');
  });

  it('random: the same seed picks the same victims; the generator state is plain data', () => {
    const run = (seed: number) => {
      const { m, space } = loadPages('random', 12, seed);
      for (let i = 0; i < 12; i++) readUser(m, space, BSS + ((i * 5) % 12) * PAGE, 1);
      return { victims: eventsOf(m, 'eviction').map((e) => e.frame), rng: m.vm.state.policy.rng };
    };
    const a = run(7);
    assert.deepEqual(run(7), a);
    assert.ok(a.victims.length > 10);
    assert.notDeepEqual(run(8).victims, a.victims);
    assert.equal(typeof a.rng, 'number');
  });

  it('never evicts a pinned frame', () => {
    const { m, space } = loadPages('fifo', 3);
    assert.ok(m.vm.pin(space, 0x4747f000));
    assert.ok(m.vm.pin(space, BSS));
    translate(m, space, BSS + 3 * PAGE, Access.Write);
    assert.deepEqual(eventsOf(m, 'eviction').map((x) => x.frame), [2]);
    m.vm.unpin(space, 0x4747f000);
    m.vm.unpin(space, BSS);
    assert.equal(m.vm.pin(space, BSS + 1 * PAGE), false, 'not resident');
  });
});

// The invariant checker finds corrupted state (it runs after every operation in every VM test),
// the events of one fault come in causal order, and a busy mix of processes leaves the pools, the
// swap disk and the file system exactly as it found them.
import { strict as assert } from 'node:assert';
import { makePte, PTE_P, PTE_U, PTE_W } from '../../../src/emu/memory/pte';
import { walk } from '../../../src/emu/memory/page-table';
import { EVICTION_POLICIES, type AddressSpace } from '../../../src/kernel/vm/virtual-memory';
import { PAGE, USER_STACK, eventsOf, makeMachine, pattern, readUser, text, usage, writeUser, type Machine } from './vm-machine';

const STACK_PAGE = USER_STACK - PAGE;

function oneProcess() {
  const m = makeMachine();
  const space = m.vm.createSpace(1)!;
  assert.ok(m.vm.setupStack(space));
  writeUser(m, space, STACK_PAGE - 8, text('x'), { rsp: STACK_PAGE - 8 });
  assert.deepEqual(m.vm.checkInvariants(), []);
  return { m, space, ptePa: walk(m.phys, space.pml4, STACK_PAGE, false)! };
}

describe('vm: invariant checker', () => {
  it('catches a PTE pointing at the wrong frame, and the next operation throws', () => {
    const { m, space, ptePa } = oneProcess();
    const wrong = m.userPool.base + 5 * PAGE;
    m.phys.writeU64(ptePa, makePte(wrong, PTE_P | PTE_W | PTE_U));
    const found = m.vm.checkInvariants();
    assert.equal(found.length, 1);
    assert.match(found[0], /pid 1 .*page 0x4747f000: PTE maps 0x[0-9a-f]+ but the SPT says frame 0/);
    assert.throws(() => readUser(m, space, 0x1000, 1), /VM invariant violated after page fault: .*PTE maps/);
  });

  it('catches a cleared present bit, a wrongly writable PTE and a stray mapping', () => {
    const { m, space, ptePa } = oneProcess();
    const good = m.phys.readU64(ptePa);
    m.phys.writeU64(ptePa, good & ~PTE_P);
    assert.match(m.vm.checkInvariants().join('\n'), /resident in frame 0 but its PTE is not present/);
    m.phys.writeU64(ptePa, good);
    // fork, then make the parent's COW PTE writable behind the VM's back
    const child = m.vm.createSpace(2)!;
    assert.ok(m.vm.forkSpace(space, child));
    m.phys.writeU64(ptePa, m.phys.readU64(ptePa) | PTE_W);
    assert.match(m.vm.checkInvariants().join('\n'), /PTE writable but the page is copy-on-write/);
    m.phys.writeU64(ptePa, m.phys.readU64(ptePa) & ~PTE_W);
    // a mapping the SPT knows nothing about (same page table, next page)
    m.phys.writeU64(ptePa - 8 * 16, makePte(m.userPool.base, PTE_P | PTE_U));
    assert.match(m.vm.checkInvariants().join('\n'), /PTE maps 0x4746f000 → 0x[0-9a-f]+ with no resident SPT page/);
  });

  it('catches swap reference counts and frame owners that do not match', () => {
    const { m, space } = oneProcess();
    m.vm.state.frames.get(0).owners.push({ space: 99, va: 0x1000, pte: 0 });
    assert.match(m.vm.checkInvariants().join('\n'), /frame 0: owned by page 0x1000 of destroyed space 99/);
    m.vm.state.frames.get(0).owners.pop();
    const page = space.spt.get(STACK_PAGE)!;
    page.slot = 3;
    assert.match(m.vm.checkInvariants().join('\n'), /swap slot 3 on a anon page that is also resident/);
    page.slot = undefined;
    assert.deepEqual(m.vm.checkInvariants(), []);
  });
});

describe('vm: events', () => {
  it('emits one page-fault per fault, after the eviction, swap and frame events it caused, with the fault\'s rip', () => {
    const m = makeMachine({ userFrames: 2, policy: 'fifo' });
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    writeUser(m, space, STACK_PAGE - 8, text('a'), { rsp: STACK_PAGE - 8 });
    m.log.length = 0;
    writeUser(m, space, STACK_PAGE - PAGE - 8, text('b'), { rsp: STACK_PAGE - PAGE - 8 });
    assert.deepEqual(m.log.map((e) => e.kind), ['eviction', 'swap-out', 'frame-free', 'frame-alloc', 'page-fault']);
    assert.ok(m.log.every((e) => e.rip === 0x401000 && e.pid === 1));
    const seqs = m.log.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  });
});

/** Runs a mix: two programs, forks, mmaps, swap traffic; returns the spaces alive. */
function busyMix(m: Machine): AddressSpace[] {
  m.fs.putFile('prog', pattern(9, 3 * PAGE));
  m.fs.putFile('data.bin', pattern(3, 2 * PAGE + 17));
  const spaces: AddressSpace[] = [];
  for (let pid = 1; pid <= 2; pid++) {
    const file = m.fs.open('prog')!;
    const s = m.vm.createSpace(pid)!;
    assert.ok(m.vm.addSegment(s, { vaddr: 0x400000, file, offset: 0, readBytes: 2 * PAGE, zeroBytes: 0, writable: false }));
    assert.ok(m.vm.addSegment(s, { vaddr: 0x402000, file, offset: 2 * PAGE, readBytes: 100, zeroBytes: 6 * PAGE - 100, writable: true }));
    file.close();
    assert.ok(m.vm.setupStack(s));
    assert.equal(m.vm.mmap(s, 0x10000000, 2 * PAGE + 17, true, m.fs.open('data.bin')!, 0, 3, 'data.bin'), 0x10000000);
    spaces.push(s);
  }
  for (let round = 0; round < 3; round++) {
    for (const s of [...spaces]) {
      readUser(m, s, 0x400000 + round * 8, 8);
      for (let i = 0; i < 6; i++) writeUser(m, s, 0x402000 + i * PAGE + round, pattern(s.pid * 10 + i, 64));
      writeUser(m, s, 0x10000000 + round * PAGE, text(`pid ${s.pid} round ${round}`));
      if (round === 1 && spaces.length < 4) {
        const child = m.vm.createSpace(s.pid + 10)!;
        assert.ok(m.vm.forkSpace(s, child));
        spaces.push(child);
      }
    }
  }
  for (const s of spaces) {
    // every process (children from round 2 on) wrote its own pattern at offset 2 last
    for (let i = 0; i < 6; i++) assert.deepEqual(readUser(m, s, 0x402000 + i * PAGE + 2, 64), pattern(s.pid * 10 + i, 64), `pid ${s.pid} page ${i}`);
  }
  return spaces;
}

describe('vm: no leaks', () => {
  for (const policy of EVICTION_POLICIES) {
    it(`a busy mix leaves pools, swap and files exactly as before (${policy})`, () => {
      const m = makeMachine({ policy, userFrames: 10, swapSlots: 64 });
      const before = usage(m);
      const spaces = busyMix(m);
      const s = m.vm.stats();
      assert.ok(s.total.evictionsCaused > 0 && s.total.swapOuts > 0, 'the mix is under pressure');
      assert.ok(eventsOf(m, 'cow-share').length === 2);
      // destroy in a scrambled order: children and parents interleaved
      for (const i of [2, 0, 3, 1]) m.vm.destroySpace(spaces[i]);
      assert.deepEqual(usage(m), before);
      assert.deepEqual(m.vm.inspectFrames().frames, []);
      assert.equal(m.vm.inspectSwap().usedSlots, 0);
      assert.deepEqual(m.vm.checkInvariants(), []);
    });
  }
});

// The incremental invariant checker: on a state too large to check in full after every operation,
// a corruption of an object the operation touched (a kernel bug inside the operation, simulated by
// an event listener corrupting the state while the operation runs) is caught right after that
// operation, and a corruption of an untouched object is caught by the next scheduled full check.
import { strict as assert } from 'node:assert';
import { walk } from '../../../src/emu/memory/page-table';
import { makePte, PTE_P, PTE_U, PTE_W } from '../../../src/emu/memory/pte';
import type { KernelEvent } from '../../../src/kernel/events';
import { ALWAYS_FULL_SIZE, fullCheckSize } from '../../../src/kernel/vm/invariant-schedule';
import type { AddressSpace } from '../../../src/kernel/vm/virtual-memory';
import { PAGE, makeMachine, pattern, readUser, writeUser, type Machine } from './vm-machine';

const BSS = 0x600000;
const BSS_PAGES = 2048;

/** A process with a large untouched .bss (so the state is large) and 6 of its pages written through 4 frames (so some are in swap). */
function largeProcess(): { m: Machine; space: AddressSpace } {
  const m = makeMachine({ userFrames: 4, swapSlots: 64, policy: 'fifo' });
  m.fs.putFile('prog', pattern(1, PAGE));
  const file = m.fs.open('prog')!;
  const space = m.vm.createSpace(1)!;
  assert.ok(m.vm.addSegment(space, { vaddr: BSS, file, offset: 0, readBytes: 0, zeroBytes: BSS_PAGES * PAGE, writable: true }));
  file.close();
  assert.ok(m.vm.setupStack(space));
  for (let i = 0; i < 6; i++) writeUser(m, space, BSS + i * PAGE, pattern(10 + i, 16));
  assert.ok(fullCheckSize(m.vm.state) > ALWAYS_FULL_SIZE, 'the state is large enough to be checked incrementally');
  assert.deepEqual(m.vm.checkInvariants(), []);
  return { m, space };
}

/** Makes sure no full check is due at the next operation: only the incremental check runs then. */
function noFullCheckDue(m: Machine): void {
  m.vm.state.touched!.sinceFull = 0;
}

/** Runs `corrupt` once, on the first event of `kind`. */
function onFirst(m: Machine, kind: KernelEvent['kind'], corrupt: (e: KernelEvent) => void): void {
  const stop = m.events.listen((e) => {
    if (e.kind !== kind) return;
    stop();
    corrupt(e);
  });
}

describe('vm: incremental invariant checker', () => {
  it('catches a faulted page whose PTE the fault left on the wrong frame', () => {
    const { m, space } = largeProcess();
    noFullCheckDue(m);
    const va = BSS + 100 * PAGE;
    onFirst(m, 'page-fault', (e) => {
      if (e.kind !== 'page-fault' || e.frame === undefined) return;
      const wrong = m.userPool.base + ((e.frame + 1) % 4) * PAGE;
      m.phys.writeU64(walk(m.phys, space.pml4, va, false)!, makePte(wrong, PTE_P | PTE_U | PTE_W));
    });
    assert.throws(() => writeUser(m, space, va, pattern(3, 8)), /VM invariant violated after page fault: pid 1 \(space 1\) page 0x664000: PTE maps 0x[0-9a-f]+ but the SPT says frame \d/);
  });

  it('catches a swap slot whose reference count the swap-out got wrong', () => {
    const { m, space } = largeProcess();
    noFullCheckDue(m);
    onFirst(m, 'swap-out', (e) => {
      if (e.kind === 'swap-out') m.vm.state.swap.refs[e.slot]++;
    });
    assert.throws(() => writeUser(m, space, BSS + 200 * PAGE, pattern(4, 8)), /VM invariant violated after page fault: swap slot \d+: reference count 2 but 1 pages use it/);
  });

  it('catches an evicted page that lost its swap slot', () => {
    const { m, space } = largeProcess();
    noFullCheckDue(m);
    onFirst(m, 'frame-free', (e) => {
      if (e.kind !== 'frame-free') return;
      space.spt.get(e.page)!.slot = undefined;
    });
    assert.throws(() => writeUser(m, space, BSS + 300 * PAGE, pattern(5, 8)), /VM invariant violated after page fault: (.*; )?pid 1 \(space 1\) page 0x[0-9a-f]+: ANON page neither resident nor in swap/);
  });

  it('catches a newly filled frame with an owner that does not map it', () => {
    const { m, space } = largeProcess();
    noFullCheckDue(m);
    onFirst(m, 'page-fault', (e) => {
      if (e.kind !== 'page-fault' || e.frame === undefined) return;
      m.vm.state.frames.get(e.frame).owners.push({ space: space.id, va: BSS + 1000 * PAGE, pte: 0 });
    });
    assert.throws(() => writeUser(m, space, BSS + 400 * PAGE, pattern(6, 8)), /VM invariant violated after page fault: (.*; )?frame \d+: owner pid 1 page 0x9e8000 does not map it in its SPT/);
  });

  it('leaves an untouched corruption to the next full check, which comes within a bounded number of operations', () => {
    const { m, space } = largeProcess();
    noFullCheckDue(m);
    // page 0 of the .bss is in swap (FIFO evicted it): give its PTE a present mapping behind the VM's back
    const va = BSS;
    assert.equal(space.spt.get(va)!.frame, undefined);
    const ptePa = walk(m.phys, space.pml4, va, false)!;
    m.phys.writeU64(ptePa, makePte(m.userPool.base, PTE_P | PTE_U));
    readUser(m, space, BSS + 10 * PAGE, 1); // touches other pages only: the incremental check cannot see it
    let caught: unknown;
    let operations = 1;
    for (; operations < 2000 && caught === undefined; operations++) {
      try {
        readUser(m, space, BSS + (10 + (operations % 40)) * PAGE, 1); // 40 pages through 4 frames: swap traffic, no swap growth
      } catch (e) {
        caught = e;
      }
    }
    assert.ok(caught instanceof Error, 'a full check ran');
    assert.match(caught.message, /VM invariant violated after page fault: .*page 0x600000: PTE present \(frame 0x[0-9a-f]+\) but the SPT says not resident/);
    assert.ok(operations > 2, `found by a scheduled full check after ${operations} operations, not by the first one`);
  });
});

// Copy-on-write fork: frames shared read-only with reference counts, a write copies (or re-enables
// writing for the last sharer), swapped-out pages share their slot, evicting a shared frame
// updates every sharer, lazily loaded pages keep working in the child, nothing leaks either way.
import { strict as assert } from 'node:assert';
import type { AddressSpace } from '../../../src/kernel/vm/virtual-memory';
import { Killed, PAGE, USER_STACK, eventsOf, makeMachine, pattern, readUser, str, text, usage, writeUser, type Machine } from './vm-machine';

const CODE = 0x400000;
const DATA = 0x401000;
const STACK_PAGE = USER_STACK - PAGE;

/** A parent with a code page, two data pages and the stack; the code and the first data page resident. */
function parentProcess(m: Machine): AddressSpace {
  const image = new Uint8Array(2 * PAGE);
  image.set(text('code bytes'), 0);
  image.set(text('data bytes'), PAGE);
  m.fs.putFile('prog', image);
  const file = m.fs.open('prog')!;
  const parent = m.vm.createSpace(1)!;
  assert.ok(m.vm.addSegment(parent, { vaddr: CODE, file, offset: 0, readBytes: PAGE, zeroBytes: 0, writable: false, name: 'prog' }));
  assert.ok(m.vm.addSegment(parent, { vaddr: DATA, file, offset: PAGE, readBytes: PAGE, zeroBytes: PAGE, writable: true, name: 'prog' }));
  file.close();
  assert.ok(m.vm.setupStack(parent));
  readUser(m, parent, CODE, 4);
  writeUser(m, parent, STACK_PAGE + 100, text('parent stack'));
  return parent;
}

function fork(m: Machine, parent: AddressSpace, pid = 2): AddressSpace {
  const child = m.vm.createSpace(pid)!;
  assert.ok(m.vm.forkSpace(parent, child));
  return child;
}

describe('vm: copy-on-write fork', () => {
  it('shares resident frames read-only and copies on the first write', () => {
    const m = makeMachine();
    const before = usage(m);
    const parent = parentProcess(m);
    const child = fork(m, parent);
    assert.deepEqual(eventsOf(m, 'cow-share').map((e) => [e.pid, e.pages, e.childPid]), [[1, 2, 2]]);
    assert.equal(m.vm.frameAddress(child, CODE), m.vm.frameAddress(parent, CODE));
    assert.equal(m.vm.frameAddress(child, STACK_PAGE), m.vm.frameAddress(parent, STACK_PAGE));
    assert.equal(m.vm.frameAddress(child, DATA), 0, 'not-loaded pages stay lazy');
    const stackEntry = m.vm.inspectSpt(child).find((e) => e.va === STACK_PAGE)!;
    assert.deepEqual([stackEntry.cow, stackEntry.cowShares], [true, 2]);
    assert.equal(m.vm.inspectPageTables(parent).mappings.find((x) => x.va === STACK_PAGE)!.writable, false, 'parent PTE made read-only');
    assert.deepEqual(m.vm.inspectFrames().frames.find((f) => f.owners.length === 2 && f.kind === 'anon')!.owners, [
      { pid: 1, page: STACK_PAGE },
      { pid: 2, page: STACK_PAGE },
    ]);

    const shared = m.vm.frameAddress(parent, STACK_PAGE);
    writeUser(m, child, STACK_PAGE + 100, text('child  stack'));
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.resolution, 'cow-copy');
    assert.notEqual(m.vm.frameAddress(child, STACK_PAGE), shared);
    assert.equal(m.vm.frameAddress(parent, STACK_PAGE), shared);
    assert.equal(str(readUser(m, parent, STACK_PAGE + 100, 16)), 'parent stack');
    assert.equal(str(readUser(m, child, STACK_PAGE + 100, 16)), 'child  stack');

    writeUser(m, parent, STACK_PAGE + 100, text('PARENT'));
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.resolution, 'cow-reuse', 'the last sharer just gets write access back');
    assert.equal(m.vm.frameAddress(parent, STACK_PAGE), shared);
    assert.equal(str(readUser(m, child, STACK_PAGE + 100, 16)), 'child  stack');

    // lazily loaded in the child from its own description of the executable
    assert.equal(str(readUser(m, child, DATA, 16)), 'data bytes');
    assert.equal(m.vm.frameAddress(parent, DATA), 0, 'the parent still has not loaded it');
    assert.throws(() => writeUser(m, child, CODE, text('x')), (e: Killed) => e.reason === 'write to code segment');

    const cs = m.vm.stats().perPid.find((s) => s.pid === 2)!;
    assert.equal(cs.faults['cow-copy'], 1);
    m.vm.destroySpace(parent);
    assert.equal(str(readUser(m, child, CODE, 16)), 'code bytes', 'the child keeps the frame the parent shared');
    m.vm.destroySpace(child);
    assert.deepEqual(usage(m), before);
  });

  it('shares a swapped-out page\'s slot with a reference count', () => {
    const m = makeMachine({ userFrames: 4, policy: 'fifo' });
    const before = usage(m);
    const parent = parentProcess(m);
    writeUser(m, parent, DATA, pattern(1));
    writeUser(m, parent, DATA + PAGE, pattern(2));
    writeUser(m, parent, STACK_PAGE - PAGE, pattern(3), { rsp: STACK_PAGE - PAGE }); // 5th page: the first stack page goes (FIFO)
    assert.deepEqual(m.vm.inspectSpt(parent).filter((e) => e.state === 'in-swap').map((e) => e.va), [STACK_PAGE]);
    const child = fork(m, parent);
    const swap = m.vm.inspectSwap();
    assert.equal(swap.usedSlots, 1);
    assert.equal(swap.used[0].refs, 2);
    assert.deepEqual(swap.used[0].owners.map((o) => o.pid), [1, 2]);
    assert.equal(str(readUser(m, child, STACK_PAGE + 100, 16)), 'parent stack');
    assert.equal(m.vm.inspectSwap().used[0].refs, 1, 'the child took its copy');
    assert.equal(str(readUser(m, parent, STACK_PAGE + 100, 16)), 'parent stack');
    const ins = eventsOf(m, 'swap-in');
    assert.deepEqual(ins.map((e) => [e.pid, e.page, e.slot]), [
      [2, STACK_PAGE, swap.used[0].slot],
      [1, STACK_PAGE, swap.used[0].slot],
    ]);
    assert.ok(m.vm.inspectSwap().used.every((s) => s.slot !== swap.used[0].slot || !s.owners.some((o) => o.page === STACK_PAGE)), 'the last reference freed the slot');
    m.vm.destroySpace(child);
    m.vm.destroySpace(parent);
    assert.deepEqual(usage(m), before);
  });

  it('evicts a shared frame once and updates every sharer', () => {
    const m = makeMachine({ userFrames: 4, policy: 'fifo' });
    const before = usage(m);
    const parent = parentProcess(m); // frames 0 stack, 1 code
    const child = fork(m, parent);
    writeUser(m, child, DATA, pattern(4)); // frame 2
    writeUser(m, child, DATA + PAGE, pattern(5)); // frame 3
    readUser(m, child, STACK_PAGE - PAGE, 1, { rsp: STACK_PAGE - PAGE }); // evicts frame 0: the shared stack page
    const out = eventsOf(m, 'swap-out');
    assert.equal(out.length, 1);
    assert.equal(out[0].sharers, 2);
    assert.equal(m.vm.frameAddress(parent, STACK_PAGE), 0);
    assert.equal(m.vm.frameAddress(child, STACK_PAGE), 0);
    assert.equal(m.vm.inspectSwap().used[0].refs, 2);
    assert.equal(str(readUser(m, parent, STACK_PAGE + 100, 16)), 'parent stack');
    assert.equal(str(readUser(m, child, STACK_PAGE + 100, 16)), 'parent stack');
    m.vm.destroySpace(parent);
    m.vm.destroySpace(child);
    assert.deepEqual(usage(m), before);
  });

  it('fails cleanly when the kernel pool cannot hold the child\'s tables; the parent goes on', () => {
    const m = makeMachine({ kernelFrames: 9 });
    const before = usage(m);
    const parent = parentProcess(m); // PML4 + SPT page + PDPT/PD/PT for code + PDPT/PD/PT for the stack = 8
    const child = m.vm.createSpace(2)!;
    assert.equal(m.vm.forkSpace(parent, child), false);
    m.vm.destroySpace(child);
    writeUser(m, parent, STACK_PAGE, text('still fine'));
    assert.equal(str(readUser(m, parent, STACK_PAGE, 16)), 'still fine');
    m.vm.destroySpace(parent);
    assert.deepEqual(usage(m), before);
  });

  it('copies mappings: the child has its own file and writes back its own pages', () => {
    const m = makeMachine();
    const before = usage(m);
    const parent = parentProcess(m);
    m.fs.putFile('shared.txt', text('original contents'.padEnd(100, '.')));
    const addr = m.vm.mmap(parent, 0x10000000, 100, true, m.fs.open('shared.txt')!, 0, 3, 'shared.txt');
    readUser(m, parent, addr, 1);
    const child = fork(m, parent);
    assert.equal(m.vm.frameAddress(child, addr), m.vm.frameAddress(parent, addr));
    m.vm.destroySpace(parent);
    writeUser(m, child, addr, text('child wrote'));
    m.vm.munmap(child, addr);
    assert.equal(str(m.fs.getFile('shared.txt')!).slice(0, 17), 'child wrotentents');
    m.vm.destroySpace(child);
    assert.deepEqual(usage(m), before);
  });
});

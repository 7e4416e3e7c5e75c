// Lazy loading of executable segments: nothing is resident until touched, first touch reads the
// right file bytes and zeroes the rest, .bss is zero-filled, pages shared by two segments merge,
// the code segment cannot be written, and `int 0x42` (frameAddress) shows all of it.
import { strict as assert } from 'node:assert';
import { Access } from '../../../src/emu/memory/contract';
import { KERN_BASE, Killed, PAGE, USER_STACK, eventsOf, makeMachine, readUser, translate, usage, writeUser, type Machine } from './vm-machine';

/** Puts a 3-page-and-a-bit "executable" on the disk and returns it opened. */
function program(m: Machine, name = 'prog') {
  const bytes = new Uint8Array(3 * PAGE + 0x300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13 + 5) & 0xff;
  m.fs.putFile(name, bytes);
  return { file: m.fs.open(name)!, bytes };
}

describe('vm: lazy loading of segments', () => {
  it('keeps segment pages out of frames until touched, then reads the file bytes and zeroes the tail', () => {
    const m = makeMachine();
    const { file, bytes } = program(m);
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x1800, zeroBytes: 0x800, writable: false, name: 'prog' }));
    assert.ok(m.vm.addSegment(space, { vaddr: 0x402000, file, offset: 0x2000, readBytes: 0x1300, zeroBytes: 0xd00 + PAGE, writable: true, name: 'prog' }));
    assert.equal(m.userPool.inUse, 0, 'nothing loaded yet');
    assert.equal(m.vm.frameAddress(space, 0x400000), 0);
    const spt = m.vm.inspectSpt(space);
    assert.deepEqual(
      spt.map((e) => [e.va, e.kind, e.target, e.region, e.state]),
      [
        [0x400000, 'uninit', 'anon', 'code', 'not-loaded'],
        [0x401000, 'uninit', 'anon', 'code', 'not-loaded'],
        [0x402000, 'uninit', 'anon', 'data', 'not-loaded'],
        [0x403000, 'uninit', 'anon', 'data', 'not-loaded'],
        [0x404000, 'uninit', 'anon', 'bss', 'not-loaded'],
      ],
    );

    assert.deepEqual(readUser(m, space, 0x401000, PAGE), new Uint8Array([...bytes.subarray(0x1000, 0x1800), ...new Uint8Array(0x800)]));
    assert.equal(m.userPool.inUse, 1, 'only the touched page is resident');
    assert.notEqual(m.vm.frameAddress(space, 0x401abc), 0);
    assert.equal(m.vm.frameAddress(space, 0x401abc) % PAGE, 0);
    assert.ok(m.vm.frameAddress(space, 0x401000) >= KERN_BASE);
    assert.deepEqual(readUser(m, space, 0x403000, PAGE), new Uint8Array([...bytes.subarray(0x3000, 0x3300), ...new Uint8Array(PAGE - 0x300)]));
    assert.ok(readUser(m, space, 0x404000, PAGE).every((b) => b === 0), '.bss reads as zeros');

    const faults = eventsOf(m, 'page-fault');
    assert.deepEqual(
      faults.map((f) => [f.addr, f.resolution, f.detail]),
      [
        [0x401000, 'lazy-file', 'anon'],
        [0x403000, 'lazy-file', 'anon'],
        [0x404000, 'lazy-anon', 'anon'],
      ],
    );
    const loaded = m.vm.inspectSpt(space).find((e) => e.va === 0x401000)!;
    assert.equal(loaded.kind, 'anon');
    assert.equal(loaded.state, 'in-frame');
    assert.equal(loaded.loadSeq, faults[0].seq);
    assert.equal(loaded.accessed, true, 'the MMU set the accessed bit');
    assert.deepEqual(eventsOf(m, 'frame-alloc').map((e) => e.page), [0x401000, 0x403000, 0x404000]);
    file.close();
  });

  it('kills a write to the code segment, from user mode and from the kernel', () => {
    const m = makeMachine();
    const { file } = program(m);
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x1800, zeroBytes: 0x800, writable: false }));
    assert.throws(() => writeUser(m, space, 0x400010, new Uint8Array([1])), (e: Killed) => e.reason === 'write to code segment');
    readUser(m, space, 0x400000, 4);
    assert.throws(() => writeUser(m, space, 0x400010, new Uint8Array([1])), (e: Killed) => e.reason === 'write to code segment', 'also when resident');
    assert.throws(() => writeUser(m, space, 0x401010, new Uint8Array([1]), { kernel: true }), (e: Killed) => e.reason === 'write to code segment');
    const last = eventsOf(m, 'page-fault').at(-1)!;
    assert.equal(last.resolution, 'invalid');
    assert.equal(last.user, false);
    file.close();
  });

  it('refuses kernel addresses, the null page and unregistered pages', () => {
    const m = makeMachine();
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    m.vm.activate(space);
    const fault = (addr: number) => m.vm.handleFault(space, { addr, write: false, user: true, present: false, fetch: false, errorCode: 4, rsp: USER_STACK - 64, rip: 0 });
    assert.equal(fault(KERN_BASE + 0x1000), false);
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.detail, 'kernel address');
    assert.equal(fault(0), false);
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.detail, 'null page');
    assert.equal(fault(0x10000000), false);
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.detail, 'not in SPT');
    assert.deepEqual(m.vm.stats().perPid[0].faults.invalid, 3);
  });

  it('merges a page shared by two segments: union of rights, both parts of the content', () => {
    const m = makeMachine();
    const { file, bytes } = program(m);
    const space = m.vm.createSpace(1)!;
    // headers segment [0x400000, 0x400200) read-only; code segment starting in the same page
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x200, zeroBytes: PAGE - 0x200, writable: false }));
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x1400, zeroBytes: 0xc00, writable: true }));
    const spt = m.vm.inspectSpt(space);
    assert.equal(spt.length, 2);
    assert.equal(spt[0].writable, true);
    assert.equal(spt[0].region, 'data');
    assert.deepEqual(readUser(m, space, 0x400000, PAGE), bytes.subarray(0, PAGE));
    writeUser(m, space, 0x400000, new Uint8Array([9]));
    assert.equal(readUser(m, space, 0x400000, 1)[0], 9);
    file.close();
  });

  it('reads segments through its own description: closing the loader\'s file does not matter', () => {
    const m = makeMachine();
    const { file, bytes } = program(m);
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x1800, zeroBytes: 0x800, writable: false }));
    file.close();
    assert.deepEqual(readUser(m, space, 0x400000, 16), bytes.subarray(0, 16));
    assert.equal(m.fs.openFileInodes, 1, 'the space holds one description');
    m.vm.destroySpace(space);
    assert.equal(m.fs.openFileInodes, 0);
  });

  it('charges kernel pages for the PML4, page tables and SPT bookkeeping, and fails cleanly without them', () => {
    const m = makeMachine({ kernelFrames: 6 });
    const { file } = program(m);
    const space = m.vm.createSpace(1)!;
    assert.equal(m.vm.kernelPagesOf(space), 1);
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: 0x1800, zeroBytes: 0x800, writable: false }));
    assert.equal(m.vm.kernelPagesOf(space), 2, 'PML4 + one SPT page for up to 64 entries');
    translate(m, space, 0x400000, Access.Read);
    assert.equal(m.vm.kernelPagesOf(space), 5, 'plus PDPT, PD and PT');
    assert.equal(m.kernelPool.inUse, 5);
    // 64 more entries need a second bookkeeping page: the last free one
    assert.ok(m.vm.addSegment(space, { vaddr: 0x500000, file, offset: 0, readBytes: 0, zeroBytes: 63 * PAGE, writable: true }));
    assert.equal(m.vm.kernelPagesOf(space), 6);
    const before = usage(m);
    assert.equal(m.vm.addSegment(space, { vaddr: 0x600000, file, offset: 0, readBytes: 0, zeroBytes: 80 * PAGE, writable: true }), false, 'kernel pool exhausted');
    assert.deepEqual(usage(m), before, 'nothing half-added');
    assert.equal(m.vm.inspectSpt(space).length, 65);
    assert.equal(m.vm.createSpace(2), undefined, 'no page for another PML4');
    m.vm.destroySpace(space);
    assert.equal(m.kernelPool.inUse, 0);
    file.close();
  });

  it('refuses a fault whose page table cannot be allocated, before taking any frame', () => {
    const m = makeMachine({ kernelFrames: 5 });
    const { file } = program(m);
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file, offset: 0, readBytes: PAGE, zeroBytes: 0, writable: false }));
    assert.ok(m.vm.addSegment(space, { vaddr: 0x40000000, file, offset: 0, readBytes: PAGE, zeroBytes: 0, writable: true }));
    readUser(m, space, 0x400000, 1); // PDPT, PD, PT: the pool is now empty
    assert.equal(m.kernelPool.available, 0);
    assert.throws(() => readUser(m, space, 0x40000000, 1), (e: Killed) => e.reason === 'out of kernel memory');
    assert.equal(m.userPool.inUse, 1, 'no frame taken for the refused page');
    assert.equal(m.vm.inspectSpt(space).find((e) => e.va === 0x40000000)!.state, 'not-loaded');
    m.vm.destroySpace(space);
    file.close();
    assert.equal(m.kernelPool.inUse + m.userPool.inUse, 0);
  });
});

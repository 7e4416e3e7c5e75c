// The stack: the first page claimed at load, growth by the rule of PINTOS-ABI.md §6 (user mode and
// inside system calls with the saved rsp), the 1 MiB limit, accesses far below rsp killed.
import { strict as assert } from 'node:assert';
import { Killed, PAGE, USER_STACK, eventsOf, makeMachine, readUser, text, writeUser } from './vm-machine';

const STACK_BOTTOM = USER_STACK - (1 << 20);

describe('vm: stack', () => {
  it('claims the first stack page eagerly: an ANON stack page in a frame', () => {
    const m = makeMachine();
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    assert.equal(m.userPool.inUse, 1);
    const [entry] = m.vm.inspectSpt(space);
    assert.deepEqual([entry.va, entry.kind, entry.region, entry.state, entry.writable], [USER_STACK - PAGE, 'anon', 'stack', 'in-frame', true]);
    assert.notEqual(m.vm.frameAddress(space, USER_STACK - 1), 0);
    assert.equal(m.vm.setupStack(space), false, 'only once');
    writeUser(m, space, USER_STACK - 8, text('argv...'));
    assert.equal(eventsOf(m, 'page-fault').length, 0, 'no fault for the claimed page');
  });

  it('grows for accesses at or above rsp - 8, one page per fault', () => {
    const m = makeMachine();
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    const rsp = USER_STACK - PAGE - 16;
    writeUser(m, space, rsp - 8, text('pushed!'), { rsp });
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.resolution, 'stack-growth');
    // a big frame: rsp moved down 3 pages at once, then an access at rsp
    const low = USER_STACK - 5 * PAGE + 100;
    writeUser(m, space, low, text('deep'), { rsp: low });
    assert.deepEqual(
      m.vm.inspectSpt(space).map((e) => [e.va, e.region]),
      [
        [USER_STACK - 5 * PAGE, 'stack'],
        [USER_STACK - 2 * PAGE, 'stack'],
        [USER_STACK - PAGE, 'stack'],
      ],
    );
    assert.equal(new TextDecoder().decode(readUser(m, space, low, 4, { rsp: low })), 'deep');
    assert.ok(readUser(m, space, USER_STACK - 4 * PAGE, PAGE, { rsp: low }).every((b) => b === 0), 'pages in between grow zeroed when touched above rsp');
  });

  it('kills an access far below rsp', () => {
    const m = makeMachine();
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    const rsp = USER_STACK - 64;
    assert.throws(() => readUser(m, space, USER_STACK - 2 * PAGE, 4, { rsp }), (e: Killed) => e.reason === 'stack access far below rsp');
    assert.throws(() => writeUser(m, space, rsp - 4096 - 9, text('x'), { rsp: rsp - 4096 }), (e: Killed) => e.reason === 'stack access far below rsp', '9 below rsp is too far');
    writeUser(m, space, rsp - 4096 - 8, text('x'), { rsp: rsp - 4096 });
  });

  it('grows to exactly 1 MiB and no further', () => {
    const m = makeMachine({ userFrames: 4, swapSlots: 300, kernelFrames: 32 });
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    writeUser(m, space, STACK_BOTTOM, text('bottom'), { rsp: STACK_BOTTOM });
    assert.equal(eventsOf(m, 'page-fault').at(-1)!.resolution, 'stack-growth');
    assert.throws(() => writeUser(m, space, STACK_BOTTOM - 8, text('x'), { rsp: STACK_BOTTOM - 8 }), (e: Killed) => e.reason === 'stack growth beyond 1 MiB');
    assert.equal(new TextDecoder().decode(readUser(m, space, STACK_BOTTOM, 6, { rsp: STACK_BOTTOM })), 'bottom');
  });

  it('grows inside a system call using the rsp saved at syscall entry', () => {
    const m = makeMachine();
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    const savedRsp = USER_STACK - 3 * PAGE;
    // read(fd, buf, n) with buf on the not-yet-grown stack just above the saved rsp
    writeUser(m, space, savedRsp + 16, text('from the disk'), { rsp: savedRsp, kernel: true });
    const f = eventsOf(m, 'page-fault').at(-1)!;
    assert.deepEqual([f.resolution, f.user, f.rsp], ['stack-growth', false, savedRsp]);
    assert.throws(() => writeUser(m, space, savedRsp - 2 * PAGE, text('x'), { rsp: savedRsp, kernel: true }), Killed);
  });

  it('kills the process cleanly when no frame can be had for the new page (no swap)', () => {
    const m = makeMachine({ userFrames: 2, swapSlots: 0 });
    const space = m.vm.createSpace(1)!;
    assert.ok(m.vm.setupStack(space));
    writeUser(m, space, USER_STACK - PAGE - 8, text('a'), { rsp: USER_STACK - PAGE - 8 });
    const rsp = USER_STACK - 2 * PAGE - 8;
    assert.throws(() => writeUser(m, space, rsp, text('b'), { rsp }), (e: Killed) => e.reason === 'out of swap');
    assert.equal(m.vm.inspectSpt(space).length, 2, 'the refused stack page is not left in the SPT');
    m.vm.destroySpace(space);
    assert.equal(m.userPool.inUse + m.kernelPool.inUse, 0);
  });
});

// Exact faults: a faulting instruction changes nothing and leaves rip on itself.
import { strict as assert } from 'node:assert';
import { CODE, DATA, hex, makeMachine, STACK_TOP } from './machine-fixture';

const PF_PRESENT = 1, PF_WRITE = 2, PF_USER = 4;

describe('machine: exact faults', () => {
  it('a push that faults leaves rsp and memory unchanged', () => {
    const t = makeMachine('50 f4'); // push rax
    t.m.setReg('rsp', BigInt(DATA)); // the page below DATA is not mapped
    const r = t.m.run(10);
    assert.equal(r.kind, 'fault');
    if (r.kind !== 'fault') return;
    assert.equal(r.vector, 14);
    assert.equal(r.addr, DATA - 8);
    assert.equal(r.errorCode, PF_WRITE | PF_USER);
    assert.equal(t.m.getReg('rsp'), BigInt(DATA));
    assert.equal(t.m.cpu.rip, CODE);
    assert.equal(t.m.retired, 0);
  });

  it('a read-modify-write on a read-only page changes no byte and no flag', () => {
    const t = makeMachine('f9 83 04 25 00 00 40 00 01 f4'); // stc; add dword [0x400000], 1
    const r = t.m.run(10);
    assert.equal(r.kind, 'fault');
    if (r.kind !== 'fault') return;
    assert.equal(r.errorCode, PF_PRESENT | PF_WRITE | PF_USER);
    assert.deepEqual(t.peek(CODE, 4), [0xf9, 0x83, 0x04, 0x25]);
    assert.equal(t.m.getRflags() & 1, 1);
    assert.equal(t.m.cpu.rip, CODE + 1);
    assert.equal(t.m.retired, 1);
  });

  it('a page-crossing store that faults on the second page writes nothing', () => {
    const t = makeMachine('48 c7 c0 ff ff ff ff 48 89 04 25 fc 3f 60 00 f4');
    const r = t.m.run(10);
    assert.equal(r.kind, 'fault');
    if (r.kind !== 'fault') return;
    assert.equal(r.addr, DATA + 0x4000);
    assert.deepEqual(t.peek(DATA + 0x3ffc, 4), [0, 0, 0, 0]);
  });

  it('restarting after the kernel maps the page completes the instruction', () => {
    const t = makeMachine('48 c7 c0 ff ff ff ff 48 89 04 25 fc 3f 60 00 f4');
    assert.equal(t.m.run(10).kind, 'fault');
    t.map(DATA + 0x4000, true);
    t.mem.flushTlb();
    assert.equal(t.m.run(10).kind, 'halt');
    assert.deepEqual(t.peek(DATA + 0x3ffc, 8), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });

  it('ud2 and undefined bytes raise #UD naming the bytes and the address', () => {
    const a = makeMachine('90 0f 0b');
    const r = a.m.run(10);
    assert.deepEqual(r.kind === 'fault' && [r.vector, r.addr, r.bytes], [6, CODE + 1, [0x0f, 0x0b]]);
    const b = makeMachine('0f 38 00 c1');
    const s = b.m.run(10);
    assert.equal(s.kind === 'fault' && s.vector, 6);
    assert.deepEqual(s.kind === 'fault' && s.bytes?.slice(0, 2), [0x0f, 0x38]);
  });

  it('a jump to a non-canonical address is #GP on the jump', () => {
    // movabs rax, 0x0000800000000000; jmp rax
    const t = makeMachine('48 b8 00 00 00 00 00 80 00 00 ff e0');
    const r = t.m.run(10);
    assert.equal(r.kind === 'fault' && r.vector, 13);
    assert.equal(t.m.cpu.rip, CODE + 10);
  });

  it('push/pop of memory operands move 8 bytes through the stack', () => {
    const t = makeMachine('ff 34 25 00 00 60 00 8f 04 25 10 00 60 00 f4');
    t.poke(DATA, hex('01 02 03 04 05 06 07 08'));
    assert.equal(t.m.run(10).kind, 'halt');
    assert.deepEqual(t.peek(DATA + 0x10, 8), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(t.m.getReg('rsp'), BigInt(STACK_TOP));
  });
});

// Stop reasons, breakpoints, retired counts, self-modifying code, snapshots.
import { strict as assert } from 'node:assert';
import { CODE, makeMachine, STACK_TOP } from './machine-fixture';

describe('machine: stops and hooks', () => {
  it('syscall stops with rcx = next rip and r11 = rflags', () => {
    const t = makeMachine('b8 0a 00 00 00 0f 05 f4'); // mov eax,10; syscall; hlt
    assert.equal(t.m.run(100).kind, 'syscall');
    assert.equal(t.m.cpu.rip, CODE + 7);
    assert.equal(t.m.getReg('rcx'), BigInt(CODE + 7));
    assert.equal(t.m.getReg('r11'), BigInt(t.m.getRflags()));
    assert.equal(t.m.retired, 2);
    assert.equal(t.m.run(100).kind, 'halt');
  });

  it('int 0x42 stops with its vector and rip after it', () => {
    const t = makeMachine('cd 42 f4');
    assert.deepEqual(t.m.run(100), { kind: 'interrupt', vector: 0x42 });
    assert.equal(t.m.cpu.rip, CODE + 2);
  });

  it('the budget is exact and resumes mid-block', () => {
    const t = makeMachine('90 90 90 90 90 f4');
    assert.equal(t.m.run(3).kind, 'budget');
    assert.equal(t.m.retired, 3);
    assert.equal(t.m.cpu.rip, CODE + 3);
    assert.equal(t.m.step().kind, 'step');
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.retired, 6);
  });

  it('breakpoints stop before the instruction and resuming executes it', () => {
    const t = makeMachine('90 90 90 f4');
    t.m.addBreakpoint(CODE + 2);
    assert.deepEqual(t.m.run(100), { kind: 'breakpoint', addr: CODE + 2 });
    assert.equal(t.m.retired, 2);
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.retired, 4);
    t.m.removeBreakpoint(CODE + 2);
    t.m.cpu.rip = CODE;
    assert.equal(t.m.run(100).kind, 'halt');
  });

  it('call and ret use the stack', () => {
    const t = makeMachine('e8 01 00 00 00 f4 c3');
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.cpu.rip, CODE + 6);
    assert.equal(t.m.getReg('rsp'), BigInt(STACK_TOP));
    assert.equal(t.peek64(STACK_TOP - 8), BigInt(CODE + 5));
  });

  it('self-modifying code: a store into the next instruction takes effect', () => {
    const t = makeMachine('');
    const smc = 0x700000;
    t.map(smc, true, true);
    // mov byte [rip+1], 2; mov eax, 1 (becomes mov eax, 2); hlt
    t.poke(smc, [0xc6, 0x05, 0x01, 0, 0, 0, 0x02, 0xb8, 0x01, 0, 0, 0, 0xf4]);
    t.m.cpu.rip = smc;
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getReg('rax'), 2n);
  });

  it('code rewritten between runs is decoded again', () => {
    const t = makeMachine('b8 01 00 00 00 f4');
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getReg('rax'), 1n);
    t.poke(CODE + 1, [7]);
    t.m.cpu.rip = CODE;
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getReg('rax'), 7n);
  });

  it('snapshot and restore bring back registers, flags and the count', () => {
    const t = makeMachine('b8 05 00 00 00 83 e8 05 f4'); // mov eax,5; sub eax,5
    assert.equal(t.m.step().kind, 'step');
    const s = t.m.snapshot();
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getRflags() & 0x40, 0x40);
    t.m.restore(s);
    assert.equal(t.m.retired, 1);
    assert.equal(t.m.cpu.rip, CODE + 5);
    assert.equal(t.m.getReg('rax'), 5n);
    assert.equal(t.m.run(100).kind, 'halt');
  });
});

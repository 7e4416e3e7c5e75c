// Compiled blocks keep the machine's contracts: exact budgets, exact faults (rip, retired count,
// registers and flags as before the faulting instruction), self-modifying code, watchpoints,
// breakpoints and snapshots. Each test runs the same program on a machine that compiles every
// block on first use (JavaScript or WebAssembly tier) and on one that only interprets, and
// compares them step by step.
import { strict as assert } from 'node:assert';
import type { StopReason } from '../../../src/emu/stop-reason';
import { CODE, DATA, makeMachine, type TestMachine } from './machine-fixture';

/** Registers, rip, flags and retired count of a machine. */
function state(t: TestMachine): Record<string, string | number> {
  const s: Record<string, string | number> = { rip: t.m.cpu.rip, retired: t.m.retired, rflags: t.m.getRflags() };
  for (let i = 0; i < 16; i++) s[`r${i}`] = t.m.getReg(i).toString(16);
  return s;
}

/** The compiled tier under test (set by the describe loop below). */
let engine: 'js' | 'wasm' = 'js';

/** The same program on a compiling and an interpreting machine, with `setup` applied to both. */
function twins(code: string, setup: (t: TestMachine) => void = () => undefined): [TestMachine, TestMachine] {
  const compiled = makeMachine(code, { compileAfter: 0, engine });
  const interpreted = makeMachine(code, { compileAfter: Infinity });
  setup(compiled);
  setup(interpreted);
  return [compiled, interpreted];
}

/** Runs both for `budget` and checks that they stop the same way in the same state. */
function runBoth(pair: [TestMachine, TestMachine], budget: number): StopReason {
  const a = pair[0].m.run(budget);
  const b = pair[1].m.run(budget);
  assert.deepEqual(a, b);
  assert.deepEqual(state(pair[0]), state(pair[1]));
  return a;
}

// mov ecx, 100; xor eax, eax
// loop: add eax, ecx; mov [0x600000], rax; sub ecx, 1; jnz loop; hlt
const SUM_LOOP = 'b9 64 00 00 00 31 c0 01 c8 48 89 04 25 00 00 60 00 83 e9 01 75 f1 f4';
const SUM_LOOP_SUB = CODE + 17;

for (const tier of ['js', 'wasm'] as const) describe(`compiled blocks (${tier} tier)`, () => {
  before(() => { engine = tier; });
  it('stop exactly at every budget, also inside a block and inside a block that loops', () => {
    for (const step of [1, 2, 3, 5, 7, 9, 13, 50, 1000]) {
      const pair = twins(SUM_LOOP);
      for (let k = 0; k < 1000; k++) {
        const stop = runBoth(pair, step);
        if (stop.kind === 'halt') break;
        assert.equal(stop.kind, 'budget');
      }
      assert.equal(pair[0].m.getReg('rax'), 5050n);
      assert.equal(pair[0].peek64(DATA), 5050n);
    }
  });

  it('a fault inside a compiled block leaves rip, the count, registers and flags exact', () => {
    // loop: add eax, 1; cmp eax, 7; mov rbx, [rdx]; add rcx, rbx; add rdx, 0x1000; jmp loop
    const pair = twins('83 c0 01 83 f8 07 48 8b 1a 48 01 d9 48 81 c2 00 10 00 00 eb eb', (t) => {
      t.m.setReg('rdx', BigInt(DATA));
      t.poke(DATA + 0x2000, [0x11]);
    });
    const stop = runBoth(pair, 1000);
    assert.equal(stop.kind, 'fault');
    assert.equal(stop.kind === 'fault' && stop.addr, DATA + 0x4000);
    assert.equal(pair[0].m.cpu.rip, CODE + 6);
    assert.equal(pair[0].m.retired, 4 * 6 + 2);
    assert.equal(pair[0].m.getReg('rax'), 5n);
    assert.equal(pair[0].m.getRflags() & 0x8d5, 0x91); // 5 - 7: CF, SF, AF
    assert.equal(pair[0].m.getReg('rcx'), 0x11n);
  });

  it('a block that rewrites its own later instruction sees the new code', () => {
    // loop: inc ecx; mov [rip+1], cl (the immediate of the next mov); mov eax, 0; cmp ecx, 5; jne loop; hlt
    const code = 'ff c1 88 0d 01 00 00 00 b8 00 00 00 00 83 f9 05 75 ee f4';
    const smc = 0x700000;
    const pair = twins('', (t) => {
      t.map(smc, true, true);
      t.poke(smc, code.split(' ').map((b) => parseInt(b, 16)));
      t.m.cpu.rip = smc;
    });
    assert.equal(runBoth(pair, 1000).kind, 'halt');
    assert.equal(pair[0].m.getReg('rax'), 5n);
  });

  it('code written by the kernel between runs drops compiled blocks', () => {
    const pair = twins(SUM_LOOP);
    runBoth(pair, 40);
    for (const t of pair) t.poke(CODE + 7, [0x29]); // add eax, ecx -> sub eax, ecx
    assert.equal(runBoth(pair, 1000).kind, 'halt');
    assert.notEqual(pair[0].m.getReg('rax'), 5050n);
  });

  it('a watchpoint stops right after the instruction that touched the range', () => {
    const pair = twins(SUM_LOOP);
    runBoth(pair, 30);
    for (const t of pair) t.mem.addWatch({ id: 1, space: 'virtual', start: DATA, length: 8, onRead: false, onWrite: true });
    const stop = runBoth(pair, 1000);
    assert.equal(stop.kind, 'watchpoint');
    assert.equal(pair[0].m.cpu.rip, SUM_LOOP_SUB);
    assert.equal(runBoth(pair, 1000).kind, 'watchpoint');
  });

  it('a breakpoint set inside a hot block stops before its instruction', () => {
    const pair = twins(SUM_LOOP);
    runBoth(pair, 50);
    for (const t of pair) t.m.addBreakpoint(SUM_LOOP_SUB);
    assert.deepEqual(runBoth(pair, 1000), { kind: 'breakpoint', addr: SUM_LOOP_SUB });
    assert.deepEqual(runBoth(pair, 1000), { kind: 'breakpoint', addr: SUM_LOOP_SUB });
    for (const t of pair) t.m.removeBreakpoint(SUM_LOOP_SUB);
    assert.equal(runBoth(pair, 1000).kind, 'halt');
  });

  it('a snapshot restored after compiled runs replays the same way', () => {
    const pair = twins(SUM_LOOP);
    runBoth(pair, 20);
    const snaps = pair.map((t) => ({ cpu: t.m.snapshot(), mem: t.mem.snapshot() }));
    runBoth(pair, 150);
    const after = state(pair[0]);
    pair.forEach((t, i) => {
      t.mem.restore(snaps[i].mem);
      t.m.restore(snaps[i].cpu);
      t.m.flushDecodedCode();
    });
    runBoth(pair, 150);
    assert.deepEqual(state(pair[0]), after);
  });

  it('a rotate by CL between a cmp and a jb provides the carry the jb tests', () => {
    // mov eax, 1; mov ebx, 2; cmp eax, ebx (CF = 1); mov ecx, 1; rol rax, cl (CF = 0); jb +5; mov edx, 7; hlt
    const pair = twins('b8 01 00 00 00 bb 02 00 00 00 39 d8 b9 01 00 00 00 48 d3 c0 72 05 ba 07 00 00 00 f4');
    assert.equal(runBoth(pair, 100).kind, 'halt');
    assert.equal(pair[0].m.getReg('rdx'), 7n);
    assert.equal(pair[0].m.getReg('rax'), 2n);
  });

  it('flags computed before a block exit are seen by the next block', () => {
    // cmp rax, rbx; jb over; mov ecx, 1; over: setb dl; hlt  (cmp's flags read in two blocks)
    const pair = twins('48 39 d8 72 05 b9 01 00 00 00 0f 92 c2 f4', (t) => {
      t.m.setReg('rax', 0xffffffff00000000n);
      t.m.setReg('rbx', 0xffffffff00000001n);
    });
    assert.equal(runBoth(pair, 100).kind, 'halt');
    assert.equal(pair[0].m.getReg('rdx'), 1n);
    assert.equal(pair[0].m.getReg('rcx'), 0n);
  });
});

// loop, loope, loopne and jrcxz (E0-E3): counted branches that run in the interpreter on every
// tier (a compiled block ends with one and leaves it to its handler).
import * as assert from 'node:assert/strict';
import { makeMachine, CODE } from './machine-fixture';

const tiers = [
  { name: 'interpreter', options: { compileAfter: Infinity } },
  { name: 'WebAssembly tier', options: { compileAfter: 0, engine: 'wasm' as const } },
  { name: 'JavaScript tier', options: { compileAfter: 0, engine: 'js' as const } },
];

for (const { name, options } of tiers) {
  describe(`counted branches (${name})`, () => {
    it('loop runs its body rcx times and leaves rcx at 0', () => {
      // inc rax; loop -3 (back to the inc); hlt
      const t = makeMachine('48 ff c0 e2 fb f4', options);
      t.m.setReg('rcx', 5n);
      t.m.setReg('rax', 0n);
      assert.equal(t.m.run(100).kind, 'halt');
      assert.equal(t.m.getReg('rax'), 5n);
      assert.equal(t.m.getReg('rcx'), 0n);
    });

    it('loop with rcx 0 wraps to 2^64 - 1 and branches', () => {
      const t = makeMachine('e2 02 f4 f4 90 f4', options);
      t.m.setReg('rcx', 0n);
      assert.equal(t.m.run(10).kind, 'halt');
      assert.equal(t.m.getReg('rcx'), 0xffffffffffffffffn);
      assert.equal(t.m.cpu.rip, CODE + 6, 'took the branch to the nop');
    });

    it('loope stops at the first unequal element, loopne at the first equal one', () => {
      // cmp rax, rbx; loope -5; hlt   (rax = rbx: keeps looping until rcx is 0)
      const eq = makeMachine('48 39 d8 e1 fb f4', options);
      eq.m.setReg('rcx', 4n);
      assert.equal(eq.m.run(100).kind, 'halt');
      assert.equal(eq.m.getReg('rcx'), 0n);
      const ne = makeMachine('48 39 d8 e0 fb f4', options);
      ne.m.setReg('rcx', 4n);
      ne.m.setReg('rax', 1n);
      assert.equal(ne.m.run(100).kind, 'halt');
      assert.equal(ne.m.getReg('rcx'), 0n, 'loopne ran while unequal');
      const neEqual = makeMachine('48 39 d8 e0 fb f4', options);
      neEqual.m.setReg('rcx', 4n);
      assert.equal(neEqual.m.run(100).kind, 'halt');
      assert.equal(neEqual.m.getReg('rcx'), 3n, 'loopne stopped after one pass');
    });

    it('jrcxz branches when rcx is 0 and changes nothing', () => {
      const t = makeMachine('e3 01 f4 f4', options);
      t.m.setReg('rcx', 0n);
      const flags = t.m.getRflags();
      t.m.run(1);
      assert.equal(t.m.cpu.rip, CODE + 3);
      assert.equal(t.m.getRflags(), flags);
      const u = makeMachine('e3 01 f4 f4', options);
      u.m.setReg('rcx', 1n << 40n);
      u.m.run(1);
      assert.equal(u.m.cpu.rip, CODE + 2, 'a set high half is not zero');
    });

    it('with a 67 prefix they count with ecx', () => {
      const t = makeMachine('67 e3 01 f4 f4', options);
      t.m.setReg('rcx', 1n << 40n);
      t.m.run(1);
      assert.equal(t.m.cpu.rip, CODE + 4, 'jecxz looks at ecx only');
    });
  });
}

// The case generator of the differential test: reproducible from (seed, index), every case
// assembles, no instruction reads a flag left undefined, and the flag walk follows jumps; the
// handling of implementation-specific register halves (generation, probe verdict, comparison).
import { strict as assert } from 'node:assert';
import { OPCODE_TABLE } from '../../../src/emu/isa/opcode-table';
import { compareStates } from '../../diff/compare';
import { fixed, jmpShort } from '../../diff/encode';
import { generateCase, makeCatalog } from '../../diff/generator';
import { ADDR32_REP_PROBES, hostWidensLikeEmulator } from '../../diff/implementation-specific';
import { analyzeFlags, assemble } from '../../diff/sequence';
import type { FinalState } from '../../diff/state';

const AF = 0x10;

describe('differential case generator', function () {
  const cat = makeCatalog(OPCODE_TABLE);

  it('uses every table row except those that stop the machine, need privileges or exist only in 32-bit code', function () {
    const used = new Set([...cat.plain, ...cat.branches, ...cat.calls, ...cat.rets, ...cat.jumps, ...cat.stack, ...cat.strings, ...cat.traps]);
    const left = OPCODE_TABLE.filter((e) => !used.has(e) && e.flow !== 'system' && e.legacy32 !== true).map((e) => e.mnemonic);
    // the counted branches run in the interpreter only; exec tests cover them
    for (const m of ['jrcxz', 'loop', 'loope', 'loopne']) assert.ok(left.includes(m), m);
    assert.deepEqual([...new Set(left)].filter((m) => !m.startsWith('loop') && m !== 'jrcxz').sort(), ['hlt', 'int', 'int3', 'syscall']);
    const system = OPCODE_TABLE.filter((e) => e.flow === 'system').map((e) => e.mnemonic);
    assert.deepEqual([...new Set(system)].sort(), ['cli', 'cpuid', 'in', 'ins', 'invlpg', 'iret', 'lgdt', 'lidt', 'ljmp', 'lldt', 'ltr', 'mov', 'out', 'outs', 'rdmsr', 'retf', 'sti', 'swapgs', 'sysret', 'wrmsr']);
  });

  it('generates the same case for the same seed and index', function () {
    for (const i of [0, 7, 1234]) {
      assert.deepEqual(generateCase(cat, 5, i).diffCase, generateCase(cat, 5, i).diffCase);
    }
    assert.notDeepEqual(generateCase(cat, 5, 1).diffCase.code, generateCase(cat, 6, 1).diffCase.code);
  });

  it('generates cases that never read an undefined flag', function () {
    for (let i = 0; i < 2000; i++) {
      const g = generateCase(cat, 9, i);
      assert.equal(g.flags.readsUndefined, false, `case ${i}`);
      assert.ok(g.diffCase.code.length > 0 && g.diffCase.code.length <= 2000);
    }
  });

  it('carries undefined flags along a jump past a flag-defining unit', function () {
    const andLike = { ...fixed([0x21, 0xc0], 'and eax, eax', { flagsWritten: 0x8d5, flagsUndefined: AF }) };
    const cmp = fixed([0x39, 0xc0], 'cmp eax, eax', { flagsWritten: 0x8d5 });
    const jmp = jmpShort({ unit: 2 });
    const asm = assemble([
      { id: 0, insns: [andLike, jmp] },
      { id: 1, insns: [cmp] },
    ]);
    const flags = analyzeFlags(asm);
    assert.equal(flags.undefinedAt.get(asm.code.length), AF);
  });

  it('leaves implementation-specific upper halves only after the last instruction', function () {
    let marked = 0;
    for (let i = 0; i < 20000; i++) {
      const g = generateCase(cat, 1, i);
      const layout = g.asm.layout;
      layout.slice(0, -1).forEach((l) => assert.equal(l.insn.upperUnspecified ?? 0, 0, `case ${i}: ${l.insn.text}`));
      assert.equal(g.upperUnspecified, layout[layout.length - 1].insn.upperUnspecified ?? 0);
      if (g.upperUnspecified !== 0) {
        marked++;
        assert.equal(g.upperUnspecified & ~0xc2, 0, `case ${i}: only rcx, rsi, rdi`);
        assert.ok((g.upperUnspecified & 0x2) !== 0, `case ${i}: rcx`);
      }
    }
    assert.ok(marked > 0, 'some cases end with a zero-count rep string instruction with 32-bit addressing');
  });

  it('tells a host that widens registers as the emulator does from one that does not', function () {
    const state = (regs: readonly bigint[]): FinalState => ({ kind: 'ok', rip: 0, addr: 0, regs, flags: 0, changes: [] });
    const untouched = ADDR32_REP_PROBES.map((p) => state(p.diffCase.regs));
    assert.equal(hostWidensLikeEmulator(untouched), false);
    const widenAll = ADDR32_REP_PROBES.map((p) => state(p.diffCase.regs.map((v, r) => ((p.names >> r) & 1 ? BigInt.asUintN(32, v) : v))));
    assert.equal(hostWidensLikeEmulator(widenAll), false, 'lods, cmps and scas keep their index registers on this kind of host');
    const widened = (kind: string): number => (kind === 'movs' ? 0xc2 : kind === 'stos' ? 0x82 : 0x02);
    const likeEmulator = ADDR32_REP_PROBES.map((p) => state(p.diffCase.regs.map((v, r) => ((widened(p.kind) >> r) & 1 ? BigInt.asUintN(32, v) : v))));
    assert.equal(hostWidensLikeEmulator(likeEmulator), true);
  });

  it('leaves out bits 63:32 of the registers it is told to', function () {
    const regs = new Array<bigint>(16).fill(0n);
    const a: FinalState = { kind: 'ok', rip: 0, addr: 0, regs, flags: 0, changes: [] };
    const b: FinalState = { ...a, regs: regs.map((v, r) => (r === 1 || r === 6 ? v | 0x1234_0000_0000n : v)) };
    assert.equal(compareStates(a, b, 0).length, 2);
    assert.deepEqual(compareStates(a, b, 0, 0x42), []);
    assert.equal(compareStates(a, { ...b, regs: b.regs.map((v, r) => (r === 1 ? v | 1n : v)) }, 0, 0x42).length, 1);
  });
});

// The case generator of the differential test: reproducible from (seed, index), every case
// assembles, no instruction reads a flag left undefined, and the flag walk follows jumps.
import { strict as assert } from 'node:assert';
import { OPCODE_TABLE } from '../../../src/emu/isa/opcode-table';
import { fixed, jmpShort } from '../../diff/encode';
import { generateCase, makeCatalog } from '../../diff/generator';
import { analyzeFlags, assemble } from '../../diff/sequence';

const AF = 0x10;

describe('differential case generator', function () {
  const cat = makeCatalog(OPCODE_TABLE);

  it('uses every table row except those that stop the machine', function () {
    const used = new Set([...cat.plain, ...cat.branches, ...cat.calls, ...cat.rets, ...cat.jumps, ...cat.stack, ...cat.strings, ...cat.traps]);
    const left = OPCODE_TABLE.filter((e) => !used.has(e)).map((e) => e.mnemonic);
    assert.deepEqual([...new Set(left)].sort(), ['hlt', 'int', 'int3', 'syscall']);
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
});

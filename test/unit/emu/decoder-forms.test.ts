// Decoding: prefixes, REX and byte registers, ModRM/SIB/displacement, RIP-relative operands,
// immediates, multi-byte nops and endbr64.
import { strict as assert } from 'node:assert';
import { decode } from '../../../src/emu/decoder/decoder';
import { NO_REG } from '../../../src/emu/decoder/insn';
import { CODE, makeMachine } from './machine-fixture';

function dec(code: string) {
  const t = makeMachine(code);
  return decode(t.mem, CODE);
}

describe('decoder', () => {
  it('REX gives spl..dil and r8b; without REX 4..7 are ah..bh', () => {
    const a = dec('41 88 f0'); // mov r8b, sil
    assert.deepEqual([a.entry.mnemonic, a.rm, a.reg, a.opsize], ['mov', 8, 6, 1]);
    const b = dec('88 fc'); // mov ah, bh
    assert.deepEqual([b.rm, b.reg], [16, 19]);
  });

  it('resolves RIP-relative operands to absolute addresses', () => {
    const i = dec('8b 05 00 01 00 00');
    assert.equal(i.ripRelative, true);
    assert.equal(i.disp, CODE + 6 + 0x100);
    assert.equal(i.len, 6);
  });

  it('decodes SIB with index, scale and negative displacement', () => {
    const i = dec('4b 8d 44 ec f0'); // lea rax, [r12 + r13*8 - 0x10]
    assert.deepEqual([i.base, i.index, i.scale, i.disp, i.opsize], [12, 13, 8, -16, 8]);
    const j = dec('48 63 44 8b 08'); // movsxd rax, [rbx + rcx*4 + 8]
    assert.deepEqual([j.entry.mnemonic, j.base, j.index, j.scale, j.disp], ['movsxd', 3, 1, 4, 8]);
  });

  it('reads a 64-bit immediate for movabs', () => {
    const i = dec('48 b8 88 77 66 55 44 33 22 11');
    assert.deepEqual([i.reg, i.imm >>> 0, i.immHi >>> 0, i.len], [0, 0x55667788, 0x11223344, 10]);
  });

  it('knows the multi-byte nops and endbr64', () => {
    assert.equal(dec('2e 66 0f 1f 04 00').entry.mnemonic, 'nop');
    assert.equal(dec('0f 1f 00').len, 3);
    assert.equal(dec('f3 0f 1e fa').entry.mnemonic, 'endbr64');
    assert.equal(dec('f3 90').entry.mnemonic, 'pause');
    assert.equal(dec('66 90').entry.mnemonic, 'xchg');
    assert.equal(dec('90').entry.mnemonic, 'nop');
  });

  it('picks tzcnt with F3 and bsf without', () => {
    assert.equal(dec('f3 0f bc c1').entry.mnemonic, 'tzcnt');
    assert.equal(dec('0f bc c1').entry.mnemonic, 'bsf');
  });

  it('records condition codes and branch targets', () => {
    const i = dec('7c 06');
    assert.deepEqual([i.entry.mnemonic, i.cc, i.target], ['jl', 12, CODE + 8]);
    const j = dec('0f 85 00 01 00 00');
    assert.deepEqual([j.entry.mnemonic, j.target], ['jne', CODE + 6 + 0x100]);
  });

  it('memory operands without base use NO_REG', () => {
    const i = dec('83 04 25 00 00 40 00 01');
    assert.deepEqual([i.base, i.index, i.disp, i.imm], [NO_REG, NO_REG, 0x400000, 1]);
  });
});

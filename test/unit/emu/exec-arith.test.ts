// Arithmetic, logic, shifts, multiply/divide and partial-register writes, with their flags.
// Encodings are written out by hand (checked against the SDM); every snippet ends in hlt (f4).
import { strict as assert } from 'node:assert';
import { makeMachine } from './machine-fixture';
import type { Machine } from '../../../src/emu/machine';

const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
const STATUS = CF | PF | AF | ZF | SF | OF;

function run(code: string): Machine {
  const t = makeMachine(`${code} f4`);
  const r = t.m.run(1000);
  assert.equal(r.kind, 'halt', JSON.stringify(r));
  return t.m;
}

function flags(m: Machine, mask = STATUS): number {
  return m.getRflags() & mask;
}

describe('exec: add/adc/sub/sbb/inc/dec/neg', () => {
  it('adc with carry in wraps a 64-bit value and sets CF, ZF', () => {
    const m = run('48 c7 c0 ff ff ff ff f9 48 83 d0 00'); // mov rax,-1; stc; adc rax,0
    assert.equal(m.getReg('rax'), 0n);
    assert.equal(flags(m, CF | ZF | OF), CF | ZF);
  });
  it('adc eax with carry in: 0xffffffff + 0 + 1 = 0, CF and AF set, upper half zeroed', () => {
    const m = run('f9 b8 ff ff ff ff 83 d0 00');
    assert.equal(m.getReg('rax'), 0n);
    assert.equal(flags(m), CF | ZF | AF | PF);
  });
  it('sbb al: 0 - 1 - 0 borrows', () => {
    const m = run('f8 b0 00 1c 01');
    assert.equal(m.getReg('rax') & 0xffn, 0xffn);
    assert.equal(flags(m, CF | SF | ZF | OF), CF | SF);
  });
  it('inc keeps CF and sets OF at the signed maximum', () => {
    const m = run('f9 48 b8 ff ff ff ff ff ff ff 7f 48 ff c0');
    assert.equal(m.getReg('rax'), 0x8000000000000000n);
    assert.equal(flags(m, CF | OF | SF | ZF), CF | OF | SF);
  });
  it('neg of 0 clears CF; neg of 5 sets CF and SF', () => {
    assert.equal(flags(run('b8 00 00 00 00 f7 d8'), CF | ZF), ZF);
    const m = run('b8 05 00 00 00 f7 d8');
    assert.equal(m.getReg('rax'), 0xfffffffbn);
    assert.equal(flags(m, CF | SF | ZF), CF | SF);
  });
  it('cmp then jl takes the signed branch', () => {
    // mov eax,-1; cmp eax,1; jl +5; mov ebx,1; hlt; mov ebx,2
    const m = run('b8 ff ff ff ff 83 f8 01 7c 06 bb 01 00 00 00 f4 bb 02 00 00 00');
    assert.equal(m.getReg('rbx'), 2n);
  });
});

describe('exec: shifts and rotates', () => {
  it('shl by 1 sets CF from the top bit and OF = MSB ^ CF', () => {
    const m = run('b8 01 00 00 80 d1 e0');
    assert.equal(m.getReg('rax'), 2n);
    assert.equal(flags(m, CF | OF | ZF), CF | OF);
  });
  it('a masked count of 0 leaves the flags alone', () => {
    const m = run('f9 b8 01 00 00 80 b1 00 d3 e0'); // stc; mov eax,..; mov cl,0; shl eax,cl
    assert.equal(m.getReg('rax'), 0x80000001n);
    assert.equal(flags(m, CF), CF);
  });
  it('sar by 63 fills with the sign', () => {
    const m = run('48 b8 01 00 00 00 00 00 00 80 48 c1 f8 3f');
    assert.equal(m.getReg('rax'), 0xffffffffffffffffn);
    assert.equal(flags(m, CF), 0);
  });
  it('rcl and rcr rotate through the carry', () => {
    const a = run('f9 b0 80 d0 d0'); // stc; mov al,0x80; rcl al,1
    assert.equal(a.getReg('rax') & 0xffn, 1n);
    assert.equal(flags(a, CF), CF);
    const b = run('f8 b0 01 d0 d8'); // clc; mov al,1; rcr al,1
    assert.equal(b.getReg('rax') & 0xffn, 0n);
    assert.equal(flags(b, CF), CF);
  });
  it('rol changes only CF and OF', () => {
    // xor eax,eax (ZF=1); mov al,0x81; rol al,1 -> 0x03, CF=1, ZF still 1
    const m = run('31 c0 b0 81 d0 c0');
    assert.equal(m.getReg('rax'), 3n);
    assert.equal(flags(m, CF | ZF), CF | ZF);
  });
});

describe('exec: multiply and divide', () => {
  it('imul overflow sets CF and OF', () => {
    const m = run('b8 00 00 00 40 b9 04 00 00 00 0f af c1');
    assert.equal(m.getReg('rax'), 0n);
    assert.equal(flags(m, CF | OF), CF | OF);
  });
  it('imul three-operand form', () => {
    const m = run('48 c7 c0 fd ff ff ff 48 c7 c1 05 00 00 00 48 6b c1 07');
    assert.equal(m.getReg('rax'), 35n);
    assert.equal(flags(m, CF | OF), 0);
  });
  it('mul rdx:rax = rax * r64', () => {
    // mov rax,-1; mov rcx,2; mul rcx
    const m = run('48 c7 c0 ff ff ff ff 48 c7 c1 02 00 00 00 48 f7 e1');
    assert.equal(m.getReg('rax'), 0xfffffffffffffffen);
    assert.equal(m.getReg('rdx'), 1n);
    assert.equal(flags(m, CF | OF), CF | OF);
  });
  it('idiv truncates toward zero', () => {
    const m = run('48 c7 c2 ff ff ff ff 48 c7 c0 f9 ff ff ff 48 c7 c1 02 00 00 00 48 f7 f9');
    assert.equal(m.getReg('rax'), BigInt.asUintN(64, -3n));
    assert.equal(m.getReg('rdx'), BigInt.asUintN(64, -1n));
  });
  for (const [name, code] of [
    ['division by zero', 'ba 00 00 00 00 b8 0a 00 00 00 b9 00 00 00 00 f7 f1'],
    ['quotient overflow', 'ba 01 00 00 00 b8 00 00 00 00 b9 01 00 00 00 f7 f1'],
  ]) {
    it(`#DE on ${name}, rip on the div, registers unchanged`, () => {
      const t = makeMachine(code);
      const r = t.m.run(100);
      assert.equal(r.kind, 'fault');
      assert.equal(r.kind === 'fault' && r.vector, 0);
      assert.equal(t.m.cpu.rip, 0x400000 + 15);
      assert.equal(t.m.retired, 3);
      assert.equal(t.m.getReg('rcx') <= 1n, true);
    });
  }
});

describe('exec: partial registers and conversions', () => {
  it('32-bit writes zero the upper half, 16/8-bit writes keep it', () => {
    assert.equal(run('48 c7 c0 ff ff ff ff b8 01 00 00 00').getReg('rax'), 1n);
    assert.equal(run('48 c7 c0 ff ff ff ff 66 b8 02 00').getReg('rax'), 0xffffffffffff0002n);
    assert.equal(run('48 c7 c0 ff ff ff ff b4 03').getReg('rax'), 0xffffffffffff03ffn);
    assert.equal(run('48 c7 c6 ff ff ff ff 40 b6 04').getReg('rsi'), 0xffffffffffffff04n);
  });
  it('bswap, cdqe and cqo', () => {
    assert.equal(run('b8 78 56 34 12 0f c8').getReg('rax'), 0x78563412n);
    const m = run('48 c7 c0 80 00 00 00 48 98 b8 00 00 00 80 48 98 48 99');
    assert.equal(m.getReg('rax'), 0xffffffff80000000n);
    assert.equal(m.getReg('rdx'), 0xffffffffffffffffn);
  });
});

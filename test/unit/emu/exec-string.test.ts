// String instructions with rep prefixes and both directions.
import { strict as assert } from 'node:assert';
import { CODE, DATA, hex, makeMachine } from './machine-fixture';

describe('exec: string instructions', () => {
  it('rep movsb copies forward with DF = 0', () => {
    const t = makeMachine('48 c7 c6 00 00 60 00 48 c7 c7 00 01 60 00 b9 05 00 00 00 f3 a4 f4');
    t.poke(DATA, hex('10 11 12 13 14 15'));
    assert.equal(t.m.run(100).kind, 'halt');
    assert.deepEqual(t.peek(DATA + 0x100, 6), [0x10, 0x11, 0x12, 0x13, 0x14, 0]);
    assert.equal(t.m.getReg('rsi'), BigInt(DATA + 5));
    assert.equal(t.m.getReg('rcx'), 0n);
    assert.equal(t.m.retired, 5);
  });

  it('rep movsb copies backward with DF = 1', () => {
    const t = makeMachine('fd 48 c7 c6 04 00 60 00 48 c7 c7 04 01 60 00 b9 05 00 00 00 f3 a4 fc f4');
    t.poke(DATA, hex('10 11 12 13 14 15'));
    assert.equal(t.m.run(100).kind, 'halt');
    assert.deepEqual(t.peek(DATA + 0x100, 6), [0x10, 0x11, 0x12, 0x13, 0x14, 0]);
    assert.equal(t.m.getReg('rdi'), BigInt(DATA + 0xff));
  });

  it('rep stosq stores rax rcx times', () => {
    const t = makeMachine('48 c7 c7 00 02 60 00 48 b8 88 77 66 55 44 33 22 11 b9 03 00 00 00 f3 48 ab f4');
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.peek64(DATA + 0x210), 0x1122334455667788n);
    assert.equal(t.peek64(DATA + 0x218), 0n);
  });

  it('repne scasb finds the terminating zero (strlen)', () => {
    const t = makeMachine('48 c7 c7 00 00 60 00 31 c0 48 c7 c1 ff ff ff ff f2 ae f4');
    t.poke(DATA, hex('61 62 63 00'));
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getReg('rcx'), BigInt.asUintN(64, -5n));
    assert.equal(t.m.getRflags() & 0x40, 0x40);
  });

  it('repe cmpsb stops at the first difference', () => {
    const t = makeMachine('48 c7 c6 00 00 60 00 48 c7 c7 00 01 60 00 b9 08 00 00 00 f3 a6 f4');
    t.poke(DATA, hex('01 02 03 04'));
    t.poke(DATA + 0x100, hex('01 02 09 04'));
    assert.equal(t.m.run(100).kind, 'halt');
    assert.equal(t.m.getReg('rcx'), 5n);
    assert.equal(t.m.getRflags() & 0x41, 0x01); // ZF clear, CF set (3 < 9)
  });

  describe('32-bit addressing with a repeat prefix', () => {
    const HIGH = 0xabcd_0000_0000_0000n;
    /** Runs `code` (then hlt) with rcx, rsi, rdi given, every register set with HIGH garbage. */
    const run = (code: string, ecx: number, esi: number, edi: number) => {
      const t = makeMachine(`${code} f4`);
      t.m.setReg('rcx', HIGH | BigInt(ecx));
      t.m.setReg('rsi', HIGH | BigInt(esi));
      t.m.setReg('rdi', HIGH | BigInt(edi));
      t.m.setReg('rax', HIGH | 0x41n);
      return { t, stop: t.m.run(100) };
    };

    it('a zero count writes ecx, and esi/edi for movs, edi for stos', () => {
      const cases: Array<[string, boolean, boolean]> = [
        ['67 f3 a5', true, true], // rep movsd
        ['67 f2 a4', true, true], // f2 acts as rep on movs
        ['67 f3 48 ab', false, true], // rep stosq
        ['67 f3 ac', false, false], // rep lodsb
        ['67 f3 66 a7', false, false], // repe cmpsw
        ['67 f2 ae', false, false], // repne scasb
      ];
      for (const [code, si, di] of cases) {
        const { t, stop } = run(code, 0, DATA, DATA + 0x100);
        assert.equal(stop.kind, 'halt', code);
        assert.equal(t.m.getReg('rcx'), 0n, code);
        assert.equal(t.m.getReg('rsi'), (si ? 0n : HIGH) | BigInt(DATA), code);
        assert.equal(t.m.getReg('rdi'), (di ? 0n : HIGH) | BigInt(DATA + 0x100), code);
        assert.equal(t.m.getReg('rax'), HIGH | 0x41n, code);
      }
    });

    it('a fault on the first element leaves the written registers widened, rip on the instruction', () => {
      const unmapped = DATA - 0x1000;
      const { t, stop } = run('67 f3 a4', 3, unmapped, DATA);
      assert.equal(stop.kind, 'fault');
      assert.equal(t.m.cpu.rip, CODE);
      assert.equal(t.m.getReg('rcx'), 3n);
      assert.equal(t.m.getReg('rsi'), BigInt(unmapped));
      assert.equal(t.m.getReg('rdi'), BigInt(DATA));
      assert.equal(t.m.retired, 0);
    });

    it('without 32-bit addressing a zero count changes nothing', () => {
      const t = makeMachine('f3 a5 f4');
      t.m.setReg('rcx', 0n);
      t.m.setReg('rsi', HIGH | 5n);
      t.m.setReg('rdi', HIGH | 7n);
      assert.equal(t.m.run(100).kind, 'halt');
      assert.equal(t.m.getReg('rsi'), HIGH | 5n);
      assert.equal(t.m.getReg('rdi'), HIGH | 7n);
    });
  });
});

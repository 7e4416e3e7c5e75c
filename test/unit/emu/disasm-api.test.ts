// The disassembler's API beyond the text of single forms: symbol annotations, movabs constants,
// the parts of a Disassembly, and disassembleRange's limits, `(bad)` rows and page crossings.
import * as assert from 'node:assert';
import { decode } from '../../../src/emu/decoder/decoder';
import { CodeBufferBus } from '../../../src/emu/disasm/code-buffer-bus';
import { disassemble } from '../../../src/emu/disasm/disassemble';
import { disassembleRange } from '../../../src/emu/disasm/disassemble-range';

const AT = 0x401000;

/** Names 0x401000.. `main`, 0x402000.. `helper`, 0x404000.. `buf`. */
function symbolize(addr: number): string | undefined {
  const symbols: Array<[number, string]> = [[0x404000, 'buf'], [0x402000, 'helper'], [0x401000, 'main']];
  for (const [start, name] of symbols) {
    if (addr >= start && addr < start + 0x1000) return addr === start ? name : `${name}+0x${(addr - start).toString(16)}`;
  }
  return undefined;
}

function bytesOf(hex: string): number[] {
  return hex.split(' ').map((b) => parseInt(b, 16));
}

function decodeOne(hex: string, address = AT) {
  const bytes = bytesOf(hex);
  return { insn: decode(new CodeBufferBus(bytes, address), address), bytes };
}

describe('disassembler API', function () {
  describe('symbol annotations', function () {
    it('names call and jump targets objdump-style', function () {
      const call = decodeOne('e8 fb 0f 00 00');
      assert.strictEqual(disassemble(call.insn, call.bytes, { symbolize }).text, 'call   402000 <helper>');
      const jne = decodeOne('0f 85 00 01 00 00');
      assert.strictEqual(disassemble(jne.insn, jne.bytes, { symbolize, syntax: 'intel' }).text, 'jne    401106 <main+0x106>');
    });

    it('prints a bare 0x address when no symbol names the target', function () {
      const jmp = decodeOne('e9 00 00 00 00', 0x500000);
      assert.strictEqual(disassemble(jmp.insn, jmp.bytes, { symbolize }).text, 'jmp    0x500005');
      assert.strictEqual(disassemble(jmp.insn, jmp.bytes).text, 'jmp    0x500005');
    });

    it('adds the target of a RIP-relative operand as a comment', function () {
      const lea = decodeOne('48 8d 05 f9 2f 00 00');
      const text = disassemble(lea.insn, lea.bytes, { symbolize });
      assert.strictEqual(text.text, 'lea    0x2ff9(%rip),%rax        # 404000 <buf>');
      assert.strictEqual(text.comment, '404000 <buf>');
    });
  });

  describe('movabs constants', function () {
    const movabs = decodeOne('48 b8 10 40 40 00 00 00 00 00');

    it('are left alone by default, as objdump does', function () {
      assert.strictEqual(disassemble(movabs.insn, movabs.bytes, { symbolize }).text, 'movabs $0x404010,%rax');
    });

    it('are named when symbolizeConstants is set and the lookup knows the value', function () {
      const text = disassemble(movabs.insn, movabs.bytes, { symbolize, symbolizeConstants: true }).text;
      assert.strictEqual(text, 'movabs $0x404010,%rax        # 404010 <buf+0x10>');
      const intel = disassemble(movabs.insn, movabs.bytes, { symbolize, symbolizeConstants: true, syntax: 'intel' }).text;
      assert.strictEqual(intel, 'movabs rax,0x404010        # 404010 <buf+0x10>');
      const plain = decodeOne('48 b8 07 00 00 00 00 00 00 00');
      assert.strictEqual(disassemble(plain.insn, plain.bytes, { symbolize, symbolizeConstants: true }).text, 'movabs $0x7,%rax');
    });
  });

  it('returns the prefix words with the mnemonic and the operands apart', function () {
    const stos = decodeOne('f3 48 ab');
    const d = disassemble(stos.insn, stos.bytes);
    assert.deepStrictEqual([d.mnemonic, d.operands, d.comment], ['rep stos', '%rax,%es:(%rdi)', undefined]);
    const intel = disassemble(stos.insn, stos.bytes, { syntax: 'intel' });
    assert.deepStrictEqual([intel.mnemonic, intel.operands], ['rep stos', 'QWORD PTR es:[rdi],rax']);
  });

  describe('disassembleRange', function () {
    const code = bytesOf('55 48 89 e5 06 c9 c3');

    it('lists every instruction with its address and bytes', function () {
      const rows = disassembleRange(code, AT);
      assert.deepStrictEqual(
        rows.map((r) => [r.address, r.bytes.length, r.text, r.bad]),
        [
          [AT, 1, 'push   %rbp', false],
          [AT + 1, 3, 'mov    %rsp,%rbp', false],
          [AT + 4, 1, '(bad)', true],
          [AT + 5, 1, 'leave', false],
          [AT + 6, 1, 'ret', false],
        ],
      );
    });

    it('stops after `count` rows or before `end`', function () {
      assert.strictEqual(disassembleRange(code, AT, {}, { count: 2 }).length, 2);
      assert.deepStrictEqual(disassembleRange(code, AT, {}, { end: AT + 5 }).map((r) => r.address), [AT, AT + 1, AT + 4]);
    });

    it('makes one-byte (bad) rows of an instruction cut off by the end of the bytes', function () {
      const rows = disassembleRange(bytesOf('c3 e8 00 00'), AT);
      assert.deepStrictEqual(rows.map((r) => r.text), ['ret', '(bad)', 'add    %al,(%rax)']);
    });

    it('decodes an instruction that crosses a page boundary', function () {
      const rows = disassembleRange(bytesOf('48 89 e5 c3'), 0x401ffe, { syntax: 'intel' });
      assert.deepStrictEqual(rows.map((r) => [r.address, r.text]), [[0x401ffe, 'mov    rbp,rsp'], [0x402001, 'ret']]);
    });
  });
});

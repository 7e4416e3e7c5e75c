// Every row of the opcode table, in every operand size, with extended registers, every addressing
// shape and the prefixes that change how it prints, disassembles as `objdump -D -b binary` does.
import * as assert from 'node:assert';
import { InvalidOpcode } from '../../../src/emu/cpu/faults';
import { decode } from '../../../src/emu/decoder/decoder';
import { CodeBufferBus } from '../../../src/emu/disasm/code-buffer-bus';
import { OPCODE_TABLE } from '../../../src/emu/isa/opcode-table';
import { compareEncodingsWithObjdump, describeMismatch } from '../../support/disasm-comparison';
import { objdumpAvailable } from '../../support/objdump';
import { encodingsOf, Rng } from '../../support/table-encodings';

const VMA = 0x401000;
const SHOWN = 40;

/** Generates the encodings of every table row (seeded) and keeps those our decoder accepts. */
function tableEncodings(): { accepted: number[][]; lengthErrors: string[] } {
  const rng = new Rng(0x5eed);
  const accepted: number[][] = [];
  const lengthErrors: string[] = [];
  for (const entry of OPCODE_TABLE) {
    for (const { bytes } of encodingsOf(entry, rng)) {
      try {
        const insn = decode(new CodeBufferBus(bytes, VMA), VMA);
        if (insn.len === bytes.length) accepted.push(bytes);
        else lengthErrors.push(`${entry.mnemonic}: ${bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')} decoded as ${insn.len} bytes`);
      } catch (e) {
        if (!(e instanceof InvalidOpcode)) throw e;
      }
    }
  }
  return { accepted, lengthErrors };
}

describe('disassembler matches objdump on every opcode-table form', function () {
  let encodings: number[][] = [];

  before(function () {
    if (!objdumpAvailable()) {
      console.log('    objdump not found on PATH: skipping the opcode-table comparison');
      this.skip();
    }
    const generated = tableEncodings();
    assert.deepStrictEqual(generated.lengthErrors, [], 'the decoder took a different length than the generated encoding');
    encodings = generated.accepted;
  });

  for (const syntax of ['att', 'intel'] as const) {
    it(`prints each generated encoding as objdump${syntax === 'intel' ? ' -M intel' : ''} does`, function () {
      assert.ok(encodings.length > 10000, `only ${encodings.length} encodings generated`);
      const mismatches = compareEncodingsWithObjdump(encodings, VMA, syntax);
      if (mismatches.length > 0) {
        const shown = mismatches.slice(0, SHOWN).map(describeMismatch).join('\n');
        const more = mismatches.length > SHOWN ? `\n  ... and ${mismatches.length - SHOWN} more` : '';
        assert.fail(`${mismatches.length} of ${encodings.length} encodings differ from objdump (${syntax}):\n${shown}${more}`);
      }
    });
  }
});

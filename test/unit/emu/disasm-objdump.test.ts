// The disassembler prints every instruction of every userprogs ELF (each optimisation level, with
// and without the Pintos flags, hardened) exactly as GNU objdump does, in AT&T and Intel syntax.
import * as assert from 'node:assert';
import { resolve } from 'node:path';
import { objdumpAvailable } from '../../support/objdump';
import { compareFilesWithObjdump, describeMismatch, userprogElfs } from '../../support/disasm-comparison';

const BUILD_DIR = resolve(__dirname, '../../../userprogs/build');
const SHOWN = 40;

describe('disassembler matches objdump on the userprogs ELFs', function () {
  before(function () {
    if (!objdumpAvailable()) {
      console.log('    objdump not found on PATH: skipping the objdump comparison');
      this.skip();
    }
  });

  for (const syntax of ['att', 'intel'] as const) {
    it(`prints every instruction as objdump -d${syntax === 'intel' ? ' -M intel' : ''} does`, function () {
      const files = userprogElfs(BUILD_DIR);
      assert.ok(files.length > 0, `no ELF files in ${BUILD_DIR}: run make -C userprogs all variants`);
      const { instructions, mismatches } = compareFilesWithObjdump(files, syntax);
      console.log(`    ${syntax}: ${instructions} instructions in ${files.length} files, ${mismatches.length} mismatches`);
      if (mismatches.length > 0) {
        const shown = mismatches.slice(0, SHOWN).map(describeMismatch).join('\n');
        const more = mismatches.length > SHOWN ? `\n  ... and ${mismatches.length - SHOWN} more` : '';
        assert.fail(`${mismatches.length} of ${instructions} instructions differ from objdump (${syntax}):\n${shown}${more}`);
      }
    });
  }
});

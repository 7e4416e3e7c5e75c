// Spells operands in AT&T syntax, as GNU objdump prints them: `%reg`, `$imm`, `disp(base,index,scale)`.
import { spellAddress, type Symbolizer } from './branch-target';
import { hex64, signedHex } from './hex';
import type { MemoryOperand, Operand } from './operand-model';

/** Returns a memory operand in AT&T syntax, e.g. `%fs:-0x8(%rbp,%rax,4)` or `0x601040`. */
export function attMemory(mem: MemoryOperand): string {
  const segment = mem.segment === undefined ? '' : `%${mem.segment}:`;
  if (mem.base === undefined && mem.index === undefined) return segment + hex64(mem.disp ?? 0);
  const disp = mem.disp === undefined ? '' : signedHex(mem.disp);
  const index = mem.index === undefined ? '' : `,%${mem.index},${mem.scale}`;
  const base = mem.base === undefined ? '' : `%${mem.base}`;
  return `${segment}${disp}(${base}${index})`;
}

/**
 * Returns one operand in AT&T syntax, or undefined for the implicit `1` of shift-by-one forms
 * (objdump leaves it out). `indirect` adds the `*` of indirect branch operands.
 */
export function attOperand(op: Operand, symbolize: Symbolizer | undefined, indirect: boolean): string | undefined {
  const star = indirect ? '*' : '';
  switch (op.kind) {
    case 'reg': return `${star}%${op.name}`;
    case 'mem': return star + attMemory(op.mem);
    case 'imm': return `$${op.text}`;
    case 'one': return undefined;
    case 'target': return spellAddress(op.address, symbolize);
    case 'port': return '(%dx)';
  }
}

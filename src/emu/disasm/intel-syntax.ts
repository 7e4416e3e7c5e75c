// Spells operands in Intel syntax, as `objdump -M intel` prints them: `reg`, `0x…`,
// `DWORD PTR fs:[base+index*scale+disp]`.
import { spellAddress, type Symbolizer } from './branch-target';
import { hex, hex64 } from './hex';
import type { MemoryOperand, Operand } from './operand-model';

const SIZE_KEYWORDS: Readonly<Record<number, string>> = { 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ' };

/** Returns a memory operand in Intel syntax, e.g. `QWORD PTR [rbp-0x18]` or `DWORD PTR ds:0x601040`. */
export function intelMemory(mem: MemoryOperand): string {
  const size = SIZE_KEYWORDS[mem.size] ?? '';
  if (mem.base === undefined && mem.index === undefined) return `${size}${mem.segment ?? 'ds'}:${hex64(mem.disp ?? 0)}`;
  const segment = mem.segment === undefined ? '' : `${mem.segment}:`;
  const parts: string[] = [];
  if (mem.base !== undefined) parts.push(mem.base);
  if (mem.index !== undefined) parts.push(`${mem.index}*${mem.scale}`);
  let inner = parts.join('+');
  if (mem.disp !== undefined) {
    if (mem.ripTarget !== undefined) inner += '+' + hex64(mem.disp);
    else inner += mem.disp < 0 ? '-' + hex(-mem.disp) : '+' + hex(mem.disp);
  }
  return `${size}${segment}[${inner}]`;
}

/** Returns one operand in Intel syntax. */
export function intelOperand(op: Operand, symbolize: Symbolizer | undefined): string {
  switch (op.kind) {
    case 'reg': return op.name;
    case 'mem': return intelMemory(op.mem);
    case 'imm': return op.text;
    case 'one': return '1';
    case 'target': return spellAddress(op.address, symbolize);
    case 'port': return 'dx';
  }
}

// The disassembler's public surface: one decoded instruction to text (AT&T as GNU objdump prints
// it, or Intel), a run of code bytes to listing rows, and the byte-buffer bus both decode through.
export { disassemble, type DisasmOptions, type Disassembly } from './disassemble';
export { disassembleAt, disassembleRange, type DisasmRow, type RangeLimit } from './disassemble-range';
export { CodeBufferBus } from './code-buffer-bus';
export type { Symbolizer } from './branch-target';

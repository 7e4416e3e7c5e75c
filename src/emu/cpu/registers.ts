// Register numbering and naming shared by the CPU state, the executor and the debugger APIs.

/** General-purpose register numbers (REX-extended encoding order). */
export const enum Reg {
  RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
  R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15,
}

/**
 * Slots of the register file (8 bytes each, see CpuState). 0..15 are the general registers;
 * the others are scratch space for the executor: two temporaries for memory operands and the
 * three operands of the lazy flags (first operand, second operand, result).
 */
export const enum Slot {
  T0 = 16,
  T1 = 17,
  FLAG_DST = 18,
  FLAG_SRC = 19,
  FLAG_RES = 20,
  COUNT = 21,
}

/** 64-bit register names by number. */
export const REG64_NAMES: readonly string[] = [
  'rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15',
];

/** 32-bit register names by number. */
export const REG32_NAMES: readonly string[] = [
  'eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi',
  'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d',
];

/** 16-bit register names by number. */
export const REG16_NAMES: readonly string[] = [
  'ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di',
  'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w',
];

/** 8-bit register names by Insn byte-register number (16..19 = ah, ch, dh, bh; see Insn). */
export const REG8_NAMES: readonly string[] = [
  'al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil',
  'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b',
  'ah', 'ch', 'dh', 'bh',
];

/** Byte offset in the register file of an 8-bit register number (0..15 low bytes, 16..19 ah..bh). */
export function byteRegOffset(reg: number): number {
  return reg < 16 ? reg * 8 : (reg - 16) * 8 + 1;
}

/** Register number of a 64-bit name ('rax'..'r15'), or -1. */
export function regNumber(name: string): number {
  return REG64_NAMES.indexOf(name.toLowerCase());
}

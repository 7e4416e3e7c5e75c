// DWARF register numbering for x86-64 (System V psABI) and named register sets.

/** General-purpose registers and rip, by name. */
export type RegisterName =
  | 'rax' | 'rdx' | 'rcx' | 'rbx' | 'rsi' | 'rdi' | 'rbp' | 'rsp'
  | 'r8' | 'r9' | 'r10' | 'r11' | 'r12' | 'r13' | 'r14' | 'r15' | 'rip';

/** DWARF register n is DWARF_REGISTER_NAMES[n] (note: 1 is rdx, 2 is rcx, 16 the return address). */
export const DWARF_REGISTER_NAMES: readonly RegisterName[] = [
  'rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip',
];

/** Register values by name (missing = unknown). */
export type RegisterValues = Partial<Record<RegisterName, bigint>>;

/** The name of DWARF register `n`, or undefined for registers we do not model (xmm, st, ...). */
export function dwarfRegisterName(n: number): RegisterName | undefined {
  return DWARF_REGISTER_NAMES[n];
}

/** The value of DWARF register `n` in `regs`, or undefined. */
export function dwarfRegisterValue(regs: RegisterValues, n: number): bigint | undefined {
  const name = DWARF_REGISTER_NAMES[n];
  return name === undefined ? undefined : regs[name];
}

/** Registers a callee must preserve (System V x86-64), besides rsp. */
export const CALLEE_SAVED: readonly RegisterName[] = ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15'];

// The registers an expression may name (`$rax`, `$eax`, `$al`, `$rip`, `$rflags`, aliases like
// `$pc` and `$sp`): which 64-bit register holds them, at which byte, with which C type.
import type { DwarfType } from '../../../debuginfo';
import { BUILTIN, pointerTo } from '../c-types';

/** How an expression register maps onto a 64-bit register of the frame. */
export interface RegisterAlias {
  /** the 64-bit register (rax..r15, rip, rflags) */
  reg: string;
  /** byte offset in it (1 for ah, bh, ch, dh) */
  offset: number;
  type: DwarfType;
}

/** The 64-bit registers in the order the Registers scope lists them. */
export const GENERAL_REGISTERS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

const CODE_POINTER = pointerTo({ kind: 'function', id: -2, returnType: BUILTIN.void, params: [], variadic: false, prototyped: false });
const DATA_POINTER = pointerTo(BUILTIN.void);

const table = new Map<string, RegisterAlias>();

function init(): void {
  const legacy: [string, string, string, string, string][] = [
    ['rax', 'eax', 'ax', 'al', 'ah'], ['rbx', 'ebx', 'bx', 'bl', 'bh'], ['rcx', 'ecx', 'cx', 'cl', 'ch'], ['rdx', 'edx', 'dx', 'dl', 'dh'],
  ];
  for (const [r64, r32, r16, r8, hi] of legacy) {
    table.set(r64, { reg: r64, offset: 0, type: BUILTIN.long });
    table.set(r32, { reg: r64, offset: 0, type: BUILTIN.int });
    table.set(r16, { reg: r64, offset: 0, type: BUILTIN.short });
    table.set(r8, { reg: r64, offset: 0, type: BUILTIN.signedChar });
    table.set(hi, { reg: r64, offset: 1, type: BUILTIN.signedChar });
  }
  for (const [r64, r32, r16, r8] of [['rsi', 'esi', 'si', 'sil'], ['rdi', 'edi', 'di', 'dil'], ['rbp', 'ebp', 'bp', 'bpl'], ['rsp', 'esp', 'sp', 'spl']]) {
    table.set(r64, { reg: r64, offset: 0, type: r64 === 'rsp' || r64 === 'rbp' ? DATA_POINTER : BUILTIN.long });
    table.set(r32, { reg: r64, offset: 0, type: BUILTIN.int });
    table.set(r16, { reg: r64, offset: 0, type: BUILTIN.short });
    table.set(r8, { reg: r64, offset: 0, type: BUILTIN.signedChar });
  }
  for (let n = 8; n <= 15; n++) {
    const r = `r${n}`;
    table.set(r, { reg: r, offset: 0, type: BUILTIN.long });
    table.set(`${r}d`, { reg: r, offset: 0, type: BUILTIN.int });
    table.set(`${r}w`, { reg: r, offset: 0, type: BUILTIN.short });
    table.set(`${r}b`, { reg: r, offset: 0, type: BUILTIN.signedChar });
  }
  table.set('rip', { reg: 'rip', offset: 0, type: CODE_POINTER });
  table.set('pc', { reg: 'rip', offset: 0, type: CODE_POINTER });
  table.set('rflags', { reg: 'rflags', offset: 0, type: BUILTIN.long });
  table.set('eflags', { reg: 'rflags', offset: 0, type: BUILTIN.int });
  table.set('fp', { reg: 'rbp', offset: 0, type: DATA_POINTER });
  table.set('sp', { reg: 'rsp', offset: 0, type: DATA_POINTER });
}
init();

/** The register `$name` names, or undefined (`$pc`, `$sp`, `$fp` are rip, rsp, rbp as in gdb). */
export function registerAlias(name: string): RegisterAlias | undefined {
  return table.get(name.toLowerCase());
}

/** Every register name an expression accepts, for completions. */
export function registerNames(): string[] {
  return [...table.keys()];
}

// THE opcode table: every instruction this machine decodes, executes and disassembles.
// One row per encoding (see OpcodeEntry for the row format and operand-forms.ts for the notation).
// Anything not listed here decodes to an invalid-opcode fault (#UD).
import type { HandlerSelector, OpcodeEntry } from './opcode-entry';
import type { ControlFlow, MandatoryPrefix, OpcodeMap, OperandForm, SizeRule } from './operand-forms';
import { Flag, STATUS_FLAGS } from './operand-forms';
import { ALU_MNEMONICS, AluOp } from '../exec/alu-core';
import { aluRegRm, aluRmImm, aluRmReg } from '../exec/alu-forms';
import { unaryRm, UnaryOp } from '../exec/unary';
import { bswap, convertAcc, convertAccToDx, lea, movRegRm, movRmImm, movRmReg, movsx, movzx, xchg } from '../exec/move';
import { movRegImm } from '../exec/move-immediate';
import { leave, popf, popReg, popRm, pushf, pushImm, pushReg, pushRm } from '../exec/stack';
import { callRel, callRm, countedBranch, jccRel, jmpRel, jmpRm, nop, ret, softwareInterrupt, syscall, ud2 } from '../exec/branch';
import { cmov, setcc } from '../exec/conditional';
import { carryOp, directionOp, lahf, sahf } from '../exec/flag-ops';
import { divide, imulRegRm, imulRegRmImm, mulWide } from '../exec/mul-div';
import { SHIFT_MNEMONICS, shiftRm, type CountSource } from '../exec/shift';
import { doubleShift } from '../exec/double-shift';
import { bitScan, bitTestImm, bitTestReg, BitOp } from '../exec/bits';
import { cmpxchg, xadd } from '../exec/exchange-add';
import { stringOp, type StringKind } from '../exec/string';
import { cli, cpuid, hlt, invlpg, lldt, loadDescriptorTable, ltr, movFromCr, movFromSreg, movToCr, movToSreg, rdmsr, sti, swapgs, wrmsr } from '../exec/privileged';
import { portIn, portOut, portString } from '../exec/port-io';
import { farJump, farReturn, iret, sysret } from '../exec/far-transfer';

/** Condition-code suffixes by cc number (Intel/objdump spelling). */
export const CONDITION_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

/** Flags read by each condition code. */
export const CONDITION_FLAGS = [
  Flag.OF, Flag.OF, Flag.CF, Flag.CF, Flag.ZF, Flag.ZF, Flag.CF | Flag.ZF, Flag.CF | Flag.ZF,
  Flag.SF, Flag.SF, Flag.PF, Flag.PF, Flag.SF | Flag.OF, Flag.SF | Flag.OF,
  Flag.ZF | Flag.SF | Flag.OF, Flag.ZF | Flag.SF | Flag.OF,
];

const ALL = STATUS_FLAGS;

interface RowSpec {
  map?: OpcodeMap;
  op: number;
  mnemonic: string;
  operands?: OperandForm[];
  size: SizeRule;
  handler: HandlerSelector;
  modrm?: boolean;
  digit?: number;
  mod?: 'reg' | 'mem';
  modrmByte?: number;
  prefix?: MandatoryPrefix;
  plusReg?: boolean;
  flow?: ControlFlow;
  read?: number;
  written?: number;
  undef?: number;
  lockable?: boolean;
  repeatable?: boolean;
  repCondition?: boolean;
  mnemonicBySize?: OpcodeEntry['mnemonicBySize'];
  att?: OpcodeEntry['att'];
  legacy32?: boolean;
}

const table: OpcodeEntry[] = [];

function row(s: RowSpec): void {
  const operands = s.operands ?? [];
  const usesModrm = s.modrm ?? operands.some((o) => o.startsWith('r/m') || o === 'r' || /^r\d/.test(o) || o === 'm' || o === 'CRn' || o === 'Sreg');
  table.push({
    map: s.map ?? 'one',
    opcode: s.op,
    plusReg: s.plusReg,
    modrm: usesModrm,
    digit: s.digit,
    mod: s.mod,
    modrmByte: s.modrmByte,
    prefix: s.prefix ?? 'none',
    mnemonic: s.mnemonic,
    mnemonicBySize: s.mnemonicBySize,
    att: s.att,
    operands,
    size: s.size,
    repeatable: s.repeatable,
    repCondition: s.repCondition,
    lockable: s.lockable,
    flow: s.flow ?? 'none',
    flagsRead: s.read ?? 0,
    flagsWritten: s.written ?? 0,
    flagsUndefined: s.undef ?? 0,
    legacy32: s.legacy32,
    handler: s.handler,
  });
}

// ALU: add or adc sbb and sub xor cmp (00..3D, 80, 81, 83), test (84, 85, A8, A9, F6/F7 /0).
for (let op = 0; op < 8; op++) {
  const mnemonic = ALU_MNEMONICS[op];
  const read = op === AluOp.ADC || op === AluOp.SBB ? Flag.CF : 0;
  const undef = op === AluOp.AND || op === AluOp.OR || op === AluOp.XOR ? Flag.AF : 0;
  const lockable = op !== AluOp.CMP;
  const f = { mnemonic, read, written: ALL, undef };
  row({ ...f, op: op * 8, operands: ['r/m', 'r'], size: 'b', handler: aluRmReg(op), lockable });
  row({ ...f, op: op * 8 + 1, operands: ['r/m', 'r'], size: 'v', handler: aluRmReg(op), lockable });
  row({ ...f, op: op * 8 + 2, operands: ['r', 'r/m'], size: 'b', handler: aluRegRm(op) });
  row({ ...f, op: op * 8 + 3, operands: ['r', 'r/m'], size: 'v', handler: aluRegRm(op) });
  row({ ...f, op: op * 8 + 4, operands: ['acc', 'imm'], size: 'b', handler: aluRmImm(op) });
  row({ ...f, op: op * 8 + 5, operands: ['acc', 'imm'], size: 'v', handler: aluRmImm(op) });
  row({ ...f, op: 0x80, digit: op, operands: ['r/m', 'imm'], size: 'b', handler: aluRmImm(op), lockable });
  row({ ...f, op: 0x81, digit: op, operands: ['r/m', 'imm'], size: 'v', handler: aluRmImm(op), lockable });
  row({ ...f, op: 0x83, digit: op, operands: ['r/m', 'imm8'], size: 'v', handler: aluRmImm(op), lockable });
}
{
  const f = { mnemonic: 'test', written: ALL, undef: Flag.AF };
  row({ ...f, op: 0x84, operands: ['r/m', 'r'], size: 'b', handler: aluRmReg(AluOp.TEST) });
  row({ ...f, op: 0x85, operands: ['r/m', 'r'], size: 'v', handler: aluRmReg(AluOp.TEST) });
  row({ ...f, op: 0xa8, operands: ['acc', 'imm'], size: 'b', handler: aluRmImm(AluOp.TEST) });
  row({ ...f, op: 0xa9, operands: ['acc', 'imm'], size: 'v', handler: aluRmImm(AluOp.TEST) });
  row({ ...f, op: 0xf6, digit: 0, operands: ['r/m', 'imm'], size: 'b', handler: aluRmImm(AluOp.TEST) });
  row({ ...f, op: 0xf7, digit: 0, operands: ['r/m', 'imm'], size: 'v', handler: aluRmImm(AluOp.TEST) });
}

// inc and dec r32 (40+r, 48+r) of 32-bit code (in 64-bit code these bytes are REX prefixes):
// the r/m handler with the register as its operand.
for (const [op, mnemonic, unary] of [[0x40, 'inc', UnaryOp.INC], [0x48, 'dec', UnaryOp.DEC]] as const) {
  const handler: HandlerSelector = (insn) => {
    insn.rm = insn.reg;
    return unaryRm(unary)(insn);
  };
  row({ op, plusReg: true, mnemonic, operands: ['+r'], size: 'v', written: ALL & ~Flag.CF, legacy32: true, handler });
}

// inc dec (FE/FF /0 /1), not neg (F6/F7 /2 /3), mul imul div idiv (F6/F7 /4../7).
for (const [op, size] of [[0xfe, 'b'], [0xff, 'v']] as const) {
  row({ op, digit: 0, mnemonic: 'inc', operands: ['r/m'], size, written: ALL & ~Flag.CF, handler: unaryRm(UnaryOp.INC), lockable: true });
  row({ op, digit: 1, mnemonic: 'dec', operands: ['r/m'], size, written: ALL & ~Flag.CF, handler: unaryRm(UnaryOp.DEC), lockable: true });
}
for (const [op, size] of [[0xf6, 'b'], [0xf7, 'v']] as const) {
  row({ op, digit: 2, mnemonic: 'not', operands: ['r/m'], size, handler: unaryRm(UnaryOp.NOT), lockable: true });
  row({ op, digit: 3, mnemonic: 'neg', operands: ['r/m'], size, written: ALL, handler: unaryRm(UnaryOp.NEG), lockable: true });
  const mulUndef = Flag.SF | Flag.ZF | Flag.AF | Flag.PF;
  row({ op, digit: 4, mnemonic: 'mul', operands: ['r/m'], size, written: ALL, undef: mulUndef, handler: mulWide(false) });
  row({ op, digit: 5, mnemonic: 'imul', operands: ['r/m'], size, written: ALL, undef: mulUndef, handler: mulWide(true) });
  row({ op, digit: 6, mnemonic: 'div', operands: ['r/m'], size, written: ALL, undef: ALL, handler: divide(false) });
  row({ op, digit: 7, mnemonic: 'idiv', operands: ['r/m'], size, written: ALL, undef: ALL, handler: divide(true) });
}
{
  const undef = Flag.SF | Flag.ZF | Flag.AF | Flag.PF;
  row({ map: '0f', op: 0xaf, mnemonic: 'imul', operands: ['r', 'r/m'], size: 'v', written: ALL, undef, handler: imulRegRm });
  row({ op: 0x69, mnemonic: 'imul', operands: ['r', 'r/m', 'imm'], size: 'v', written: ALL, undef, handler: imulRegRmImm });
  row({ op: 0x6b, mnemonic: 'imul', operands: ['r', 'r/m', 'imm8'], size: 'v', written: ALL, undef, handler: imulRegRmImm });
}

// Data movement.
row({ op: 0x88, mnemonic: 'mov', operands: ['r/m', 'r'], size: 'b', handler: movRmReg });
row({ op: 0x89, mnemonic: 'mov', operands: ['r/m', 'r'], size: 'v', handler: movRmReg });
row({ op: 0x8a, mnemonic: 'mov', operands: ['r', 'r/m'], size: 'b', handler: movRegRm });
row({ op: 0x8b, mnemonic: 'mov', operands: ['r', 'r/m'], size: 'v', handler: movRegRm });
row({ op: 0xc6, digit: 0, mnemonic: 'mov', operands: ['r/m', 'imm'], size: 'b', handler: movRmImm });
row({ op: 0xc7, digit: 0, mnemonic: 'mov', operands: ['r/m', 'imm'], size: 'v', handler: movRmImm });
row({ op: 0xb0, plusReg: true, mnemonic: 'mov', operands: ['+r', 'imm'], size: 'b', handler: movRegImm });
row({ op: 0xb8, plusReg: true, mnemonic: 'mov', att: { 8: 'movabs' }, operands: ['+r', 'immv'], size: 'v', handler: movRegImm });
row({ op: 0xa0, mnemonic: 'mov', att: 'movabs', operands: ['acc', 'moffs'], size: 'b', handler: movRegRm });
row({ op: 0xa1, mnemonic: 'mov', att: 'movabs', operands: ['acc', 'moffs'], size: 'v', handler: movRegRm });
row({ op: 0xa2, mnemonic: 'mov', att: 'movabs', operands: ['moffs', 'acc'], size: 'b', handler: movRmReg });
row({ op: 0xa3, mnemonic: 'mov', att: 'movabs', operands: ['moffs', 'acc'], size: 'v', handler: movRmReg });
row({ map: '0f', op: 0xb6, mnemonic: 'movzx', att: 'movzb', operands: ['r', 'r/m8'], size: 'v', handler: movzx(1) });
row({ map: '0f', op: 0xb7, mnemonic: 'movzx', att: 'movzw', operands: ['r', 'r/m16'], size: 'v', handler: movzx(2) });
row({ map: '0f', op: 0xbe, mnemonic: 'movsx', att: 'movsb', operands: ['r', 'r/m8'], size: 'v', handler: movsx(1) });
row({ map: '0f', op: 0xbf, mnemonic: 'movsx', att: 'movsw', operands: ['r', 'r/m16'], size: 'v', handler: movsx(2) });
row({ op: 0x63, mnemonic: 'movsxd', att: { 8: 'movslq', 4: 'movsxd', 2: 'movsxd' }, operands: ['r', 'r/m32'], size: 'v', handler: movsx(4) });
row({ op: 0x8d, mnemonic: 'lea', operands: ['r', 'm'], size: 'v', handler: lea });
row({ op: 0x86, mnemonic: 'xchg', operands: ['r/m', 'r'], size: 'b', handler: xchg, lockable: true });
row({ op: 0x87, mnemonic: 'xchg', operands: ['r/m', 'r'], size: 'v', handler: xchg, lockable: true });
row({ op: 0x90, plusReg: true, mnemonic: 'xchg', operands: ['+r', 'acc'], size: 'v', handler: xchg });
row({ map: '0f', op: 0xc8, plusReg: true, mnemonic: 'bswap', operands: ['+r'], size: 'v', handler: bswap });
row({
  op: 0x98, mnemonic: 'cdqe', mnemonicBySize: { 2: 'cbw', 4: 'cwde', 8: 'cdqe' },
  att: { 2: 'cbtw', 4: 'cwtl', 8: 'cltq' }, size: 'v', handler: convertAcc,
});
row({
  op: 0x99, mnemonic: 'cqo', mnemonicBySize: { 2: 'cwd', 4: 'cdq', 8: 'cqo' },
  att: { 2: 'cwtd', 4: 'cltd', 8: 'cqto' }, size: 'v', handler: convertAccToDx,
});
for (let cc = 0; cc < 16; cc++) {
  const read = CONDITION_FLAGS[cc];
  row({ map: '0f', op: 0x40 + cc, mnemonic: `cmov${CONDITION_NAMES[cc]}`, operands: ['r', 'r/m'], size: 'v', read, handler: cmov });
  row({ map: '0f', op: 0x90 + cc, mnemonic: `set${CONDITION_NAMES[cc]}`, operands: ['r/m8'], size: 'b', read, handler: setcc });
  row({ op: 0x70 + cc, mnemonic: `j${CONDITION_NAMES[cc]}`, operands: ['rel8'], size: 'q', read, flow: 'branch', handler: jccRel });
  row({ map: '0f', op: 0x80 + cc, mnemonic: `j${CONDITION_NAMES[cc]}`, operands: ['rel32'], size: 'q', read, flow: 'branch', handler: jccRel });
}

// Stack.
row({ op: 0x50, plusReg: true, mnemonic: 'push', operands: ['+r'], size: 'd64', handler: pushReg });
row({ op: 0x58, plusReg: true, mnemonic: 'pop', operands: ['+r'], size: 'd64', handler: popReg });
row({ op: 0x6a, mnemonic: 'push', operands: ['imm8'], size: 'd64', handler: pushImm });
row({ op: 0x68, mnemonic: 'push', operands: ['imm'], size: 'd64', handler: pushImm });
row({ op: 0xff, digit: 6, mnemonic: 'push', operands: ['r/m'], size: 'd64', handler: pushRm });
row({ op: 0x8f, digit: 0, mnemonic: 'pop', operands: ['r/m'], size: 'd64', handler: popRm });
row({ op: 0x9c, mnemonic: 'pushf', att: { 8: 'pushf', 2: 'pushfw' }, size: 'd64', read: ALL, handler: pushf });
row({ op: 0x9d, mnemonic: 'popf', att: { 8: 'popf', 2: 'popfw' }, size: 'd64', written: ALL, handler: popf });
row({ op: 0xc9, mnemonic: 'leave', size: 'q', handler: leave });

// Control transfer.
row({ op: 0xe8, mnemonic: 'call', operands: ['rel32'], size: 'q', flow: 'call', handler: callRel });
row({ op: 0xff, digit: 2, mnemonic: 'call', operands: ['r/m'], size: 'q', flow: 'call', handler: callRm });
row({ op: 0xe9, mnemonic: 'jmp', operands: ['rel32'], size: 'q', flow: 'jump', handler: jmpRel });
row({ op: 0xeb, mnemonic: 'jmp', operands: ['rel8'], size: 'q', flow: 'jump', handler: jmpRel });
row({ op: 0xff, digit: 4, mnemonic: 'jmp', operands: ['r/m'], size: 'q', flow: 'jump', handler: jmpRm });
row({ op: 0xc3, mnemonic: 'ret', size: 'q', flow: 'ret', handler: ret });
row({ op: 0xe2, mnemonic: 'loop', operands: ['rel8'], size: 'q', flow: 'loop', handler: countedBranch('loop') });
row({ op: 0xe1, mnemonic: 'loope', operands: ['rel8'], size: 'q', flow: 'loop', read: Flag.ZF, handler: countedBranch('loope') });
row({ op: 0xe0, mnemonic: 'loopne', operands: ['rel8'], size: 'q', flow: 'loop', read: Flag.ZF, handler: countedBranch('loopne') });
row({ op: 0xe3, mnemonic: 'jrcxz', operands: ['rel8'], size: 'q', flow: 'loop', handler: countedBranch('jrcxz') });
row({ op: 0xc2, mnemonic: 'ret', operands: ['imm16'], size: 'q', flow: 'ret', handler: ret });
row({ map: '0f', op: 0x05, mnemonic: 'syscall', size: 'none', read: ALL, flow: 'syscall', handler: syscall });
row({ op: 0xcd, mnemonic: 'int', operands: ['imm8u'], size: 'none', flow: 'int', handler: softwareInterrupt });
row({ op: 0xcc, mnemonic: 'int3', size: 'none', flow: 'int', handler: softwareInterrupt });
row({ op: 0xf4, mnemonic: 'hlt', size: 'none', flow: 'halt', handler: hlt });
row({ map: '0f', op: 0x0b, mnemonic: 'ud2', size: 'none', flow: 'trap', handler: ud2 });

// No-operation forms.
row({ op: 0x90, mnemonic: 'nop', size: 'none', handler: nop });
row({ op: 0x90, prefix: 'f3', mnemonic: 'pause', size: 'none', handler: nop });
row({ map: '0f', op: 0x1f, digit: 0, mnemonic: 'nop', operands: ['r/m'], size: 'v', handler: nop });
row({ map: '0f', op: 0x1e, prefix: 'f3', modrmByte: 0xfa, modrm: true, mnemonic: 'endbr64', size: 'none', handler: nop });

// Flags.
row({ op: 0xf5, mnemonic: 'cmc', size: 'none', read: Flag.CF, written: Flag.CF, handler: carryOp('cmc') });
row({ op: 0xf8, mnemonic: 'clc', size: 'none', written: Flag.CF, handler: carryOp('clc') });
row({ op: 0xf9, mnemonic: 'stc', size: 'none', written: Flag.CF, handler: carryOp('stc') });
row({ op: 0xfc, mnemonic: 'cld', size: 'none', written: Flag.DF, handler: directionOp(false) });
row({ op: 0xfd, mnemonic: 'std', size: 'none', written: Flag.DF, handler: directionOp(true) });
{
  const ahFlags = Flag.SF | Flag.ZF | Flag.AF | Flag.PF | Flag.CF;
  row({ op: 0x9e, mnemonic: 'sahf', size: 'none', written: ahFlags, handler: sahf });
  row({ op: 0x9f, mnemonic: 'lahf', size: 'none', read: ahFlags, handler: lahf });
}

// Shifts and rotates (C0/C1 imm8, D0/D1 by 1, D2/D3 by CL).
for (let op = 0; op < 8; op++) {
  const rotate = op < 4;
  const written = rotate ? Flag.CF | Flag.OF : ALL;
  const undef = rotate ? Flag.OF : Flag.OF | Flag.AF;
  const read = op === 2 || op === 3 ? Flag.CF : 0;
  const forms: [number, OperandForm, CountSource, SizeRule][] = [
    [0xc0, 'imm8u', 'imm', 'b'], [0xc1, 'imm8u', 'imm', 'v'],
    [0xd0, '1', 'one', 'b'], [0xd1, '1', 'one', 'v'],
    [0xd2, 'CL', 'cl', 'b'], [0xd3, 'CL', 'cl', 'v'],
  ];
  for (const [opcode, count, source, size] of forms) {
    row({ op: opcode, digit: op, mnemonic: SHIFT_MNEMONICS[op], operands: ['r/m', count], size, read, written, undef, handler: shiftRm(op, source) });
  }
}
{
  const f = { map: '0f' as const, size: 'v' as const, written: ALL, undef: Flag.OF | Flag.AF };
  row({ ...f, op: 0xa4, mnemonic: 'shld', operands: ['r/m', 'r', 'imm8u'], handler: doubleShift(true, false) });
  row({ ...f, op: 0xa5, mnemonic: 'shld', operands: ['r/m', 'r', 'CL'], handler: doubleShift(true, true) });
  row({ ...f, op: 0xac, mnemonic: 'shrd', operands: ['r/m', 'r', 'imm8u'], handler: doubleShift(false, false) });
  row({ ...f, op: 0xad, mnemonic: 'shrd', operands: ['r/m', 'r', 'CL'], handler: doubleShift(false, true) });
}

// Bit instructions.
{
  const undef = Flag.OF | Flag.SF | Flag.AF | Flag.PF;
  const f = { map: '0f' as const, size: 'v' as const, written: ALL & ~Flag.ZF, undef };
  const names = ['bt', 'bts', 'btr', 'btc'];
  const regOps = [0xa3, 0xab, 0xb3, 0xbb];
  for (let b = 0; b < 4; b++) {
    row({ ...f, op: regOps[b], mnemonic: names[b], operands: ['r/m', 'r'], handler: bitTestReg(b as BitOp), lockable: b !== 0 });
    row({ ...f, op: 0xba, digit: 4 + b, mnemonic: names[b], operands: ['r/m', 'imm8u'], handler: bitTestImm(b as BitOp), lockable: b !== 0 });
  }
  const s = { map: '0f' as const, size: 'v' as const, operands: ['r', 'r/m'] as OperandForm[], written: ALL };
  row({ ...s, op: 0xbc, mnemonic: 'bsf', undef: ALL & ~Flag.ZF, handler: bitScan('bsf') });
  row({ ...s, op: 0xbd, mnemonic: 'bsr', undef: ALL & ~Flag.ZF, handler: bitScan('bsr') });
  row({ ...s, op: 0xbc, prefix: 'f3', mnemonic: 'tzcnt', undef, handler: bitScan('tzcnt') });
  row({ ...s, op: 0xbd, prefix: 'f3', mnemonic: 'lzcnt', undef, handler: bitScan('lzcnt') });
  row({ ...s, op: 0xb8, prefix: 'f3', mnemonic: 'popcnt', handler: bitScan('popcnt') });
}

// Exchange-and-add, compare-and-exchange.
row({ map: '0f', op: 0xc0, mnemonic: 'xadd', operands: ['r/m', 'r'], size: 'b', written: ALL, handler: xadd, lockable: true });
row({ map: '0f', op: 0xc1, mnemonic: 'xadd', operands: ['r/m', 'r'], size: 'v', written: ALL, handler: xadd, lockable: true });
row({ map: '0f', op: 0xb0, mnemonic: 'cmpxchg', operands: ['r/m', 'r'], size: 'b', written: ALL, handler: cmpxchg, lockable: true });
row({ map: '0f', op: 0xb1, mnemonic: 'cmpxchg', operands: ['r/m', 'r'], size: 'v', written: ALL, handler: cmpxchg, lockable: true });

// String instructions.
{
  const forms: [number, StringKind, OperandForm[], boolean][] = [
    [0xa4, 'movs', ['Yd', 'Xs'], false], [0xa6, 'cmps', ['Xs', 'Yd'], true],
    [0xaa, 'stos', ['Yd', 'acc'], false], [0xac, 'lods', ['acc', 'Xs'], false], [0xae, 'scas', ['acc', 'Yd'], true],
  ];
  for (const [op, kind, operands, cond] of forms) {
    const f = { mnemonic: kind, operands, read: Flag.DF, written: cond ? ALL : 0, repeatable: true, repCondition: cond, handler: stringOp(kind) };
    row({ ...f, op, size: 'b' });
    row({ ...f, op: op + 1, size: 'v' });
  }
}

// System instructions: what a kernel runs (full-system mode). A user process meets #GP for the
// privileged ones, as on the processor (exec/privileged.ts, port-io.ts, far-transfer.ts). Each
// ends its block and runs in the interpreter.
{
  const sys = { flow: 'system' as const };
  row({ ...sys, op: 0xfa, mnemonic: 'cli', size: 'none', written: Flag.IF, handler: cli });
  row({ ...sys, op: 0xfb, mnemonic: 'sti', size: 'none', written: Flag.IF, handler: sti });
  row({ ...sys, op: 0xe4, mnemonic: 'in', operands: ['acc', 'imm8u'], size: 'b', handler: portIn(false) });
  row({ ...sys, op: 0xe5, mnemonic: 'in', operands: ['acc', 'imm8u'], size: 'z', handler: portIn(false) });
  row({ ...sys, op: 0xec, mnemonic: 'in', operands: ['acc', 'DX'], size: 'b', handler: portIn(true) });
  row({ ...sys, op: 0xed, mnemonic: 'in', operands: ['acc', 'DX'], size: 'z', handler: portIn(true) });
  row({ ...sys, op: 0xe6, mnemonic: 'out', operands: ['imm8u', 'acc'], size: 'b', handler: portOut(false) });
  row({ ...sys, op: 0xe7, mnemonic: 'out', operands: ['imm8u', 'acc'], size: 'z', handler: portOut(false) });
  row({ ...sys, op: 0xee, mnemonic: 'out', operands: ['DX', 'acc'], size: 'b', handler: portOut(true) });
  row({ ...sys, op: 0xef, mnemonic: 'out', operands: ['DX', 'acc'], size: 'z', handler: portOut(true) });
  const str = { ...sys, read: Flag.DF, repeatable: true };
  row({ ...str, op: 0x6c, mnemonic: 'ins', operands: ['Yd', 'DX'], size: 'b', handler: portString(true) });
  row({ ...str, op: 0x6d, mnemonic: 'ins', operands: ['Yd', 'DX'], size: 'z', handler: portString(true) });
  row({ ...str, op: 0x6e, mnemonic: 'outs', operands: ['DX', 'Xs'], size: 'b', handler: portString(false) });
  row({ ...str, op: 0x6f, mnemonic: 'outs', operands: ['DX', 'Xs'], size: 'z', handler: portString(false) });
  row({ ...sys, map: '0f', op: 0x20, mod: 'reg', mnemonic: 'mov', operands: ['r/m64', 'CRn'], size: 'q', handler: movFromCr });
  row({ ...sys, map: '0f', op: 0x22, mod: 'reg', mnemonic: 'mov', operands: ['CRn', 'r/m64'], size: 'q', handler: movToCr });
  row({ ...sys, map: '0f', op: 0x01, digit: 2, mod: 'mem', mnemonic: 'lgdt', operands: ['m'], size: 'none', handler: loadDescriptorTable(false) });
  row({ ...sys, map: '0f', op: 0x01, digit: 3, mod: 'mem', mnemonic: 'lidt', operands: ['m'], size: 'none', handler: loadDescriptorTable(true) });
  row({ ...sys, map: '0f', op: 0x01, digit: 7, mod: 'mem', mnemonic: 'invlpg', operands: ['m'], size: 'none', handler: invlpg });
  row({ ...sys, map: '0f', op: 0x01, modrmByte: 0xf8, modrm: true, mnemonic: 'swapgs', size: 'none', handler: swapgs });
  row({ ...sys, map: '0f', op: 0x00, digit: 2, mnemonic: 'lldt', operands: ['r/m16'], size: 'w', handler: lldt });
  row({ ...sys, map: '0f', op: 0x00, digit: 3, mnemonic: 'ltr', operands: ['r/m16'], size: 'w', handler: ltr });
  row({ ...sys, map: '0f', op: 0x30, mnemonic: 'wrmsr', size: 'none', handler: wrmsr });
  row({ ...sys, map: '0f', op: 0x32, mnemonic: 'rdmsr', size: 'none', handler: rdmsr });
  row({ ...sys, map: '0f', op: 0xa2, mnemonic: 'cpuid', size: 'none', handler: cpuid });
  row({ ...sys, op: 0x8c, mnemonic: 'mov', operands: ['r/m', 'Sreg'], size: 'v', handler: movFromSreg });
  row({ ...sys, op: 0x8e, mnemonic: 'mov', operands: ['Sreg', 'r/m'], size: 'v', handler: movToSreg });
  row({ ...sys, op: 0xcf, mnemonic: 'iret', mnemonicBySize: { 8: 'iretq', 4: 'iret', 2: 'iretw' }, size: 'v', written: ALL, handler: iret });
  row({ ...sys, map: '0f', op: 0x07, mnemonic: 'sysret', mnemonicBySize: { 8: 'sysretq', 4: 'sysretd', 2: 'sysretd' }, att: { 8: 'sysretq', 4: 'sysretl', 2: 'sysretl' }, size: 'v', written: ALL, handler: sysret });
  row({ ...sys, op: 0xea, mnemonic: 'ljmp', mnemonicBySize: { 4: 'jmp', 2: 'jmp' }, att: { 4: 'ljmp', 2: 'ljmpw' }, operands: ['far'], size: 'v', legacy32: true, handler: farJump });
  row({ ...sys, op: 0xcb, mnemonic: 'retf', mnemonicBySize: { 8: 'retfq', 4: 'retf', 2: 'retfw' }, att: { 8: 'lretq', 4: 'lret', 2: 'lretw' }, size: 'v', handler: farReturn });
}

/** Every row of the opcode table. */
export const OPCODE_TABLE: readonly OpcodeEntry[] = table;

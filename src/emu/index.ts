// Public surface of the emulator layer.
export { Machine, type MachineOptions, type MachineSnapshot } from './machine';
export type { StopReason } from './stop-reason';
export { CpuState, type CpuSnapshot } from './cpu/cpu-state';
export { Reg, REG64_NAMES, REG32_NAMES, REG16_NAMES, REG8_NAMES, regNumber } from './cpu/registers';
export { Insn, NO_REG } from './decoder/insn';
export { decode } from './decoder/decoder';
export { OPCODE_TABLE, CONDITION_NAMES } from './isa/opcode-table';
export type { OpcodeEntry } from './isa/opcode-entry';
export type { OperandForm, SizeRule } from './isa/operand-forms';

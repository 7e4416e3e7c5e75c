// Public surface of the debug-information layer.
export { DebugInfo, expressionAt, type FrameState, type ResolvedLine } from './debug-info';
export { ElfFile, type ElfSection, type ElfSymbol, type SymbolBinding, type SymbolKind } from './elf-file';
export type { LineRange, SourceLocation } from './line-table';
export type { LineProgram, LineRow } from './line-program';
export type { AddressRange } from './address-ranges';
export type { FunctionInfo, Scope, ScopeKind, Variable, VariableLocation, VariableRole } from './program-model';
export { formatTypeName, sizeOfType, stripTypedefs, VOID_TYPE, type BaseEncoding, type DwarfType, type Enumerator, type StructMember } from './type-model';
export { evaluateLocation, type LocationContext, type LocationPiece, type LocationResult } from './location-expression';
export { DWARF_REGISTER_NAMES, dwarfRegisterName, type RegisterName, type RegisterValues } from './dwarf-registers';
export type { CfaRule, FrameRow, RegisterRule } from './frame-rules';
export type { ReadMemory, StackFrameRegisters } from './stack-unwinder';

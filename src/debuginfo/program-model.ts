// The program as the debugger sees it: functions, nested scopes, variables and globals.
import type { AddressRange } from './address-ranges';
import type { LocationListEntry } from './location-lists';
import type { DwarfType } from './type-model';

/** Where a variable's value is found. */
export type VariableLocation =
  /** One expression valid wherever the variable is in scope. */
  | { kind: 'expr'; expr: Uint8Array }
  /** Pc-dependent expressions; no entry for a pc = optimised out there. */
  | { kind: 'list'; entries: LocationListEntry[] }
  /** DW_AT_const_value: a constant (integer, or raw bytes for blocks). */
  | { kind: 'const'; value: bigint | Uint8Array }
  /** No location: optimised out. */
  | { kind: 'none' };

export type VariableRole = 'parameter' | 'local' | 'global' | 'static';

export interface Variable {
  name: string;
  role: VariableRole;
  type: DwarfType;
  location: VariableLocation;
  declFile: string | undefined;
  declLine: number | undefined;
  /** Visible to other units (DW_AT_external). */
  external: boolean;
  /** For static locals: the function that declares them. */
  functionName: string | undefined;
  /** Offset of the entry in .debug_info (a stable identity). */
  dieOffset: number;
}

export type ScopeKind = 'function' | 'block' | 'inlined';

export interface Scope {
  kind: ScopeKind;
  /** Function name for 'function' and 'inlined' scopes. */
  name: string | undefined;
  ranges: AddressRange[];
  /** Parameters first (in declaration order), then locals. */
  variables: Variable[];
  children: Scope[];
  /** For 'inlined' scopes: the call site in the caller. */
  callFile: string | undefined;
  callLine: number | undefined;
  dieOffset: number;
}

export interface FunctionInfo {
  name: string;
  linkageName: string | undefined;
  /** Lowest and highest+1 address over all ranges. */
  lowPc: number;
  highPc: number;
  ranges: AddressRange[];
  /** DW_AT_frame_base, when present. */
  frameBase: VariableLocation | undefined;
  returnType: DwarfType;
  /** The function's type (return type, parameter types, variadic). */
  type: DwarfType;
  parameters: Variable[];
  /** The outermost scope of the function (its parameters and top-level locals). */
  scope: Scope;
  declFile: string | undefined;
  declLine: number | undefined;
  external: boolean;
  /** Name of the compilation unit (as given to the compiler). */
  unitName: string;
  dieOffset: number;
}

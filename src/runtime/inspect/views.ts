// The plain-data results of the inspection side, shaped like the DAP bodies they become so that the
// adapter copies them field by field.

/** A scope of a frame (DAP Scope). */
export interface ScopeView {
  name: 'Locals' | 'Registers' | 'Globals';
  presentationHint: 'locals' | 'registers' | 'globals';
  variablesReference: number;
  namedVariables?: number;
  expensive: false;
}

/** Hints for showing a variable (DAP VariablePresentationHint). */
export interface PresentationHint {
  kind?: 'property' | 'data' | 'virtual';
  attributes?: ('readOnly' | 'rawString')[];
}

/** One variable row (DAP Variable). */
export interface VariableView {
  name: string;
  value: string;
  type?: string;
  variablesReference: number;
  indexedVariables?: number;
  namedVariables?: number;
  /** address of the object (for pointers: the address they hold), `0x…` */
  memoryReference?: string;
  /** a C expression for this variable */
  evaluateName?: string;
  presentationHint?: PresentationHint;
}

/** Options of a variables request. */
export interface VariablesOptions {
  start?: number;
  count?: number;
  filter?: 'indexed' | 'named';
  hex?: boolean;
}

/** The contexts of an evaluate request. */
export type EvaluateContext = 'watch' | 'repl' | 'hover' | 'clipboard' | 'variables';

/** An evaluate or setExpression result (DAP EvaluateResponse / SetExpressionResponse body). */
export interface EvaluateResult {
  result: string;
  type?: string;
  variablesReference: number;
  indexedVariables?: number;
  namedVariables?: number;
  memoryReference?: string;
  presentationHint?: PresentationHint;
}

/** A setVariable result (DAP SetVariableResponse body). */
export interface SetVariableResult {
  value: string;
  type?: string;
  variablesReference: number;
  indexedVariables?: number;
  namedVariables?: number;
  memoryReference?: string;
}

/** A readMemory result: the readable prefix and how many bytes after it could not be read. */
export interface MemoryContents {
  /** address of the first byte, `0x…` */
  address: string;
  data: Uint8Array;
  unreadableBytes: number;
}

/** One row of a disassembly (DAP DisassembledInstruction). */
export interface InstructionView {
  address: string;
  instructionBytes?: string;
  instruction: string;
  symbol?: string;
  location?: { path: string; name?: string };
  line?: number;
  presentationHint?: 'invalid';
}

/** One completion (DAP CompletionItem); `start` is 1-based like the request's column. */
export interface CompletionView {
  label: string;
  text?: string;
  type: 'variable' | 'field' | 'function' | 'keyword' | 'enum' | 'type' | 'value';
  detail?: string;
  start?: number;
  length?: number;
}

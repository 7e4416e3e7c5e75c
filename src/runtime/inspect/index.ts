// Public surface of the inspection side: the Inspector and the plain-data shapes it returns.
export { Inspector, MAX_VARIABLE_ROWS } from './inspector';
export { REPL_HELP } from './repl-commands';
export type { CompletionView, EvaluateContext, EvaluateResult, InstructionView, MemoryContents, PresentationHint, ScopeView, SetVariableResult, VariablesOptions, VariableView } from './views';
export { MAX_DISASSEMBLY_OFFSET, MAX_DISASSEMBLY_ROWS } from './disassembly';

// Public surface of the inspection side: the Inspector and the plain-data shapes it returns.
export { Inspector } from './inspector';
export { REPL_HELP } from './repl-commands';
export type { CompletionView, EvaluateContext, EvaluateResult, InstructionView, MemoryContents, PresentationHint, ScopeView, SetVariableResult, VariablesOptions, VariableView } from './views';

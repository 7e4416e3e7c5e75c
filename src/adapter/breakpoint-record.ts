// The breakpoints the client has asked for, kept in the runtime's terms with the client ids they
// were answered with, so that they can be applied again to a new runtime (launch after early
// configuration, restart) without the client sending them again.
import type { Debuggable } from '../runtime/debuggable';
import type { SourceBreakpointSpec } from '../runtime/contract';

export type FunctionBreakpointSpec = Parameters<Debuggable['setFunctionBreakpoints']>[0][number];
export type InstructionBreakpointSpec = Parameters<Debuggable['setInstructionBreakpoints']>[0][number];
export type DataBreakpointSpec = Parameters<Debuggable['setDataBreakpoints']>[0][number];
export type ExceptionFilterSpec = Parameters<Debuggable['setExceptionFilters']>[0][number];

/** One request's breakpoints and the client ids they were answered with (same order). */
export interface Recorded<S> {
  specs: S[];
  clientIds: number[];
}

/** The last breakpoint request of each kind (per source file for line breakpoints). */
export class BreakpointRecord {
  readonly sources = new Map<string, Recorded<SourceBreakpointSpec>>();
  functions: Recorded<FunctionBreakpointSpec> = { specs: [], clientIds: [] };
  instructions: Recorded<InstructionBreakpointSpec> = { specs: [], clientIds: [] };
  data: Recorded<DataBreakpointSpec> = { specs: [], clientIds: [] };
  exceptionFilters: ExceptionFilterSpec[] = [];
  /** whether setExceptionBreakpoints has been received (else the filters' defaults apply) */
  exceptionFiltersSet = false;
}

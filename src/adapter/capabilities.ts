// The capabilities this adapter announces in its `initialize` response. Each one is claimed only
// because a handler implements it; everything not listed is left false.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { exceptionBreakpointFilters } from './exception-filters';

/** The adapter's capabilities, as sent in the `initialize` response body. */
export function adapterCapabilities(): DebugProtocol.Capabilities {
  return {
    supportsConfigurationDoneRequest: true,
    // breakpoints
    supportsConditionalBreakpoints: true,
    supportsHitConditionalBreakpoints: true,
    supportsLogPoints: true,
    supportsFunctionBreakpoints: true,
    supportsInstructionBreakpoints: true,
    supportsBreakpointLocationsRequest: true,
    supportsDataBreakpoints: true,
    supportsDataBreakpointBytes: true,
    exceptionBreakpointFilters: exceptionBreakpointFilters(),
    supportsExceptionFilterOptions: true,
    supportsExceptionInfoRequest: true,
    // execution
    supportsSteppingGranularity: true,
    supportsStepBack: true,
    supportsTerminateRequest: true,
    supportsRestartRequest: true,
    supportsCancelRequest: true,
    supportsSingleThreadExecutionRequests: false,
    // inspection
    supportsDelayedStackTraceLoading: true,
    supportsLoadedSourcesRequest: true,
    supportsEvaluateForHovers: true,
    supportsSetVariable: true,
    supportsSetExpression: true,
    supportsCompletionsRequest: true,
    completionTriggerCharacters: ['.', '>', '$'],
    supportsValueFormattingOptions: true,
    supportsReadMemoryRequest: true,
    supportsWriteMemoryRequest: true,
    supportsDisassembleRequest: true,
  };
}

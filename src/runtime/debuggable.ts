// What the debug adapter drives: one debuggable machine, whichever kind it is (a user program on
// our kernel, or a whole booted kernel on the emulated PC). All methods are synchronous; stops,
// output and thread changes arrive through RuntimeEvents.
import type { CustomRequestArgs, CustomRequestBody, CustomRequestName } from '../shared/custom-requests';
import type { BreakpointResult, FrameContext, FrameInfo, SourceBreakpointSpec } from './contract';
import type { DataAccessType } from './data-breakpoints';
import type { ExceptionDetails } from './exception-details';
import type { Inspector } from './inspector-factory';
import type { StepGranularity } from './stepper';

/** One machine under the debugger, as the adapter sees it. */
export interface Debuggable {
  /** The inspection side (variables, expressions, memory, disassembly). */
  readonly inspector: Inspector;
  /** True while the machine runs (between a resume/step and the next stop or the end). */
  readonly running: boolean;
  /** After configuration is done: stops on entry when asked to, else runs. */
  start(): void;
  /** Continues every thread. */
  resume(): void;
  /** Stops soon (reason 'pause'), even in a tight loop; no-op when stopped. */
  pause(): void;
  stepIn(thread: number, granularity: StepGranularity): void;
  stepOver(thread: number, granularity: StepGranularity): void;
  stepOut(thread: number, granularity: StepGranularity): void;
  /** Steps back through history; a machine without history stops at once with a message. */
  stepBack(thread: number, granularity: StepGranularity): void;
  reverseContinue(): void;
  /** Ends the run at any time and emits `exited`. */
  terminate(): void;
  setSourceBreakpoints(path: string, specs: SourceBreakpointSpec[]): BreakpointResult[];
  breakpointLocations(path: string, line: number, endLine?: number): { line: number; column?: number }[];
  setFunctionBreakpoints(specs: { name: string; condition?: string; hitCondition?: string }[]): BreakpointResult[];
  setInstructionBreakpoints(specs: { instructionReference: string; offset?: number; condition?: string; hitCondition?: string }[]): BreakpointResult[];
  setExceptionFilters(filters: { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[];
  dataBreakpointInfo(args: { name: string; variablesReference?: number; frameId?: number; bytes?: number; asAddress?: boolean }): {
    dataId: string | null;
    description: string;
    accessTypes?: DataAccessType[];
  };
  setDataBreakpoints(specs: { dataId: string; accessType?: DataAccessType; condition?: string; hitCondition?: string }[]): BreakpointResult[];
  threads(): { id: number; name: string }[];
  stackTrace(thread: number, startFrame: number, levels: number): { frames: FrameInfo[]; total: number };
  frameContext(frameId: number): FrameContext | undefined;
  exceptionInfo(thread: number): ExceptionDetails | undefined;
  loadedSources(): { path: string; name: string }[];
  /** Counters for the `pintos/vmChanged` event. */
  vmState(): { retired: number; lastSeq: number; selectedPid?: number };
  /** Answers a VM-view custom request; throws UserFacingError for what this machine cannot show. */
  custom<K extends CustomRequestName>(name: K, args: CustomRequestArgs<K>): CustomRequestBody<K>;
}

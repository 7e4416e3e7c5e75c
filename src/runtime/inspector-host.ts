// The agreement between the runtime (run control, breakpoints, processes) and the inspection side
// (`src/runtime/inspect/`: variables, expressions, memory, disassembly). The runtime implements
// InspectorHost and constructs the inspection side with it:
//
//   import { Inspector } from './inspect';      // src/runtime/inspect/index.ts
//   const inspector = new Inspector(host);        // host: InspectorHost
//
// and calls the methods of InspectorServices on it (conditions, logpoints, data-breakpoint
// locations, invalidation on resume). Both interfaces only grow compatibly.
import type { DebugInfo } from '../debuginfo/debug-info';
import type { CustomRequestArgs, CustomRequestBody, CustomRequestName } from '../shared/custom-requests';
import type { FrameContext } from './contract';

/**
 * Side-effect-free access to one process's address space (its own page tables, whether or not it
 * is the process on the CPU): never faults a page in, never sets accessed/dirty bits.
 */
export interface ProcessMemory {
  readonly pid: number;
  /**
   * Reads up to `length` bytes at `va`. `bytes` is the readable prefix; when it is shorter than
   * `length`, `unreadableAt` is the first address that could not be read (not mapped or not
   * user-accessible). A page that is mapped but not in a frame is read from where it lives (swap
   * slot, file, zeros), and `origins` says where (`in swap slot 17`), each once.
   */
  read(va: number, length: number): { bytes: Uint8Array; unreadableAt?: number; origins?: string[] };
  /** Writes all of `bytes` at `va`, or nothing: false when any page is not present or not writable. */
  write(va: number, bytes: Uint8Array): boolean;
}

/** What the inspection side may ask the runtime. All calls are cheap and valid only while stopped. */
export interface InspectorHost {
  /** The frame with this id (ids come from DebugRuntime.stackTrace, valid until the next resume), or undefined. */
  frameContext(frameId: number): FrameContext | undefined;
  /** The pid the last stop selected (for requests that name no frame), or undefined when no process is alive. */
  selectedPid(): number | undefined;
  /** Memory of a live process, or undefined when there is no such process. */
  processMemory(pid: number): ProcessMemory | undefined;
  /** Debug info of the program process `pid` is running, or undefined (unknown pid, program without a host copy). */
  debugInfoFor(pid: number): DebugInfo | undefined;
  /**
   * Debug info of the program whose code holds `address` in process `pid` (user programs all load
   * at the same addresses, so the process decides), or undefined.
   */
  debugInfoForAddress(pid: number, address: number): DebugInfo | undefined;
  /** The VM views (same data as the custom requests), for REPL commands. May throw UserFacingError for a bad pid. */
  vmView<K extends CustomRequestName>(name: K, args: CustomRequestArgs<K>): CustomRequestBody<K>;
  /**
   * The local path of a compile-time source path from debug info (the launch `sourceMap` applied),
   * for the source lines of disassembly rows. Optional: without it the compile-time path is shown.
   */
  localSourcePath?(compiledPath: string): string;
}

/** A parsed breakpoint condition; the inspection side may return any object carrying `text`. */
export interface CompiledCondition {
  readonly text: string;
}

/** Field values of a VM event (addr, pid, write, user, nr, name, status, slot, frame, ...), for VM-event conditions. */
export type EventFields = Record<string, number | boolean | string | undefined>;

/** A memory range found for a data breakpoint. */
export interface DataLocation {
  /** process whose address space `address` is in */
  pid: number;
  address: number;
  size: number;
  /** shown in the UI, e.g. "counter (int, 4 bytes at 0x405010)" */
  description: string;
}

/** What the runtime asks the inspection side. */
export interface InspectorServices {
  /** Parses a C-like condition. Throws an Error whose message says what is wrong when it does not parse. */
  compileCondition(text: string): CompiledCondition;
  /**
   * True when the condition's value is nonzero in `env`: a frame (variables, registers) or the
   * fields of a VM event. Throws an Error with a message when it cannot be evaluated.
   */
  evaluateCondition(compiled: CompiledCondition, env: FrameContext | EventFields): boolean;
  /** A logpoint message with every `{expression}` replaced by its value in `frame` (errors inline). */
  formatLogMessage(template: string, frame: FrameContext): string;
  /**
   * Where a data breakpoint on `name` goes: a child of container `variablesReference`, or an
   * expression evaluated in frame `frameId` (or in the selected process when no frame is given).
   * Throws an Error with a message when it has no address (register variable, constant, ...).
   */
  locateData(args: { name: string; variablesReference?: number; frameId?: number }): DataLocation;
  /** The value of an address expression (`0x405010`, `&buf[3]`, `$rsp - 8`) in frame `frameId` or the selected process. Throws an Error with a message. */
  evaluateAddress(expression: string, frameId?: number): number;
  /** The machine is about to run: forget variable references and cached values. */
  invalidate(): void;
}

// Custom DAP requests and events between the extension (views, panels) and the adapter.
// Request names are the `command` of a DAP request; each has typed arguments and a typed body.
import type { FrameTableView, PageTablesView, PageWalkView, ProcessView, SptEntryView, StatsView, SwapView, VmEventView, VmEventKind } from './vm-views';

/** Every custom request: command → [arguments, response body]. */
export interface CustomRequests {
  'pintos/processes': [Record<string, never>, { processes: ProcessView[] }];
  'pintos/spt': [{ pid: number }, { pid: number; entries: SptEntryView[] }];
  'pintos/pageTables': [{ pid: number }, PageTablesView];
  'pintos/pageWalk': [{ pid: number; va: number }, PageWalkView];
  'pintos/frames': [Record<string, never>, FrameTableView];
  'pintos/swap': [Record<string, never>, SwapView];
  'pintos/events': [{ sinceSeq?: number; kinds?: VmEventKind[]; limit?: number }, { events: VmEventView[]; lastSeq: number }];
  'pintos/stats': [Record<string, never>, StatsView];
  /**
   * Toggles a write watch on a user page (virtual) or its frame (physical: catches writes through
   * any alias, the kernel's included). The runtime installs it itself; a hit stops with reason
   * 'data breakpoint'. `watching` says whether it is on after the call.
   */
  'pintos/watchPage': [{ pid: number; va: number; physical: boolean }, { dataId: string; description: string; watching: boolean }];
  /** Travels (back or forward) to the moment kernel event `seq` was emitted; a stop follows. */
  'pintos/travelToEvent': [{ seq: number }, { seq: number }];
  /** Runs process `threadId` backwards to the call of its current function; a stop follows. */
  'pintos/reverseStepOut': [{ threadId: number }, Record<string, never>];
  /** What the history of the run holds (checkpoints, memory). */
  'pintos/history': [Record<string, never>, { checkpoints: number; bytes: number; budgetBytes: number; oldestRetired: number; newestRetired: number }];
  /** Slow motion: at most this many guest instructions per second while running (0: full speed), from now on. */
  'pintos/setGuestSpeed': [{ instructionsPerSecond: number }, { instructionsPerSecond: number }];
}

export type CustomRequestName = keyof CustomRequests;
export type CustomRequestArgs<K extends CustomRequestName> = CustomRequests[K][0];
export type CustomRequestBody<K extends CustomRequestName> = CustomRequests[K][1];

/** Custom events the adapter sends: event name → body. */
export interface CustomEvents {
  /** the machine stopped or, while running, every ~250 ms: views should refresh */
  'pintos/vmChanged': { running: boolean; retired: number; lastSeq: number; selectedPid?: number };
}

export type CustomEventName = keyof CustomEvents;

/** Exception-breakpoint filter ids (`exceptionBreakpointFilters`), one per VM event kind of interest. */
export const VM_FILTERS = [
  { filter: 'page-fault', label: 'Any page fault', default: false },
  { filter: 'lazy-load', label: 'Lazy load (first touch of a page)', default: false },
  { filter: 'stack-growth', label: 'Stack growth', default: false },
  { filter: 'swap-in', label: 'Swap-in', default: false },
  { filter: 'copy-on-write', label: 'Copy-on-write', default: false },
  { filter: 'invalid-access', label: 'Invalid access (process about to be killed)', default: true },
  { filter: 'eviction', label: 'Eviction', default: false },
  { filter: 'swap-out', label: 'Swap-out', default: false },
  { filter: 'mmap', label: 'mmap / munmap', default: false },
  { filter: 'process-exit', label: 'Process exit', default: false },
  { filter: 'syscall', label: 'System call', default: false },
] as const;

export type VmFilterId = (typeof VM_FILTERS)[number]['filter'];

// Data the VM views show, as the adapter sends it in custom responses and events. Plain JSON.
// Numbers are addresses or indexes; addresses below 2^53 are exact.

/** Kernel event kinds, as the VM-event breakpoints and views name them. */
export type VmEventKind =
  | 'page-fault'
  | 'eviction'
  | 'swap-out'
  | 'swap-in'
  | 'write-back'
  | 'mmap'
  | 'munmap'
  | 'frame-alloc'
  | 'frame-free'
  | 'cow-share'
  | 'process-start'
  | 'fork'
  | 'exec'
  | 'exit'
  | 'syscall';

/** One kernel event (see src/kernel/events.ts): stamp plus kind-specific fields. */
export interface VmEventView {
  seq: number;
  icount: number;
  pid: number;
  rip: number;
  kind: VmEventKind;
  [field: string]: unknown;
}

/** A process, for the Processes view. */
export interface ProcessView {
  pid: number;
  name: string;
  /** `stopped`: the process on the CPU while the debugger holds the machine paused. */
  state: 'ready' | 'running' | 'stopped' | 'blocked' | 'exited';
  parentPid: number;
  children: number[];
  residentPages: number;
  pageFaults: number;
  exitStatus?: number;
  program: string;
}

/** One supplemental-page-table entry. */
export interface SptEntryView {
  va: number;
  kind: 'uninit' | 'anon' | 'file';
  target?: 'anon' | 'file';
  region: string;
  writable: boolean;
  state: 'not-loaded' | 'in-frame' | 'in-swap' | 'file-backed';
  frame?: number;
  swapSlot?: number;
  accessed: boolean;
  dirty: boolean;
  cow: boolean;
  cowShares?: number;
  file?: string;
  fileOffset?: number;
  stack?: boolean;
  /** seq of the event that loaded the page, when known */
  loadedBy?: number;
  /** full-system mode, at the stop after a page-fault handler: the handler added or changed this entry */
  handlerChange?: 'added' | 'changed';
  [field: string]: unknown;
}

/** One level of a page-table walk. */
export interface WalkLevelView {
  level: number;
  name: string;
  index: number;
  tablePa: number;
  entryPa: number;
  entry: string;
  flags: string;
}

/** The walk of one address. */
export interface PageWalkView {
  va: number;
  outcome: string;
  pa?: number;
  levels: WalkLevelView[];
}

/** A present leaf mapping read from the page-table bytes. */
export interface MappingView {
  va: number;
  pa: number;
  frame?: number;
  entryPa: number;
  entry: string;
  flags: string;
  writable: boolean;
  accessed: boolean;
  dirty: boolean;
}

/** A process's page tables. */
export interface PageTablesView {
  pid: number;
  pml4: number;
  tablePages: number[];
  mappings: MappingView[];
}

/** One user frame in use. */
export interface FrameView {
  index: number;
  pa: number;
  owners: { pid: number; page: number }[];
  kind: string;
  accessed: boolean;
  dirty: boolean;
  pinned: boolean;
  loadedAt: number;
  lastUse: number;
}

/** The frame table. Frames not listed are free. */
export interface FrameTableView {
  policy: string;
  capacity: number;
  used: number;
  clockHand: number;
  frames: FrameView[];
}

/** The swap map. */
export interface SwapView {
  slotCount: number;
  usedSlots: number;
  used: { slot: number; refs: number; owners: { pid: number; page: number }[] }[];
}

/** Counters per process and in total (faults by resolution, evictions, swap I/O, peaks). */
export interface StatsView {
  policy: string;
  retired: number;
  perPid: { pid: number; faults: Record<string, number>; evictionsCaused: number; pagesEvicted: number; swapIns: number; swapOuts: number; writeBacks: number; resident: number; peakResident: number }[];
  total: StatsView['perPid'][number];
  /** sampled over retired instructions for the timeline chart */
  timeline: TimelineSample[];
}

/** One point of the fault timeline. */
export interface TimelineSample {
  icount: number;
  faults: Record<string, number>;
  evictions: number;
  swapIns: number;
  swapOuts: number;
  resident: Record<number, number>;
}

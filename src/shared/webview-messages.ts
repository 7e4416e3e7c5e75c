// Messages between the extension and its webview panels, defined once for both sides. The host
// sends `update` with the panel's data; the webview answers with what the user did and how long
// a render took.
import type { FrameTableView, PageTablesView, PageWalkView, ProcessView, StatsView, SwapView, VmEventView } from './vm-views';

/** The panels the extension opens, by view type suffix. */
export const PANEL_KINDS = ['pageTable', 'frameMap', 'swapMap', 'timeline'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** What each panel shows. */
export interface PanelData {
  pageTable: {
    pid: number;
    processName: string;
    tables: PageTablesView;
    /** walks of one address per page table, so every level's entry and flags are known */
    walks: PageWalkView[];
    /** address the panel was opened at (from the SPT view), if any */
    focusVa?: number;
  };
  frameMap: { frames: FrameTableView; processes: ProcessView[]; selectedPid?: number };
  swapMap: { swap: SwapView; processes: ProcessView[] };
  /** `events`: the recent VM events the kernel keeps, oldest first */
  timeline: { stats: StatsView; processes: ProcessView[]; events: VmEventView[] };
}

/** Host → webview. */
export type HostMessage<K extends PanelKind = PanelKind> =
  /** `ended` names the session whose last state this is, once it has ended */
  | { type: 'update'; data: PanelData[K]; running: boolean; ended?: string }
  | { type: 'empty'; reason: string }
  /** answer to a `walk` request (address search) */
  | { type: 'walk'; walk: PageWalkView }
  | { type: 'walkFailed'; va: number; message: string };

/** Webview → host. */
export type WebviewMessage =
  /** the script loaded and wants data */
  | { type: 'ready' }
  /** a render finished: `first` builds the DOM, `update` patches it */
  | { type: 'rendered'; phase: 'first' | 'update'; ms: number; items: number }
  /** show this page in the Supplemental Page Table view */
  | { type: 'revealPage'; pid: number; va: number }
  /** walk this address (page-table panel's search) */
  | { type: 'walk'; va: number }
  /** travel the paused session to VM event `seq` (the fault timeline's marks) */
  | { type: 'travelToEvent'; seq: number };

/** State a webview keeps across hide/show and reloads (`setState`); the host keeps the rest. */
export interface PanelState {
  /** pid the panel follows, when pinned to one */
  pid?: number;
  /** address the page-table panel focused */
  focusVa?: number;
  /** index of the focused cell in a grid, or id of the focused node */
  focus?: string;
  /** ids of nodes the user collapsed / expanded against their default (page-table panel) */
  collapsed?: string[];
  expanded?: string[];
  /** the window of retired instructions the fault timeline is zoomed to */
  zoom?: { min: number; max: number };
  /** cell size of a grid in CSS pixels, '0' to fit the panel's width (frame map) */
  cellSize?: string;
}

/** Runtime check of a message from a webview (webviews are untrusted input). */
export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
      return true;
    case 'rendered':
      return (o.phase === 'first' || o.phase === 'update') && typeof o.ms === 'number' && typeof o.items === 'number';
    case 'revealPage':
      return typeof o.pid === 'number' && typeof o.va === 'number';
    case 'walk':
      return typeof o.va === 'number' && Number.isFinite(o.va) && o.va >= 0;
    case 'travelToEvent':
      return typeof o.seq === 'number' && Number.isSafeInteger(o.seq) && o.seq >= 1;
    default:
      return false;
  }
}

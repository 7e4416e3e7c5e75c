// What each panel shows, fetched from the adapter through custom requests. A loader returns the
// panel's data, or a reason why there is nothing to show.
import type { PageWalkView } from '../../shared/vm-views';
import type { PanelData, PanelKind, PanelState } from '../../shared/webview-messages';
import type { VmWatch } from '../vm-watch';

/** Data for a panel, or why there is none. */
export type Loaded<K extends PanelKind> = { data: PanelData[K] } | { empty: string };

/** Loads the data of a panel of kind K for the panel's state. */
export type PanelLoader<K extends PanelKind> = (watch: VmWatch, state: PanelState) => Promise<Loaded<K>>;

const NO_SESSION = 'No Pintos debug session. Start one (Run and Debug, or "Pintos: Debug User Program…") to fill this panel.';
const UNAVAILABLE = 'The debugger did not answer (is the program still starting?).';
/** at most this many extra walks per page-table update */
const MAX_WALKS = 64;

/** The page tables of the followed process, with one walk per page table for the upper levels. */
export const loadPageTable: PanelLoader<'pageTable'> = async (watch, state) => {
  if (watch.activeSession === undefined) return { empty: NO_SESSION };
  const pid = state.pid ?? watch.pid;
  if (pid === undefined) return { empty: 'No process selected: pick one in the Call Stack or the Processes view.' };
  const [tables, processes] = await Promise.all([watch.request('pintos/pageTables', { pid }), watch.request('pintos/processes', {})]);
  if (tables === undefined) return { empty: `No page tables for pid ${pid} (has it exited?).` };
  const perTable = new Map<number, number>();
  for (const m of tables.mappings) if (!perTable.has(Math.floor(m.va / 2 ** 21))) perTable.set(Math.floor(m.va / 2 ** 21), m.va);
  const focus = state.focusVa;
  const vas = [...perTable.values()].slice(0, MAX_WALKS);
  if (focus !== undefined) vas.push(focus);
  const walks = (await Promise.all(vas.map((va) => watch.request('pintos/pageWalk', { pid, va })))).filter((w): w is PageWalkView => w !== undefined);
  const processName = processes?.processes.find((p) => p.pid === pid)?.name ?? `pid ${pid}`;
  const data: PanelData['pageTable'] = { pid, processName, tables, walks };
  if (focus !== undefined) data.focusVa = focus;
  return { data };
};

/** Every frame of the user pool, with the processes for owner names. */
export const loadFrameMap: PanelLoader<'frameMap'> = async (watch) => {
  if (watch.activeSession === undefined) return { empty: NO_SESSION };
  const [frames, processes] = await Promise.all([watch.request('pintos/frames', {}), watch.request('pintos/processes', {})]);
  if (frames === undefined) return { empty: UNAVAILABLE };
  const data: PanelData['frameMap'] = { frames, processes: processes?.processes ?? [] };
  if (watch.pid !== undefined) data.selectedPid = watch.pid;
  return { data };
};

/** The swap map, with the processes for owner names. */
export const loadSwapMap: PanelLoader<'swapMap'> = async (watch) => {
  if (watch.activeSession === undefined) return { empty: NO_SESSION };
  const [swap, processes] = await Promise.all([watch.request('pintos/swap', {}), watch.request('pintos/processes', {})]);
  if (swap === undefined) return { empty: UNAVAILABLE };
  return { data: { swap, processes: processes?.processes ?? [] } };
};

/** How many recent VM events the fault timeline asks for (the kernel keeps 4,096). */
export const TIMELINE_EVENTS = 4096;

/** The statistics and their timeline, with the recent VM events for its marks. */
export const loadTimeline: PanelLoader<'timeline'> = async (watch) => {
  if (watch.activeSession === undefined) return { empty: NO_SESSION };
  const [stats, processes, events] = await Promise.all([watch.request('pintos/stats', {}), watch.request('pintos/processes', {}), watch.request('pintos/events', { limit: TIMELINE_EVENTS })]);
  if (stats === undefined) return { empty: UNAVAILABLE };
  return { data: { stats, processes: processes?.processes ?? [], events: events?.events ?? [] } };
};

/** The loader of each panel kind. */
export const PANEL_LOADERS: { [K in PanelKind]: PanelLoader<K> } = {
  pageTable: loadPageTable,
  frameMap: loadFrameMap,
  swapMap: loadSwapMap,
  timeline: loadTimeline,
};

// Data breakpoints (watchpoints): ranges of one process's virtual memory or of physical memory
// (a frame, whichever page it holds), watched for reads and/or writes through the memory
// system's watches. A data id names the range: `v:PID:ADDR:SIZE` or `p:PADDR:SIZE` (hex addresses).
import type { WatchHit } from '../emu/memory/contract';
import type { MemorySystem } from '../emu/memory/memory-system';
import { UserFacingError, type BreakpointResult } from './contract';
import { parseHitCondition, type HitCondition } from './hit-condition';
import type { CompiledCondition, InspectorServices } from './inspector-host';

/** Which accesses a data breakpoint stops on. */
export type DataAccessType = 'read' | 'write' | 'readWrite';

/** A watched range as a data id names it. */
export interface DataRange {
  space: 'virtual' | 'physical';
  /** owner process of a virtual range */
  pid?: number;
  start: number;
  length: number;
}

/** One data breakpoint in force. */
export interface DataWatch extends DataRange {
  readonly id: number;
  readonly accessType: DataAccessType;
  readonly condition?: CompiledCondition;
  readonly hitCondition?: HitCondition;
  readonly description: string;
  hits: number;
  /** the bytes seen at the last stop (or when set), for old → new descriptions */
  lastValue?: Uint8Array;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** The data id of `range`. */
export function dataIdOf(range: DataRange): string {
  return range.space === 'virtual' ? `v:${range.pid}:${range.start.toString(16)}:${range.length.toString(16)}` : `p:${range.start.toString(16)}:${range.length.toString(16)}`;
}

/** Parses a data id; undefined when malformed. */
export function parseDataId(dataId: string): DataRange | undefined {
  let m = /^v:(\d+):([0-9a-f]+):([0-9a-f]+)$/.exec(dataId);
  if (m) return { space: 'virtual', pid: Number(m[1]), start: parseInt(m[2], 16), length: parseInt(m[3], 16) };
  m = /^p:([0-9a-f]+):([0-9a-f]+)$/.exec(dataId);
  if (m) return { space: 'physical', start: parseInt(m[1], 16), length: parseInt(m[2], 16) };
  return undefined;
}

/** Little-endian value of up to 8 bytes, or hex bytes for longer ones. */
export function formatBytes(bytes: Uint8Array): string {
  if (bytes.length > 0 && bytes.length <= 8) {
    let v = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
    return v.toString();
  }
  const shown = [...bytes.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > 16 ? `${shown} …` : shown;
}

/** The data breakpoints of the run. */
export class DataBreakpoints {
  private watches: DataWatch[] = [];
  /** watches on whole pages or frames installed from the VM views (see togglePageWatch) */
  private readonly pageWatches: DataWatch[] = [];
  /** descriptions given out by dataBreakpointInfo, by data id */
  private readonly descriptions = new Map<string, string>();

  constructor(
    private readonly memory: MemorySystem,
    private readonly services: () => InspectorServices,
    private readonly newId: () => number,
    /** reads a range without side effects; undefined when unreadable */
    private readonly readRange: (range: DataRange) => Uint8Array | undefined,
  ) {}

  /** Remembers how to describe `range` and returns its data id. */
  offer(range: DataRange, description: string): string {
    const id = dataIdOf(range);
    this.descriptions.set(id, description);
    return id;
  }

  /** Replaces every data breakpoint set through the protocol (page watches stay). */
  set(specs: { dataId: string; accessType?: DataAccessType; condition?: string; hitCondition?: string }[]): BreakpointResult[] {
    for (const w of this.watches) this.memory.removeWatch(w.id);
    this.watches = [];
    return specs.map((s) => {
      const id = this.newId();
      const range = parseDataId(s.dataId);
      if (!range || range.length <= 0) return { id, verified: false, message: `unknown data id '${s.dataId}'` };
      let condition: CompiledCondition | undefined;
      let hitCondition: HitCondition | undefined;
      try {
        if (s.condition?.trim()) condition = this.services().compileCondition(s.condition);
        if (s.hitCondition?.trim()) hitCondition = parseHitCondition(s.hitCondition);
      } catch (e) {
        return { id, verified: false, message: e instanceof Error ? e.message : String(e) };
      }
      const description = this.descriptions.get(s.dataId) ?? describeRange(range);
      const installed = this.install(id, range, s.accessType ?? 'write', description, condition, hitCondition);
      if (typeof installed === 'string') return { id, verified: false, message: installed };
      this.watches.push(installed);
      return { id, verified: true, message: description };
    });
  }

  /**
   * Toggles a write watch on a whole page or frame, asked for from the VM views (VS Code's API
   * cannot add a data breakpoint, so the runtime keeps these itself, apart from the protocol's
   * set). Returns whether the range is watched now; throws UserFacingError when it cannot be.
   */
  togglePageWatch(range: DataRange, description: string): boolean {
    const existing = this.pageWatches.findIndex((w) => w.space === range.space && w.start === range.start && w.pid === range.pid);
    if (existing >= 0) {
      this.memory.removeWatch(this.pageWatches[existing].id);
      this.pageWatches.splice(existing, 1);
      return false;
    }
    const installed = this.install(this.newId(), range, 'write', description, undefined, undefined);
    if (typeof installed === 'string') throw new UserFacingError(`cannot watch ${description}: ${installed}`);
    this.pageWatches.push(installed);
    return true;
  }

  /** Adds the memory watch for `range`; returns the watch, or why it could not be added. */
  private install(id: number, range: DataRange, accessType: DataAccessType, description: string, condition: CompiledCondition | undefined, hitCondition: HitCondition | undefined): DataWatch | string {
    const watch: DataWatch = { ...range, id, accessType, condition, hitCondition, description, hits: 0, lastValue: this.readRange(range) };
    try {
      this.memory.addWatch({ id, space: range.space, start: range.start, length: range.length, onRead: accessType !== 'write', onWrite: accessType !== 'read' });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    return watch;
  }

  /** The watches `hits` concern for the process on the CPU (`pid`): virtual ones of other processes are ignored. */
  relevant(hits: readonly WatchHit[], pid: number | undefined): { watch: DataWatch; hit: WatchHit }[] {
    const out: { watch: DataWatch; hit: WatchHit }[] = [];
    for (const hit of hits) {
      const watch = this.watches.find((w) => w.id === hit.watch.id) ?? this.pageWatches.find((w) => w.id === hit.watch.id);
      if (!watch || (watch.space === 'virtual' && watch.pid !== pid)) continue;
      if (!out.some((o) => o.watch === watch)) out.push({ watch, hit });
    }
    return out;
  }

  /** Remembers the current value of every watch (after the machine travelled in time). */
  rememberAll(): void {
    for (const w of [...this.watches, ...this.pageWatches]) this.remember(w);
  }

  /** Remembers the current value of `watch` (after a hit that does not stop), for the next old → new description. */
  remember(watch: DataWatch): void {
    watch.lastValue = this.readRange(watch);
  }

  /** The stop description of a hit of `watch`, reading its new value and remembering it. */
  describeHit(watch: DataWatch, hit: WatchHit): string {
    const now = this.readRange(watch);
    const before = watch.lastValue;
    watch.lastValue = now;
    const at = hit.direct ? `physical ${hex(hit.addr)}` : hex(hit.addr);
    if (!hit.write) return `Read of ${watch.description} at ${at}${now ? ` (value ${formatBytes(now)})` : ''}`;
    const change = before && now ? `: ${formatBytes(before)} → ${formatBytes(now)}` : now ? `: ${formatBytes(now)}` : '';
    return `Write to ${watch.description} at ${at}${hit.direct ? ' by the kernel' : ''}${change}`;
  }
}

function describeRange(range: DataRange): string {
  const where = range.space === 'virtual' ? `${hex(range.start)} of pid ${range.pid}` : `physical ${hex(range.start)}`;
  return `${range.length} bytes at ${where}`;
}

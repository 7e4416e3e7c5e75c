// Drives a DebugRuntime in tests: records every event it sends and waits for stops and exits.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BreakpointResult, RuntimeEvents, StopInfo } from '../../../src/runtime/contract';
import { DebugRuntime } from '../../../src/runtime/debug-runtime';
import type { PintosLaunchArguments } from '../../../src/shared/launch';

export const USERPROGS = path.resolve(__dirname, '../../../userprogs');
export const BUILD = path.join(USERPROGS, 'build');

/** Absolute path of a sample program's source. */
export function sourceOf(program: string): string {
  return path.join(USERPROGS, 'src', `${program}.c`);
}

/** The line of `/* #BP:name *\/` in a sample program's source. */
export function markerLine(program: string, name: string): number {
  const lines = readFileSync(sourceOf(program), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`#BP:${name} `) || l.includes(`#BP:${name}*`));
  if (index < 0) throw new Error(`no marker #BP:${name} in ${program}.c`);
  return index + 1;
}

type Recorded =
  | { kind: 'stopped'; stop: StopInfo }
  | { kind: 'output'; text: string; category: string }
  | { kind: 'threadStarted'; pid: number; name: string }
  | { kind: 'threadExited'; pid: number }
  | { kind: 'exited'; code: number }
  | { kind: 'vmChanged'; running: boolean }
  | { kind: 'breakpointChanged'; bp: BreakpointResult };

/** A runtime with a recording RuntimeEvents. */
export class RuntimeHarness {
  readonly log: Recorded[] = [];
  readonly runtime: DebugRuntime;
  private waiters: (() => void)[] = [];
  /** every stop so far, in order, and how many of each kind of record (runs may stop thousands of times) */
  private readonly stops: StopInfo[] = [];
  private readonly counts = new Map<Recorded['kind'], number>();

  constructor(args: PintosLaunchArguments) {
    const record = (r: Recorded) => {
      this.log.push(r);
      this.counts.set(r.kind, (this.counts.get(r.kind) ?? 0) + 1);
      if (r.kind === 'stopped') this.stops.push(r.stop);
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    };
    const events: RuntimeEvents = {
      stopped: (stop) => record({ kind: 'stopped', stop }),
      output: (text, category) => record({ kind: 'output', text, category }),
      threadStarted: (pid, name) => record({ kind: 'threadStarted', pid, name }),
      threadExited: (pid) => record({ kind: 'threadExited', pid }),
      exited: (code) => record({ kind: 'exited', code }),
      vmChanged: (running) => record({ kind: 'vmChanged', running }),
      breakpointChanged: (bp) => record({ kind: 'breakpointChanged', bp }),
    };
    // Runs end as without a debugger unless a test asks for the stop at the end (tested on its own).
    this.runtime = DebugRuntime.launch({ cwd: BUILD, stopAtEnd: false, ...args }, events);
  }

  /** Everything the guest printed so far. */
  get stdout(): string {
    return this.log.map((r) => (r.kind === 'output' && r.category === 'stdout' ? r.text : '')).join('');
  }

  /** Console messages of the debugger so far. */
  get console(): string {
    return this.log.map((r) => (r.kind === 'output' && r.category === 'console' ? r.text : '')).join('');
  }

  private count(kind: Recorded['kind']): number {
    return this.counts.get(kind) ?? 0;
  }

  /** Resolves with the next stop (or rejects when the run exits first), after `action`. */
  async nextStop(action: () => void = () => undefined): Promise<StopInfo> {
    const stopsBefore = this.count('stopped');
    const exitsBefore = this.count('exited');
    action();
    for (;;) {
      if (this.stops.length > stopsBefore) return this.stops[stopsBefore];
      if (this.count('exited') > exitsBefore) throw new Error(`the run exited instead of stopping; output:\n${this.stdout.slice(-2000)}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves (in the same turn of the event loop as it was recorded) with the next vmChanged(true) after now. */
  async nextRunningTick(): Promise<void> {
    const before = this.log.length;
    while (!this.log.slice(before).some((r) => r.kind === 'vmChanged' && r.running)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves with the exit code once the run has exited, after `action`. */
  async exit(action: () => void = () => undefined): Promise<number> {
    action();
    for (;;) {
      const exited = this.log.find((r): r is Extract<Recorded, { kind: 'exited' }> => r.kind === 'exited');
      if (exited) return exited.code;
      const stops = this.count('stopped');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.count('stopped') > stops) {
        const last = this.log.filter((r): r is Extract<Recorded, { kind: 'stopped' }> => r.kind === 'stopped').pop()!;
        throw new Error(`stopped instead of exiting: ${JSON.stringify(last.stop)}`);
      }
    }
  }

  /** The innermost frame of `pid`. */
  top(pid: number) {
    return this.runtime.stackTrace(pid, 0, 1).frames[0];
  }
}

// Host cost of the kernel's VM work per event, for scripts/measure-kernel.ts: runs a program
// in this process through runPintos and times, on the host clock, every page fault's resolution
// (grouped by how it was resolved and what eviction it needed), every fork's copy of an address
// space and every address space's teardown. Prints host microseconds per event, per group.
import { EventBus } from '../src/kernel/events';
import type { KernelEvent, KernelEventBody } from '../src/kernel/events';
import { VirtualMemory } from '../src/kernel/vm/virtual-memory';
import { parseCommandLine } from '../src/cli/options';
import { runPintos } from '../src/cli/run';

/** Host times of one group of events. */
interface Group {
  /** nanoseconds of each event */
  ns: number[];
  /** pages handled (fork and teardown: pages of the space) */
  pages: number;
}

const groups = new Map<string, Group>();
let emitted: KernelEventBody['kind'][] = [];

function record(name: string, ns: bigint, pages = 0): void {
  const g = groups.get(name) ?? { ns: [], pages: 0 };
  g.ns.push(Number(ns));
  g.pages += pages;
  groups.set(name, g);
}

/** Drives generator `work` to its end, adding the host time of its steps to `spent.ns`. */
function* timed<T>(work: Generator<string, T, void>, spent: { ns: bigint }): Generator<string, T, void> {
  for (;;) {
    const t0 = process.hrtime.bigint();
    const step = work.next();
    spent.ns += process.hrtime.bigint() - t0;
    if (step.done) return step.value;
    yield step.value;
  }
}

/** Wraps the VM operations and the event bus of every machine built from now on with timers. */
export function instrument(): void {
  const emit = EventBus.prototype.emit;
  EventBus.prototype.emit = function (this: EventBus, pid: number, body: KernelEventBody, rip?: number): KernelEvent {
    emitted.push(body.kind);
    return emit.call(this, pid, body, rip);
  };
  const vm = VirtualMemory.prototype;
  const faultSteps = vm.faultSteps;
  vm.faultSteps = function* (this: VirtualMemory, ...args: Parameters<typeof faultSteps>) {
    emitted = [];
    const spent = { ns: 0n };
    const ok = yield* timed(faultSteps.apply(this, args), spent);
    record(faultGroup(this), spent.ns);
    return ok;
  };
  const forkSpace = vm.forkSpace;
  vm.forkSpace = function (this: VirtualMemory, ...args: Parameters<typeof forkSpace>) {
    const t0 = process.hrtime.bigint();
    const ok = forkSpace.apply(this, args);
    record('fork (copy-on-write copy of the address space)', process.hrtime.bigint() - t0, args[0].spt.size);
    return ok;
  };
  const destroySteps = vm.destroySteps;
  vm.destroySteps = function* (this: VirtualMemory, ...args: Parameters<typeof destroySteps>) {
    const pages = args[0].spt.size;
    const spent = { ns: 0n };
    yield* timed(destroySteps.apply(this, args), spent);
    record('address-space teardown (exit, exec)', spent.ns, pages);
  };
}

/** The group of the fault just resolved: its resolution, and the eviction it needed. */
function faultGroup(vm: VirtualMemory): string {
  const last = vm.state.deps.events.recent().at(-1);
  const resolution = last?.kind === 'page-fault' ? last.resolution : '?';
  let eviction = '';
  if (emitted.includes('eviction')) eviction = emitted.includes('swap-out') ? ' + eviction with swap-out' : emitted.includes('write-back') ? ' + eviction with write-back' : ' + eviction of a clean page';
  return `fault: ${resolution}${eviction}`;
}

/** Runs pintos-vm `argv` in this process (output dropped); returns its exit status. */
export function runInProcess(argv: string[]): number {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return runPintos(parsed.options, () => undefined, new Uint8Array(0)).status;
}

/**
 * Prints the groups measured since the last call (count, median and mean host µs per event; per
 * page for fork and teardown), and forgets them. The median is what an event costs; the mean also
 * carries the moments the host took the CPU away.
 */
export function printGroups(title: string): void {
  console.log(`  ${title}`);
  const rows = [...groups.entries()].sort((a, b) => b[1].ns.length - a[1].ns.length);
  for (const [name, g] of rows) {
    const sorted = [...g.ns].sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    const median = sorted[Math.floor(sorted.length / 2)] / 1000;
    const mean = total / 1000 / sorted.length;
    const perPage = g.pages > 0 ? `, ${(total / 1000 / g.pages).toFixed(2)} µs per page (${Math.round(g.pages / sorted.length)} pages each)` : '';
    console.log(`    ${name.padEnd(46)} ${String(sorted.length).padStart(6)} × median ${median.toFixed(1).padStart(6)} µs, mean ${mean.toFixed(1).padStart(6)} µs${perPage}`);
  }
  groups.clear();
}

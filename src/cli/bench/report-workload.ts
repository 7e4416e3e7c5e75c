// The printout of one measured workload: a table of engines with warm and cold MIPS and the ratios
// of ours to qemu and to native, or for a kernel-heavy workload, seconds and host time per VM event.
import type { EngineName, Sample } from './contenders';
import { formatCount, formatMips, formatRatio, formatTable } from './format';
import { OUR_ENGINES } from './emulate';
import type { LinuxCount } from './instruction-count';
import type { Measured, WorkloadMeasurement } from './measure-workload';
import { median } from './series';

/** What the report needs besides the measurement. */
export interface ReportContext {
  /** qemu's version, for its row's label */
  qemuVersion?: string;
  /** the Linux build's instruction count, when valgrind gave one */
  linuxCount?: LinuxCount;
}

/** Medians of one engine's warm and cold seconds, and whether every run was correct. */
interface EngineTimes {
  warm?: number;
  cold?: number;
  coldRange?: [number, number];
  ok: boolean;
}

const LABELS: Record<EngineName, string> = {
  native: 'native (Linux build)',
  qemu: 'qemu-x86_64 (Linux build)',
  compiled: 'ours, WebAssembly tier (default)',
  javascript: 'ours, JavaScript tier',
  interpreter: 'ours, interpreter only',
};

/** Warm and cold medians of `engine` in `measured` (undefined for a mode it was not run in). */
function engineTimes(measured: readonly Measured[], engine: EngineName): EngineTimes | undefined {
  const of = (mode: 'warm' | 'cold') => measured.find((m) => m.engine === engine && m.mode === mode)?.samples;
  const warm = of('warm');
  const cold = of('cold');
  if (!warm && !cold) return undefined;
  const all: Sample[] = [...(warm ?? []), ...(cold ?? [])];
  const coldSeconds = cold?.map((s) => s.seconds);
  return {
    warm: warm && median(warm.map((s) => s.seconds)),
    cold: coldSeconds && median(coldSeconds),
    coldRange: coldSeconds && [Math.min(...coldSeconds), Math.max(...coldSeconds)],
    ok: all.every((s) => s.ok),
  };
}

/** The instruction-count line: ours, and the Linux build's with the difference. */
function countLine(m: WorkloadMeasurement, linux: LinuxCount | undefined): string {
  const ours = `${formatCount(m.retired)} instructions retired (our count, exact${m.retiredAgrees ? '' : '; RUNS DISAGREE: determinism bug'})`;
  if (m.workload.linux === undefined || linux === undefined) return ours;
  if ('unavailable' in linux) return `${ours}; Linux build not counted (${linux.unavailable}): native and qemu MIPS use our count`;
  const diff = linux.instructions - m.retired;
  return `${ours}; Linux build ${formatCount(linux.instructions)} (valgrind lackey, ${diff >= 0 ? '+' : ''}${formatCount(diff)})`;
}

/** Seconds with three decimals (`1.234`), or `—`. */
function seconds(s: number | undefined): string {
  return s === undefined ? '—' : `${s.toFixed(3)}`;
}

/** The lines of a compute workload's report: MIPS warm and cold per engine, ratios to qemu and native. */
export function reportCompute(m: WorkloadMeasurement, context: ReportContext): string[] {
  const linux = context.linuxCount && 'instructions' in context.linuxCount ? context.linuxCount.instructions : m.retired;
  const count = (engine: EngineName) => (engine === 'native' || engine === 'qemu' ? linux : m.retired);
  const mips = (engine: EngineName, s: number | undefined) => (s === undefined ? undefined : count(engine) / s / 1e6);
  const times = new Map<EngineName, EngineTimes>();
  for (const e of ['native', 'qemu', ...OUR_ENGINES] as const) {
    const t = engineTimes(m.measured, e);
    if (t) times.set(e, t);
  }
  const baseline = (e: 'native' | 'qemu') => mips(e, times.get(e)?.cold);
  const ratios = (e: EngineName, t: EngineTimes, base: number | undefined) =>
    e === 'native' || e === 'qemu' || base === undefined ? '' : `${formatRatio(mips(e, t.warm)! / base)}, ${formatRatio(mips(e, t.cold)! / base)}`;
  const rows = [['engine', 'warm MIPS', 'cold MIPS', 'cold s (min–max)', 'ours/qemu (warm, cold)', 'ours/native (warm, cold)']];
  for (const [e, t] of times) {
    const label = (e === 'qemu' && context.qemuVersion ? LABELS.qemu.replace('qemu-x86_64', `qemu-x86_64 ${context.qemuVersion}`) : LABELS[e]) + (t.ok ? '' : ' WRONG OUTPUT');
    const range = t.coldRange ? ` (${t.coldRange[0].toFixed(3)}–${t.coldRange[1].toFixed(3)})` : '';
    const warm = mips(e, t.warm);
    rows.push([label, warm === undefined ? '—' : formatMips(warm), formatMips(mips(e, t.cold) ?? NaN), seconds(t.cold) + range, ratios(e, t, baseline('qemu')), ratios(e, t, baseline('native'))]);
  }
  return [`${m.workload.label}: ${countLine(m, context.linuxCount)}`, ...formatTable(rows)];
}

/** The lines of a kernel-heavy workload's report: seconds warm and cold, host µs per VM event. */
export function reportKernelHeavy(m: WorkloadMeasurement): string[] {
  const events = m.measured.flatMap((x) => x.samples).find((s) => s.vmEvents)?.vmEvents;
  const eventCount = events ? events.evictions + events.swapOuts + events.swapIns : 0;
  const head = `${m.workload.label}: ${formatCount(m.retired)} instructions` + (events ? `, ${formatCount(events.evictions)} evictions, ${formatCount(events.swapOuts)} swap-outs, ${formatCount(events.swapIns)} swap-ins` : '');
  const rows = [['engine', 'warm s', 'cold s (min–max)', 'warm µs per VM event', 'warm MIPS']];
  for (const e of OUR_ENGINES) {
    const t = engineTimes(m.measured, e);
    if (!t) continue;
    const range = t.coldRange ? ` (${t.coldRange[0].toFixed(3)}–${t.coldRange[1].toFixed(3)})` : '';
    const perEvent = t.warm !== undefined && eventCount > 0 ? ((t.warm * 1e6) / eventCount).toFixed(1) : '—';
    rows.push([LABELS[e] + (t.ok ? '' : ' WRONG OUTPUT'), seconds(t.warm), seconds(t.cold) + range, perEvent, t.warm === undefined ? '—' : formatMips(m.retired / t.warm / 1e6)]);
  }
  return [head, ...formatTable(rows), '  (µs per VM event: the whole warm run divided by evictions + swap-outs + swap-ins; the user instructions are a small part of it)'];
}

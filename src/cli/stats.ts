// The `--stats` report: VM statistics per process and in total, after the transcript.
import type { Kernel } from '../kernel/kernel';
import { RESOLUTIONS, type PidStats } from '../kernel/vm/stats';

/** Formats the VM statistics of a finished run as a small table. */
export function formatStats(kernel: Kernel): string {
  const stats = kernel.vm.stats();
  const names = kernel.processes.names;
  const header = ['pid', 'name', ...RESOLUTIONS, 'evictions', 'swap-out', 'swap-in', 'write-back', 'peak-resident'];
  const row = (s: PidStats, name: string) => [
    String(s.pid || 'all'),
    name,
    ...RESOLUTIONS.map((r) => String(s.faults[r])),
    String(s.evictionsCaused),
    String(s.swapOuts),
    String(s.swapIns),
    String(s.writeBacks),
    String(s.peakResident),
  ];
  const rows = [header, ...stats.perPid.map((s) => row(s, names.get(s.pid) ?? '?')), row(stats.total, 'total')];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padStart(widths[i])).join('  '));
  const retired = kernel.machine.retired;
  return [
    '',
    `VM statistics (eviction policy ${stats.policy}):`,
    ...lines,
    `Retired instructions: ${retired}`,
    `Page faults: ${kernel.pageFaults}`,
    '',
  ].join('\n');
}

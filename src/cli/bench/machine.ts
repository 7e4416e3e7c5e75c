// One line saying what the benchmark ran on, printed with the figures: the date, the CPU and its
// core count, how loaded the machine was, and the Node version.
import * as os from 'node:os';

/** `2026-12-03, 2 × Intel(R) Xeon(R) ..., load average 1.20 (1 min), Node v20.20.2`. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  return `${date}, ${cpus.length} × ${model}, load average ${os.loadavg()[0].toFixed(2)} (1 min), Node ${process.version}`;
}

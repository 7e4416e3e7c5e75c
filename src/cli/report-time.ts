// Start-up and run timing for scripts/measure-kernel.ts: with PINTOS_VM_REPORT_TIMES=1 in the
// environment, `pintos-vm` prints named moments of its run on stderr.
import { writeSync } from 'node:fs';

/** Prints "pintos-vm: MOMENT at WALL ms (cpu CPU ms)" on stderr, both since the process started, when PINTOS_VM_REPORT_TIMES=1. */
export function reportTime(moment: string): void {
  if (process.env.PINTOS_VM_REPORT_TIMES !== '1') return;
  const cpu = process.cpuUsage();
  writeSync(2, `pintos-vm: ${moment} at ${performance.now().toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)\n`);
}

// `npm run bench`: performance figures printed for the record. Emulator speed (retired
// instructions per second) on the bench sample at -O0 and -O2, next to the same program built
// for Linux and run natively. Ratios are taken within one run, as the machine may be noisy.
// Then the debugger's latency over DAP (bench-debugger.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { MachineOptions } from '../emu/machine';
import { bootMachine, defaultKernelConfig } from './boot';

const root = path.resolve(__dirname, '..');
const build = path.join(root, 'userprogs', 'build');

/** Runs a Pintos program to completion; returns retired instructions and seconds spent running. */
function emulate(program: string, options: MachineOptions): { retired: number; seconds: number; output: string } {
  const { kernel, machine } = bootMachine(defaultKernelConfig(), [{ host: program, guest: 'bench' }], 'bench', "-q -f put bench run 'bench'", options);
  const start = process.hrtime.bigint();
  while (kernel.run(50_000_000).kind !== 'finished');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  kernel.powerOff();
  return { retired: machine.retired, seconds, output: kernel.console.text };
}

/** Median wall time of running a native program `runs` times. */
function native(program: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(program, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function main(): void {
  const cases = [
    { label: '-O0', pintos: path.join(build, 'bench'), native: path.join(build, 'native', 'bench') },
    { label: '-O2', pintos: path.join(build, 'variants', 'O2-pintos', 'bench'), native: path.join(build, 'native', 'bench-O2') },
  ];
  const engines: { label: string; options: MachineOptions }[] = [
    { label: 'default engine (interpreter + compiled hot blocks)', options: {} },
    { label: 'interpreter only (compileAfter: Infinity)', options: { compileAfter: Infinity } },
  ];
  for (const engine of engines) {
    console.log(`Emulator speed on userprogs bench, ${engine.label}:`);
    for (const c of cases) {
      if (!existsSync(c.pintos) || !existsSync(c.native)) {
        console.log(`  ${c.label}: missing ${c.pintos} or ${c.native}; run npm run userprogs`);
        continue;
      }
      emulate(c.pintos, engine.options); // warm-up: lets V8 optimise the emulator
      const r = emulate(c.pintos, engine.options);
      const ok = /all results match/.test(r.output) && /bench: exit\(0\)/.test(r.output);
      const t = native(c.native);
      const mips = r.retired / r.seconds / 1e6;
      console.log(
        `  ${c.label}: ${r.retired.toLocaleString('en-US')} instructions in ${r.seconds.toFixed(3)} s = ${mips.toFixed(1)} MIPS; ` +
          `native ${(t * 1000).toFixed(1)} ms; emulator/native time ratio ${(r.seconds / t).toFixed(1)}x; output ${ok ? 'correct' : 'WRONG'}`,
      );
    }
  }
}
main();

// Debugger latency over DAP, in its own process (it spawns the adapter and waits on it).
try {
  execFileSync(process.execPath, [path.join(__dirname, 'bench-debugger.js')], { stdio: 'inherit' });
} catch {
  process.exitCode = 1;
}

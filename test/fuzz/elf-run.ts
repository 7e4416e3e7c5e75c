// Runs one ELF file, in process, on our kernel the way `pintos-vm -T` does: boot, load it as the
// initial program, run to its end or the guest-time limit. Classifies what happened; a host
// exception is caught and reported as an outcome, never thrown.
import { defaultKernelConfig } from '../../src/cli/boot';
import { buildMachine } from '../../src/runtime/machine-boot';

/** How a run ended. `host-exception` is the one outcome a fuzzer must never see. */
export type RunOutcomeKind = 'load-failed' | 'exit' | 'killed' | 'halt' | 'timeout' | 'host-exception';

/** The outcome of one run, with its costs. */
export interface ElfRun {
  kind: RunOutcomeKind;
  /** the exit status, the kill reason or the exception message */
  detail: string;
  ticks: number;
  ms: number;
}

/** Runs `bytes` as program `name` with the clock stopping at `tickLimit` ticks. */
export function runElf(bytes: Uint8Array, tickLimit: number, name = 'prog'): ElfRun {
  const started = performance.now();
  const config = { ...defaultKernelConfig(), tickLimit };
  const { kernel } = buildMachine(config);
  const end = (kind: RunOutcomeKind, detail: string): ElfRun => ({ kind, detail, ticks: kernel.timer.ticks, ms: performance.now() - started });
  let exit: { status: number; killed: boolean; reason?: string } | undefined;
  kernel.events.listen((e) => {
    if (e.kind === 'exit' && e.pid === kernel.processes.initialPid) exit = e;
  });
  try {
    kernel.boot(name, [{ name, content: bytes }], `-q -f put ${name} run '${name}'`);
    for (;;) {
      const stop = kernel.run(Number.POSITIVE_INFINITY);
      if (stop.kind === 'timeout') return end('timeout', `after ${kernel.timer.ticks} ticks`);
      if (stop.kind !== 'finished') continue;
      if (stop.how === 'load-failed') return end('load-failed', kernel.console.text.split('\n').find((l) => l.startsWith('load:')) ?? '');
      if (stop.how === 'halt') return end('halt', '');
      if (exit?.killed) return end('killed', exit.reason ?? '');
      return end('exit', String(exit?.status));
    }
  } catch (e) {
    return end('host-exception', e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
}

// What the emulator benchmark does not measure, printed under its figures so nobody reads more
// into them than they hold.

/** The caveats of the emulator benchmark, one line each; `nodeStartMs` is `node -e 0` measured here. */
export function whatThisLeavesOut(rounds: number, nodeStartMs: number): string[] {
  return [
    'What these figures leave out:',
    `- Each figure is the median of ${rounds} interleaved rounds on a machine that may be shared; the cold range shows the spread.`,
    '- native and qemu-x86_64 run the Linux build (same C sources, a small shim for _start, write and exit), not the Pintos',
    '  build: no Pintos kernel, Linux system calls instead of ours. Their MIPS use the Linux build\'s own instruction count',
    '  (valgrind\'s; our count when valgrind is missing).',
    '- qemu-x86_64 and native are whole-process times (their start-up included: about a millisecond natively, more for qemu\'s',
    '  translation); they have no separate warm figure.',
    '- Warm (ours) times the run alone in this process after a warm-up run: V8 has optimised the emulator, but each run boots a',
    '  fresh machine, so blocks are still interpreted 16 times and compiled again in every run; the boot is not timed.',
    `- Cold (ours) is a fresh 'node dist/bench.js --run ...' from spawn to exit: Node start-up ('node -e 0' here: ${Math.round(nodeStartMs)} ms),`,
    '  loading the bundle, booting the kernel, V8 warm-up and block compilation are all in it.',
    '- The kernel-heavy workload runs only on ours (Linux would not evict in 10 MiB); it is timed without --check-invariants,',
    '  which the VM test set figure below includes.',
  ];
}

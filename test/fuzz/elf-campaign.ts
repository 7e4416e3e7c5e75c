// The ELF mutation fuzzer: mutates real programs of userprogs/build, runs each mutant through the
// kernel's loader and scheduler in process (elf-run.ts), and checks every outcome is a clear
// load failure or a Pintos-style end (exit, kill, halt, or the -T timeout), within the guest-time
// limit. Shared by the quick test and `npm run fuzz`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mutateElf } from './elf-mutator';
import { runElf, type RunOutcomeKind } from './elf-run';
import { ROOT } from './hostile-programs';
import { SeededRandom } from './seeded-random';

/** Programs mutated, relative to userprogs/build. */
export const ELF_SOURCES = ['hello', 'stack-grow', 'hostile/fork-storm'];

/** Figures of a campaign, and the cases that broke a property. */
export interface ElfCampaign {
  cases: number;
  outcomes: Partial<Record<RunOutcomeKind, number>>;
  maxMs: number;
  maxTicks: number;
  maxHeapMB: number;
  failures: string[];
}

/** Runs `cases` mutants from `seed` with the clock stopping at `tickLimit`. */
export function elfCampaign(seed: number, cases: number, tickLimit: number): ElfCampaign {
  const random = new SeededRandom(seed);
  const sources = ELF_SOURCES.map((s) => ({ name: s, bytes: readFileSync(path.join(ROOT, 'userprogs', 'build', s)) }));
  const figures: ElfCampaign = { cases: 0, outcomes: {}, maxMs: 0, maxTicks: 0, maxHeapMB: 0, failures: [] };
  for (let i = 0; i < cases; i++) {
    const source = random.pick(sources);
    const mutant = mutateElf(source.bytes, random);
    const run = runElf(mutant.bytes, tickLimit);
    figures.cases++;
    figures.outcomes[run.kind] = (figures.outcomes[run.kind] ?? 0) + 1;
    figures.maxMs = Math.max(figures.maxMs, run.ms);
    figures.maxTicks = Math.max(figures.maxTicks, run.ticks);
    figures.maxHeapMB = Math.max(figures.maxHeapMB, process.memoryUsage().heapUsed / 2 ** 20);
    const where = `seed ${seed} case ${i} (${source.name}: ${mutant.description})`;
    if (run.kind === 'host-exception') figures.failures.push(`${where}: host exception ${run.detail}`);
    else if (run.ticks > tickLimit) figures.failures.push(`${where}: ran ${run.ticks} ticks past the limit of ${tickLimit}`);
    else if (run.kind === 'load-failed' && !/^load: prog: (open failed|error loading executable)$/.test(run.detail)) figures.failures.push(`${where}: load failure without the Pintos message: '${run.detail}'`);
  }
  return figures;
}

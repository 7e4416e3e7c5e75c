// `pintos-vm --compare`: one test run twice with the same options, on the build directory's own
// kernel (booted as --system boots it) and on ours, and the first line where the test's output
// parts. A test's output is what its checker reads: from "Executing '…':" to "Execution of '…'
// complete." (the whole transcript when a kernel never printed the first).
import { runPintos } from '../run';
import type { CliOptions } from '../options';
import { runSystem } from './run-system';

/** Where two transcripts part: the 1-based line of the test's output, and each side's line there (undefined: its output had ended). */
export interface Parting {
  line: number;
  theirs: string | undefined;
  ours: string | undefined;
}

/** Lines of context shown before the parting. */
const CONTEXT = 3;

/** The test's output in `transcript`: its lines from "Executing '…':" through "Execution of '…' complete.". */
export function testOutput(transcript: string): string[] {
  const lines = transcript.split('\n');
  const start = lines.findIndex((l) => /^Executing '.*':$/.test(l));
  if (start < 0) return lines.filter((l, i) => l !== '' || i < lines.length - 1);
  const end = lines.findIndex((l, i) => i > start && /^Execution of '.*' complete\.$/.test(l));
  return lines.slice(start, end < 0 ? undefined : end + 1);
}

/** The first line where `theirs` and `ours` differ, or undefined when they are the same. */
export function firstParting(theirs: readonly string[], ours: readonly string[]): Parting | undefined {
  for (let i = 0; i < Math.max(theirs.length, ours.length); i++) {
    if (theirs[i] !== ours[i]) return { line: i + 1, theirs: theirs[i], ours: ours[i] };
  }
  return undefined;
}

/** A line of the report: the text, or what stands for an ended output. */
function shown(line: string | undefined): string {
  return line === undefined ? '(its output had ended)' : line;
}

/**
 * Runs the test of `options` on the build directory's kernel (`dir`) and on ours, writes the
 * report to `write`, and returns the exit status: 0 when the test's outputs are the same, 1 when
 * they part. Throws UserError as either run does (no os.dsk, a missing file).
 */
export function runCompare(options: CliOptions, write: (text: string) => void, dir = process.cwd()): number {
  let theirs = '';
  const system = runSystem(options, (text) => void (theirs += text), dir);
  let ours = '';
  const reference = runPintos({ ...options, system: false }, (text) => void (ours += text), new Uint8Array(0));
  const a = testOutput(theirs);
  const b = testOutput(ours);
  const parting = firstParting(a, b);
  const notes: string[] = [];
  if (system.error) notes.push(`your kernel: ${system.error}`);
  if (reference.error) notes.push(`the reference kernel: ${reference.error}`);
  if (parting === undefined) {
    write(`The test's output is the same on your kernel and on the reference kernel (${a.length} lines).\n`);
    for (const n of notes) write(`${n}\n`);
    return 0;
  }
  const same = parting.line - 1;
  const report = [`The test's output parts at line ${parting.line} (${same === 1 ? 'the line before it is' : `the ${same} lines before it are`} the same):`];
  for (let i = Math.max(0, parting.line - 1 - CONTEXT); i < parting.line - 1; i++) report.push(`    ${a[i]}`);
  report.push(`  your kernel:          ${shown(parting.theirs)}`, `  the reference kernel: ${shown(parting.ours)}`, ...notes);
  write(`${report.join('\n')}\n`);
  return 1;
}

// Runs a test's checker the way `make check` does — `perl -I SRCDIR SRCDIR/TEST.ck TEST
// TEST.result` in the build directory — and reads the verdict it wrote.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { BuildTree } from './build-tree';

/** What a checker decided, or why there is no decision. */
export type CheckerVerdict = { verdict: 'pass' | 'fail'; message: string } | { verdict: 'error'; message: string };

/** The message when perl cannot be started: what to install. */
export const PERL_MISSING =
  "perl is needed to run the tests' .ck checkers but was not found on PATH; install it (Debian/Ubuntu: apt-get install perl) and run again";

/** True when `perl` can be started (from PATH, as make would find it). */
export function perlIsAvailable(): boolean {
  const probe = spawnSync('perl', ['-e', '1'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Removes TEST.result so a checker that writes nothing leaves no old verdict behind. */
export function forgetResult(resultFile: string): void {
  rmSync(resultFile, { force: true });
}

/**
 * Runs the checker of test `id` and returns its verdict: pass when TEST.result is exactly
 * "PASS\n" (what `make check` compares with), fail with the text after the first line
 * otherwise, error when the checker is missing or wrote no result.
 */
export async function runChecker(tree: BuildTree, id: string, checker: string, resultFile: string): Promise<CheckerVerdict> {
  if (!existsSync(checker)) return { verdict: 'error', message: `no checker: ${checker} does not exist` };
  const src = tree.srcDirAsWritten;
  const run = await collect('perl', [`-I${src}`, `${src}/${id}.ck`, id, `${id}.result`], tree.buildDir);
  if (run.spawnError) return { verdict: 'error', message: run.spawnError.code === 'ENOENT' ? PERL_MISSING : String(run.spawnError) };
  if (!existsSync(resultFile)) {
    const why = run.stderr.trim() || run.stdout.trim() || `it exited with status ${run.status}`;
    return { verdict: 'error', message: `the checker ${checker} wrote no ${id}.result: ${why}` };
  }
  const text = readFileSync(resultFile, 'utf8');
  if (text === 'PASS\n') return { verdict: 'pass', message: '' };
  const newline = text.indexOf('\n');
  return { verdict: 'fail', message: newline < 0 ? '' : text.slice(newline + 1) };
}

interface Collected {
  status: number | null;
  stdout: string;
  stderr: string;
  spawnError?: NodeJS.ErrnoException;
}

/** Runs `command` in `cwd` and collects its output. */
function collect(command: string, args: string[], cwd: string): Promise<Collected> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (spawnError: NodeJS.ErrnoException) => resolve({ status: null, stdout, stderr, spawnError }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

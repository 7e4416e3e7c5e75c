// Builds the native harness with the host gcc and runs batches of cases on the host CPU.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiffCase, FinalState, decodeResults, encodeCases } from './state';

const SOURCE = join(__dirname, 'harness.c');

/**
 * Returns the path of the compiled harness, compiling harness.c with `gcc -O1` into a directory
 * under the OS temp dir when no binary for the current source exists yet (keyed by a hash of the
 * source, so an edit rebuilds). Throws with gcc's message when compilation fails.
 */
export function buildHarness(): string {
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'pintos-vm-diff');
  const exe = join(dir, `harness-${hash}`);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const partial = `${exe}.${process.pid}.tmp`;
  try {
    execFileSync('gcc', ['-O1', '-Wall', '-Wextra', '-o', partial, SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`cannot build the native harness: ${stderr || String(err)}`);
  }
  renameSync(partial, exe);
  return exe;
}

/**
 * Runs `cases` on the host CPU through the harness at `exe` (one process for the whole batch) and
 * returns their final states in order. Throws when the harness exits abnormally.
 */
export function runNative(exe: string, cases: readonly DiffCase[]): FinalState[] {
  const input = encodeCases(cases);
  const res = spawnSync(exe, [], { input, maxBuffer: 1 << 30, timeout: 120_000 });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`native harness failed (status ${res.status}, signal ${res.signal}): ${res.stderr.toString()}`);
  }
  return decodeResults(res.stdout, cases.length);
}

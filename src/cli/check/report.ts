// What `pintos-vm check` prints when it is done: the `make check` summary for people, and the
// JSON objects of the `--json` interface (one per line).
import type { BuildTree } from './build-tree';
import type { TestInfo } from './discover';
import type { TestResult } from './run-tests';

/** Counts of a run by verdict; `total` includes skipped tests. */
export interface Summary {
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  total: number;
}

/** Counts `results` by verdict. */
export function summarise(results: readonly TestResult[]): Summary {
  const count = (v: TestResult['verdict']) => results.filter((r) => r.verdict === v).length;
  return { passed: count('pass'), failed: count('fail'), errors: count('error'), skipped: count('skipped'), total: results.length };
}

/** `--list --json`: the one line describing every test. */
export function listEvent(tree: BuildTree, tests: readonly TestInfo[]): string {
  return JSON.stringify({ kind: 'list', buildDir: tree.buildDir, srcDir: tree.srcDir, tests, warnings: tree.make.warnings });
}

/** `--json`: a test starts running. */
export function startEvent(test: TestInfo): string {
  return JSON.stringify({ kind: 'start', id: test.id });
}

/** `--json`: a test ended (or was not run). */
export function resultEvent(result: TestResult): string {
  const { id, verdict, message, durationMs, output, result: resultFile, errors, ownOutput, exitStatus } = result;
  return JSON.stringify({ kind: 'result', id, verdict, message, durationMs, output, result: resultFile, errors, ownOutput, exitStatus });
}

/** `--json`: the last line. */
export function summaryEvent(summary: Summary): string {
  return JSON.stringify({ kind: 'summary', ...summary });
}

/**
 * The summary `make check` prints: `pass TEST` / `FAIL TEST` for each test that was to run
 * (errors count as failures), then `All N tests passed.` or `F of N tests failed.`; skipped
 * tests are named after it.
 */
export function summaryText(results: readonly TestResult[]): string {
  const considered = results.filter((r) => r.verdict !== 'skipped');
  const lines = considered.map((r) => `${r.verdict === 'pass' ? 'pass' : 'FAIL'} ${r.id}`);
  const failed = considered.filter((r) => r.verdict !== 'pass').length;
  if (considered.length === 0) lines.push('No tests ran.');
  else if (failed === 0) lines.push(`All ${considered.length} tests passed.`);
  else lines.push(`${failed} of ${considered.length} tests failed.`);
  const skipped = results.filter((r) => r.verdict === 'skipped');
  if (skipped.length > 0) {
    lines.push(`Skipped ${skipped.length} kernel test${skipped.length === 1 ? '' : 's'} that pintos-vm cannot run: ${skipped.map((r) => r.id).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `--list`: one line per test with how it runs, or why it does not. */
export function listText(tests: readonly TestInfo[]): string {
  const width = Math.max(0, ...tests.map((t) => t.id.length));
  return tests
    .map((t) => {
      const how = t.runnable
        ? `run '${t.commandLine}'  -m ${t.memoryMB}${t.swapDisk === null ? '' : ` --swap-disk=${t.swapDisk}`} -T ${t.timeoutSeconds ?? '-'}`
        : `not run: ${t.reason}`;
      const missing = t.missingFiles.length > 0 ? `  (not built yet: ${t.missingFiles.join(', ')})` : '';
      return `${t.id.padEnd(width)}  ${how}${missing}\n`;
    })
    .join('');
}

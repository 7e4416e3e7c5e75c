// The system-call test suite: every userprogs/tests/NAME.expected names a test program; it runs
// through `pintos-vm` (dist/cli.js) with --check-invariants, and the program's part of the
// transcript is compared with the expected lines (format: userprogs/tests/README.md). Every run
// must also end without a `LEAK:` or `INVARIANT:` report: whatever a process owned is released
// when it exits.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFraming, cliArguments, compareOutput, extractRun, leakLines, parseExpected, toLines, type TestSpec } from '../../support/userprog-suite';
import { pintosVmEnvironment } from '../../../src/shared/child-environment';

const root = path.resolve(__dirname, '..', '..', '..');
/** The runner under test: dist/cli.js, or the script named by $PINTOS_VM_CLI. */
const cli = process.env.PINTOS_VM_CLI ? path.resolve(process.env.PINTOS_VM_CLI) : path.join(root, 'dist', 'cli.js');
const testsDir = path.join(root, 'userprogs', 'tests');

const specs: TestSpec[] = readdirSync(testsDir)
  .filter((f) => f.endsWith('.expected'))
  .sort()
  .map((f) => parseExpected(f.replace(/\.expected$/, ''), readFileSync(path.join(testsDir, f), 'utf8')));

interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
  /** set when the run could not complete (timeout, spawn failure) */
  error?: string;
}

const runs = new Map<string, RunResult>();

/** Runs `spec` through pintos-vm once (later calls reuse the result). */
function run(spec: TestSpec): RunResult {
  const cached = runs.get(spec.name);
  if (cached) return cached;
  const result = spawnSync(process.execPath, [cli, ...cliArguments(spec)], {
    cwd: root,
    input: spec.stdin,
    encoding: 'utf8',
    timeout: spec.timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
    env: pintosVmEnvironment(),
  });
  const outcome: RunResult = { stdout: result.stdout ?? '', stderr: result.stderr ?? '', status: result.status };
  // EPIPE only means the runner did not read all of the keyboard input.
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'EPIPE') {
    const timedOut = (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    outcome.error = timedOut ? `timed out after ${spec.timeoutSeconds} s` : result.error.message;
  }
  runs.set(spec.name, outcome);
  return outcome;
}

/** The last lines of `text`, indented, for failure messages. */
function tail(text: string, count = 12): string {
  return toLines(text)
    .slice(-count)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Everything wrong with the run of `spec`; empty when it passed. */
function problemsOf(spec: TestSpec, r: RunResult): string[] {
  const problems: string[] = [];
  if (r.error) problems.push(`${r.error}; output ends with:\n${tail(r.stdout)}`);
  const leaks = [...leakLines(r.stdout), ...leakLines(r.stderr)];
  if (leaks.length > 0) problems.push(`kernel objects not released or invariants broken:\n${leaks.map((l) => `    ${l}`).join('\n')}`);
  if (!r.error) {
    const part = extractRun(r.stdout, spec.command, spec.halt);
    if ('error' in part) {
      problems.push(part.error);
    } else {
      const diff = compareOutput(spec, part.lines);
      if (diff !== undefined) problems.push(`output differs from ${spec.name}.expected (- expected, + actual):\n${diff}`);
    }
    if (r.status !== 0 && leaks.length === 0) problems.push(`pintos-vm exited with status ${r.status}; stderr:\n${tail(r.stderr)}`);
  }
  return problems;
}

describe('system-call test suite (userprogs/tests through pintos-vm)', function () {
  this.timeout(120000);

  before(function () {
    this.timeout(300000);
    assert.ok(existsSync(cli), `${cli} exists (build it with \`node scripts/build.mjs\`)`);
    execFileSync('make', ['-s', '-C', path.join(root, 'userprogs'), 'tests'], { stdio: 'pipe' });
  });

  describe('transcript framing', () => {
    for (const name of ['args-none', 'halt-now']) {
      const spec = specs.find((s) => s.name === name);
      it(`${name}: boot lines, "Executing", ${spec?.halt ? 'no "Execution ... complete." (halt)' : '"Execution ... complete."'}, power-off trailer`, function () {
        assert.ok(spec, `userprogs/tests/${name}.expected exists`);
        this.timeout(spec.timeoutSeconds * 1000 + 10000);
        const r = run(spec);
        assert.equal(r.error, undefined, r.error);
        const problems = checkFraming(r.stdout, spec.command, spec.halt);
        assert.deepEqual(problems, [], `framing problems:\n${problems.join('\n')}\ntranscript:\n${tail(r.stdout, 40)}`);
      });
    }
  });

  describe('programs', () => {
    for (const spec of specs) {
      it(`${spec.name}: ${spec.command}`, function () {
        this.timeout(spec.timeoutSeconds * 1000 + 10000);
        const problems = problemsOf(spec, run(spec));
        assert.ok(problems.length === 0, `${spec.name}:\n${problems.join('\n')}`);
      });
    }
  });
});

// Progress of a `pintos-vm check` run on standard error: a line per finished test and, on a
// terminal, a status line under them naming the tests running now (rewritten in place with
// \r and "erase to end of line"; no library needed for one line).
import type { TestInfo } from './discover';
import type { RunListener, TestResult } from './run-tests';

/** Where progress goes. */
export interface ProgressStream {
  write(text: string): void;
  /** a terminal: the status line can be rewritten */
  isTTY: boolean;
  /** terminal width, when known (0 or undefined: 80 is assumed) */
  columns?: number;
}

const ERASE_LINE = '\r\x1b[K';

/** A RunListener that shows progress on `stream` for `total` tests. */
export class Progress implements RunListener {
  private done = 0;
  private readonly running: string[] = [];

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
  ) {}

  started(test: TestInfo): void {
    this.running.push(test.id);
    this.redraw();
  }

  finished(result: TestResult): void {
    this.done++;
    const at = this.running.indexOf(result.id);
    if (at >= 0) this.running.splice(at, 1);
    this.print(`[${this.done}/${this.total}] ${describe(result)}`);
  }

  note(text: string): void {
    this.print(`note: ${text}`);
  }

  /** Clears the status line (before the summary goes to standard output). */
  close(): void {
    if (this.stream.isTTY) this.stream.write(ERASE_LINE);
  }

  private print(line: string): void {
    this.stream.write(`${this.stream.isTTY ? ERASE_LINE : ''}${line}\n`);
    this.redraw();
  }

  private redraw(): void {
    if (!this.stream.isTTY || this.running.length === 0) return;
    const line = `[${this.done}/${this.total}] running ${this.running.join(', ')}`;
    const columns = this.stream.columns !== undefined && this.stream.columns >= 20 ? this.stream.columns : 80;
    const width = columns - 1;
    this.stream.write(`${ERASE_LINE}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }
}

/** One line about a finished test. */
function describe(r: TestResult): string {
  const seconds = `(${(r.durationMs / 1000).toFixed(1)} s)`;
  switch (r.verdict) {
    case 'pass':
      return `pass ${r.id} ${seconds}`;
    case 'fail': {
      const exit = r.exitStatus !== null && r.exitStatus !== 0 ? `; pintos-vm exited with ${r.exitStatus}, see ${r.id}.errors` : '';
      return `FAIL ${r.id} ${seconds}: see ${r.id}.result${exit}`;
    }
    case 'error':
      return `error ${r.id}: ${r.message}`;
    case 'skipped':
      return `skip ${r.id}: ${r.message}`;
  }
}

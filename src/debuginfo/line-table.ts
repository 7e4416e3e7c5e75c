// The line tables of all units, indexed for the debugger's questions: which line is this
// address on, where does this line's code start, which rows belong to a function.
import type { LineProgram, LineRow } from './line-program';
import { baseName, normalizePath } from './source-path';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** The half-open address range [start, end) of one row of the table. */
export interface LineRange extends SourceLocation {
  start: number;
  end: number;
  isStmt: boolean;
}

/** All rows of all line programs with lookup indexes. */
export class LineTable {
  /** Rows grouped by line program, in program order (what binutils prints). */
  readonly programs: LineProgram[];
  /** Address ranges of rows, sorted by start; rows sharing an address keep only the last one. */
  private readonly ranges: LineRange[] = [];
  /** file → line → addresses of is_stmt rows (sorted, unique). */
  private readonly statements = new Map<string, Map<number, number[]>>();
  private readonly stmtStarts = new Set<number>();

  constructor(programs: LineProgram[]) {
    this.programs = programs;
    for (const program of programs) this.indexProgram(program.rows);
    this.ranges.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const lines of this.statements.values()) {
      for (const [line, addresses] of lines) lines.set(line, [...new Set(addresses)].sort((a, b) => a - b));
    }
  }

  private indexProgram(rows: LineRow[]): void {
    let sequenceStart = 0;
    for (let i = 0; i < rows.length; i++) {
      if (!rows[i].endSequence) continue;
      this.indexSequence(rows.slice(sequenceStart, i + 1));
      sequenceStart = i + 1;
    }
  }

  private indexSequence(rows: LineRow[]): void {
    const end = rows[rows.length - 1].address;
    for (let i = 0; i < rows.length - 1; i++) {
      const row = rows[i];
      if (row.address > end) continue;
      if (row.isStmt) {
        let lines = this.statements.get(row.file);
        if (!lines) this.statements.set(row.file, (lines = new Map()));
        let list = lines.get(row.line);
        if (!list) lines.set(row.line, (list = []));
        list.push(row.address);
        this.stmtStarts.add(row.address);
      }
      const next = rows[i + 1];
      if (next.address === row.address && !next.endSequence) continue; // a later row at this address wins
      if (next.address <= row.address) continue;
      // a statement starts here when any row at this address says so (gcc follows a statement row
      // with a non-statement row of the same address, for location views)
      this.ranges.push({ start: row.address, end: next.address, file: row.file, line: row.line, column: row.column, isStmt: row.isStmt || this.stmtStarts.has(row.address) });
    }
  }

  /** The source position of the row covering `addr`, or undefined outside every sequence. */
  linesForAddress(addr: number): SourceLocation | undefined {
    const range = this.rangeAt(addr);
    return range ? { file: range.file, line: range.line, column: range.column } : undefined;
  }

  /** The row range covering `addr`, or undefined. */
  rangeAt(addr: number): LineRange | undefined {
    const list = this.ranges;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= addr) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found >= 0 && addr < list[found].end) return list[found];
    return undefined;
  }

  /**
   * Addresses of every is_stmt row for `line` of `file` (sorted). `file` may be an absolute
   * path or a path suffix such as "hello.c" or "src/hello.c".
   */
  statementAddressesForLine(file: string, line: number): number[] {
    const out: number[] = [];
    for (const path of this.matchFiles(file)) out.push(...(this.statements.get(path)?.get(line) ?? []));
    return [...new Set(out)].sort((a, b) => a - b);
  }

  /**
   * The first line at or after `line` of `file` that has statement rows, with its file path,
   * or undefined when no such line exists.
   */
  nearestLineWithCode(file: string, line: number): { file: string; line: number } | undefined {
    let best: { file: string; line: number } | undefined;
    for (const path of this.matchFiles(file)) {
      for (const candidate of this.statements.get(path)?.keys() ?? []) {
        if (candidate >= line && (!best || candidate < best.line)) best = { file: path, line: candidate };
      }
    }
    return best;
  }

  /** Row ranges (all rows, statements or not) lying in [low, high), sorted by address. */
  lineRangesIn(low: number, high: number): LineRange[] {
    return this.ranges.filter((r) => r.start >= low && r.start < high);
  }

  /** True when a statement row starts at `addr`. */
  isStatementStart(addr: number): boolean {
    return this.stmtStarts.has(addr);
  }

  /** The set of addresses where statement rows start. */
  statementStarts(): ReadonlySet<number> {
    return this.stmtStarts;
  }

  /** Every source file that has statement rows, sorted. */
  sourceFiles(): string[] {
    return [...this.statements.keys()].sort();
  }

  /** Lines of `file` that have statement rows, sorted. */
  linesWithCode(file: string): number[] {
    const lines = new Set<number>();
    for (const path of this.matchFiles(file)) for (const l of this.statements.get(path)?.keys() ?? []) lines.add(l);
    return [...lines].sort((a, b) => a - b);
  }

  /**
   * Known paths that `file` names: the exact normalised path if known, otherwise those sharing
   * the longest run of trailing path components with it (at least the base name).
   */
  matchFiles(file: string): string[] {
    const wanted = normalizePath(file);
    if (this.statements.has(wanted)) return [wanted];
    const wantedParts = wanted.split('/').filter((p) => p !== '');
    let best: string[] = [];
    let bestScore = 0;
    for (const path of this.statements.keys()) {
      if (baseName(path) !== baseName(wanted)) continue;
      const parts = path.split('/');
      let score = 0;
      while (score < wantedParts.length && score < parts.length && parts[parts.length - 1 - score] === wantedParts[wantedParts.length - 1 - score]) score++;
      if (score > bestScore) {
        best = [path];
        bestScore = score;
      } else if (score === bestScore) {
        best.push(path);
      }
    }
    return best;
  }
}

// The system-call test suite's expected-output files (userprogs/tests/NAME.expected, format in
// userprogs/tests/README.md): parsing them, building the `pintos-vm` command line, cutting the
// program's part out of a transcript, comparing it, and checking the transcript's framing.

/** How expected and actual lines are matched. */
export type Order = 'strict' | 'unordered' | 'unordered-exits';

/** A host file put on the Pintos disk. */
export interface Put {
  host: string;
  guest: string;
}

/** One test, parsed from its expected-output file. */
export interface TestSpec {
  name: string;
  /** the command line given to `run` */
  command: string;
  /** the program: the command line's first word */
  program: string;
  /** extra files for the disk (the program itself is not listed) */
  puts: Put[];
  /** extra `pintos-vm` options */
  options: string[];
  /** keyboard input */
  stdin: string;
  order: Order;
  /** actual lines matching any of these are dropped before comparing */
  ignore: RegExp[];
  /** the program halts: its output runs up to the power-off trailer */
  halt: boolean;
  timeoutSeconds: number;
  /** why the native check skips this test, if it does */
  nativeSkip: string | undefined;
  expected: string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

/** A process's exit line, as the kernel prints it. */
export const EXIT_LINE = /^\S+: exit\(-?\d+\)$/;
/** An exit line in an expected file (the status may be `{n}`). */
const EXPECTED_EXIT_LINE = /^\S+: exit\((-?\d+|\{n\})\)$/;

/** The directory the test programs are built into, relative to the repository root. */
export const TEST_BUILD_DIR = 'userprogs/build/tests';

/** Splits a command line the way Pintos does: on spaces, runs of spaces counting as one. */
export function splitCommand(command: string): string[] {
  return command.split(' ').filter((w) => w.length > 0);
}

/** Parses "HOST[:GUEST]"; GUEST defaults to HOST's base name. */
export function parsePut(value: string): Put {
  const colon = value.lastIndexOf(':');
  const host = colon > 0 ? value.slice(0, colon) : value;
  const guest = colon > 0 ? value.slice(colon + 1) : (host.split('/').pop() ?? host);
  return { host, guest };
}

/** Parses expected-output file `text` of test `name`. Throws on a malformed directive. */
export function parseExpected(name: string, text: string): TestSpec {
  const spec: TestSpec = {
    name,
    command: name,
    program: name,
    puts: [],
    options: [],
    stdin: '',
    order: 'strict',
    ignore: [],
    halt: false,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    nativeSkip: undefined,
    expected: [],
  };
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let orderSet = false;
  const setOrder = (order: Order) => {
    if (orderSet) throw new Error(`${name}: more than one of 'unordered' and 'unordered-exits'`);
    orderSet = true;
    spec.order = order;
  };
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('#!')) {
      const m = /^#!\s*([a-z-]+)\s*(?::\s?(.*))?$/.exec(line);
      if (!m) throw new Error(`${name}:${i + 1}: malformed directive '${line}'`);
      const key = m[1];
      const value = m[2];
      const need = (): string => {
        if (value === undefined || value.trim() === '') throw new Error(`${name}:${i + 1}: '${key}' needs a value`);
        return value;
      };
      const none = () => {
        if (value !== undefined) throw new Error(`${name}:${i + 1}: '${key}' takes no value`);
      };
      switch (key) {
        case 'run':
          spec.command = need().trim();
          break;
        case 'put':
          spec.puts.push(parsePut(need().trim()));
          break;
        case 'args':
          spec.options.push(...need().trim().split(/\s+/));
          break;
        case 'stdin':
          spec.stdin = need().replace(/\\n/g, '\n');
          break;
        case 'unordered':
          none();
          setOrder('unordered');
          break;
        case 'unordered-exits':
          none();
          setOrder('unordered-exits');
          break;
        case 'ignore':
          spec.ignore.push(new RegExp(need().trim()));
          break;
        case 'halt':
          none();
          spec.halt = true;
          break;
        case 'timeout': {
          const seconds = Number(need().trim());
          if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`${name}:${i + 1}: bad timeout '${value}'`);
          spec.timeoutSeconds = seconds;
          break;
        }
        case 'native': {
          const m2 = /^skip\b\s*(.*)$/.exec(need().trim());
          if (!m2) throw new Error(`${name}:${i + 1}: 'native' takes 'skip (reason)'`);
          spec.nativeSkip = m2[1] || 'skipped';
          break;
        }
        default:
          throw new Error(`${name}:${i + 1}: unknown directive '${key}'`);
      }
    } else if (line.startsWith('#')) {
      continue;
    } else {
      spec.expected.push(line);
    }
  }
  const words = splitCommand(spec.command);
  if (words.length === 0) throw new Error(`${name}: empty command line`);
  spec.program = words[0];
  return spec;
}

/** The `pintos-vm` arguments (after `node dist/cli.js`) that run `spec`, paths relative to the repository root. */
export function cliArguments(spec: TestSpec): string[] {
  const puts = [{ host: `${TEST_BUILD_DIR}/${spec.program}`, guest: spec.program }, ...spec.puts];
  return [
    '--check-invariants',
    ...spec.options,
    ...puts.flatMap((p) => ['-p', `${p.host}:${p.guest}`]),
    '--',
    '-q',
    '-f',
    'run',
    spec.command,
  ];
}

/** Splits text into lines (no trailing empty line). */
export function toLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const TIMER_LINE = /^Timer: \d+ ticks$/;

/**
 * The program's part of a transcript: the lines after `Executing 'COMMAND':` up to
 * `Execution of 'COMMAND' complete.`, or for a halting program up to the `Timer:` line of the
 * power-off trailer (and then there must be no `Execution of` line).
 */
export function extractRun(transcript: string, command: string, halt: boolean): { lines: string[] } | { error: string } {
  const lines = toLines(transcript);
  const start = lines.indexOf(`Executing '${command}':`);
  if (start < 0) return { error: `no line "Executing '${command}':" in the transcript` };
  const complete = `Execution of '${command}' complete.`;
  const completeAt = lines.indexOf(complete, start + 1);
  if (halt) {
    if (completeAt >= 0) return { error: `the program halts, yet the transcript has "${complete}"` };
    const end = lines.findIndex((l, i) => i > start && TIMER_LINE.test(l));
    if (end < 0) return { error: 'no "Timer: N ticks" line after the program output (no power-off trailer)' };
    return { lines: lines.slice(start + 1, end) };
  }
  if (completeAt < 0) {
    const glued = lines.find((l, i) => i > start && l.endsWith(complete));
    if (glued !== undefined) return { error: `"${complete}" is glued to program output: "${glued}"` };
    const tail = lines.slice(-5).join('\n    ');
    return { error: `no line "${complete}": the run did not finish; transcript ends with:\n    ${tail}` };
  }
  return { lines: lines.slice(start + 1, completeAt) };
}

/** A matcher for expected line `line`: `{n}` stands for an integer, `{*}` for any text. */
export function lineMatcher(line: string): (actual: string) => boolean {
  if (!line.includes('{n}') && !line.includes('{*}')) return (actual) => actual === line;
  const source = line
    .split(/(\{n\}|\{\*\})/)
    .map((part) => (part === '{n}' ? '-?\\d+' : part === '{*}' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`);
  return (actual) => re.test(actual);
}

/** Ordered comparison: undefined when every line matches, else a line diff (`-` expected, `+` actual). */
export function orderedDiff(expected: string[], actual: string[]): string | undefined {
  const matchers = expected.map(lineMatcher);
  if (expected.length === actual.length && matchers.every((m, i) => m(actual[i]))) return undefined;
  // Longest common subsequence, then walk it to print the diff.
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = matchers[i](actual[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && matchers[i](actual[j])) {
      out.push(`  ${actual[j]}`);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push(`+ ${actual[j++]}`);
    } else {
      out.push(`- ${expected[i++]}`);
    }
  }
  return out.join('\n');
}

/** Multiset comparison: undefined when the lines pair up, else the unmatched lines of each side. */
export function unorderedDiff(expected: string[], actual: string[]): string | undefined {
  const used = new Array<boolean>(actual.length).fill(false);
  const missing: string[] = [];
  // Exact lines first, so a `{n}` line cannot take a line an exact one needs.
  const order = expected.map((line, i) => ({ line, i })).sort((a, b) => Number(/\{n\}|\{\*\}/.test(a.line)) - Number(/\{n\}|\{\*\}/.test(b.line)));
  for (const { line } of order) {
    const match = lineMatcher(line);
    const j = actual.findIndex((a, k) => !used[k] && match(a));
    if (j < 0) missing.push(line);
    else used[j] = true;
  }
  const extra = actual.filter((_, k) => !used[k]);
  if (missing.length === 0 && extra.length === 0) return undefined;
  return [
    ...(missing.length > 0 ? ['expected but missing (-):', ...missing.map((l) => `- ${l}`)] : []),
    ...(extra.length > 0 ? ['not expected (+):', ...extra.map((l) => `+ ${l}`)] : []),
  ].join('\n');
}

/** Compares the program's output with the spec: undefined when it matches, else a readable report. */
export function compareOutput(spec: Pick<TestSpec, 'order' | 'ignore' | 'expected'>, actualLines: string[]): string | undefined {
  const actual = actualLines.filter((l) => !spec.ignore.some((re) => re.test(l)));
  switch (spec.order) {
    case 'strict':
      return orderedDiff(spec.expected, actual);
    case 'unordered':
      return unorderedDiff(spec.expected, actual);
    case 'unordered-exits': {
      const isExit = (l: string) => EXIT_LINE.test(l);
      const isExpectedExit = (l: string) => EXPECTED_EXIT_LINE.test(l);
      const others = orderedDiff(
        spec.expected.filter((l) => !isExpectedExit(l)),
        actual.filter((l) => !isExit(l)),
      );
      const exits = unorderedDiff(spec.expected.filter(isExpectedExit), actual.filter(isExit));
      if (others === undefined && exits === undefined) return undefined;
      return [
        ...(others !== undefined ? ['output lines other than exit lines, in order:', others] : []),
        ...(exits !== undefined ? ['exit lines, in any order:', exits] : []),
      ].join('\n');
    }
  }
}

/** The power-off trailer, line by line; `hd` stands for one or more disk lines. */
const TRAILER: (RegExp | 'hd')[] = [
  TIMER_LINE,
  /^Thread: \d+ idle ticks, \d+ kernel ticks, \d+ user ticks$/,
  'hd',
  /^Console: \d+ characters output$/,
  /^Keyboard: \d+ keys pressed$/,
  /^Exception: \d+ page faults$/,
  /^Powering off\.\.\.$/,
];
const DISK_LINE = /^hd\d+:\d+: \d+ reads, \d+ writes$/;

/**
 * Checks a transcript's Pintos framing: the boot banner and `Boot complete.` before
 * `Executing 'COMMAND':`, `Execution of 'COMMAND' complete.` (unless the program halts), then the
 * power-off trailer with a line for the file-system disk hd0:1. Returns the problems found.
 */
export function checkFraming(transcript: string, command: string, halt: boolean): string[] {
  const lines = toLines(transcript);
  const problems: string[] = [];
  const start = lines.indexOf(`Executing '${command}':`);
  if (start < 0) return [`no line "Executing '${command}':"`];
  const before = lines.slice(0, start);
  if (!before.some((l) => l.startsWith('Pintos booting with'))) problems.push('no "Pintos booting with ..." line before "Executing"');
  if (!before.includes('Boot complete.')) problems.push('no "Boot complete." line before "Executing"');
  const run = extractRun(transcript, command, halt);
  if ('error' in run) {
    problems.push(run.error);
    return problems;
  }
  let k = start + 1 + run.lines.length + (halt ? 0 : 1);
  for (const step of TRAILER) {
    if (step === 'hd') {
      const first = k;
      while (k < lines.length && DISK_LINE.test(lines[k])) k++;
      if (k === first) problems.push(`trailer: expected "hdX:Y: N reads, N writes" at line ${first + 1}, got "${lines[first] ?? '(end)'}"`);
      else if (!lines.slice(first, k).some((l) => l.startsWith('hd0:1: '))) problems.push('trailer: no line for the file-system disk hd0:1');
    } else if (k < lines.length && step.test(lines[k])) {
      k++;
    } else {
      problems.push(`trailer: expected ${step.source} at line ${k + 1}, got "${lines[k] ?? '(end)'}"`);
      return problems;
    }
  }
  return problems;
}

/** Lines reporting leaked kernel objects or broken invariants (`LEAK:` / `INVARIANT:`). */
export function leakLines(text: string): string[] {
  return toLines(text).filter((l) => l.startsWith('LEAK:') || l.startsWith('INVARIANT:'));
}

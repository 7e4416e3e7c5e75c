// The JSON interface of `pintos-vm check`: what `check --list --json` prints about a build tree's
// tests, and the JSON lines `check --json` streams while it runs them. Parsing checks every
// field the extension relies on, so a runner of another version fails with a clear message
// instead of items with `undefined` in them.
import type { CheckPutFile, TestInfo } from '../../shared/check-tests';

export type { TestInfo };
/** A host file put on the Pintos disk under a guest name. */
export type PutFile = CheckPutFile;

/** The one line `check --list --json` prints. */
export interface TestList {
  kind: 'list';
  buildDir: string;
  srcDir: string;
  tests: TestInfo[];
  /** what the runner could not make sense of in the makefiles */
  warnings: string[];
}

export type Verdict = 'pass' | 'fail' | 'error' | 'skipped';

/** A JSON line of `check --json`. */
export type CheckEvent =
  | { kind: 'start'; id: string }
  | { kind: 'result'; id: string; verdict: Verdict; message: string; durationMs: number; output: string; result: string }
  | { kind: 'summary'; passed: number; failed: number; errors: number; skipped: number; total: number };

/** A value that failed the shape check; the message names the field. */
export class ProtocolError extends Error {}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProtocolError(`${what} is not a JSON object`);
  return value as Json;
}

function field<T>(o: Json, key: string, what: string, ok: (v: unknown) => boolean, expected: string): T {
  if (!ok(o[key])) throw new ProtocolError(`${what}: "${key}" should be ${expected}, got ${JSON.stringify(o[key]) ?? 'nothing'}`);
  return o[key] as T;
}

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const orNull = (ok: (v: unknown) => boolean) => (v: unknown) => v === null || v === undefined || ok(v);
const isStringArray = (v: unknown) => Array.isArray(v) && v.every(isString);
const VERDICTS: readonly string[] = ['pass', 'fail', 'error', 'skipped'];

/** Checks one TestInfo; throws ProtocolError naming the test and the bad field. */
function testInfo(value: unknown, index: number): TestInfo {
  const o = object(value, `test #${index}`);
  const what = typeof o.id === 'string' ? `test ${o.id}` : `test #${index}`;
  const str = (k: string) => field<string>(o, k, what, isString, 'a string');
  const puts = field<unknown[]>(o, 'puts', what, Array.isArray, 'an array').map((p, i) => {
    const put = object(p, `${what}: puts[${i}]`);
    return { host: field<string>(put, 'host', `${what}: puts[${i}]`, isString, 'a string'), guest: field<string>(put, 'guest', `${what}: puts[${i}]`, isString, 'a string') };
  });
  return {
    id: str('id'),
    group: str('group'),
    name: str('name'),
    program: field<string | null>(o, 'program', what, orNull(isString), 'a string or null') ?? null,
    source: field<string | null>(o, 'source', what, orNull(isString), 'a string or null') ?? null,
    commandLine: str('commandLine'),
    args: field<string[]>(o, 'args', what, isStringArray, 'an array of strings'),
    puts,
    memoryMB: field<number>(o, 'memoryMB', what, isNumber, 'a number'),
    swapDisk: field<number | null>(o, 'swapDisk', what, orNull(isNumber), 'a number or null') ?? null,
    fsDiskMB: field<number | null>(o, 'fsDiskMB', what, orNull(isNumber), 'a number or null') ?? null,
    timeoutSeconds: field<number | null>(o, 'timeoutSeconds', what, orNull(isNumber), 'a number or null') ?? null,
    pintosArgs: field<string[]>(o, 'pintosArgs', what, orNull(isStringArray), 'an array of strings') ?? [],
    checker: str('checker'),
    output: str('output'),
    errors: str('errors'),
    result: str('result'),
    ownOutput: field<string | null>(o, 'ownOutput', what, orNull(isString), 'a string or null') ?? null,
    referenceOutput: str('referenceOutput'),
    runnable: field<boolean>(o, 'runnable', what, (v) => typeof v === 'boolean', 'true or false'),
    reason: field<string | null>(o, 'reason', what, orNull(isString), 'a string or null') ?? null,
    missingFiles: field<string[] | null>(o, 'missingFiles', what, orNull(isStringArray), 'an array of strings') ?? [],
  };
}

/** Parses JSON text; throws ProtocolError quoting the start of the text when it is not JSON. */
function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new ProtocolError(`the runner printed something that is not JSON: ${JSON.stringify(shown)}`);
  }
}

/**
 * Parses the output of `check --list --json` (one JSON line; blank lines around it are ignored).
 * Throws ProtocolError when it is not a list report of the expected shape.
 */
export function parseTestList(stdout: string): TestList {
  const line = stdout.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) throw new ProtocolError('the runner printed no test list');
  const o = object(json(line), 'the test list');
  if (o.kind !== 'list') throw new ProtocolError(`the test list should have "kind":"list", got ${JSON.stringify(o.kind)}`);
  const tests = field<unknown[]>(o, 'tests', 'the test list', Array.isArray, 'an array');
  return {
    kind: 'list',
    buildDir: field<string>(o, 'buildDir', 'the test list', isString, 'a string'),
    srcDir: field<string>(o, 'srcDir', 'the test list', isString, 'a string'),
    tests: tests.map(testInfo),
    warnings: field<string[] | null>(o, 'warnings', 'the test list', orNull(isStringArray), 'an array of strings') ?? [],
  };
}

/**
 * Parses one line of `check --json`. Returns undefined for a blank line; throws ProtocolError for
 * a line that is not one of the three kinds of event.
 */
export function parseCheckEvent(line: string): CheckEvent | undefined {
  if (line.trim() === '') return undefined;
  const o = object(json(line), 'a runner event');
  const what = `the "${String(o.kind)}" event`;
  switch (o.kind) {
    case 'start':
      return { kind: 'start', id: field<string>(o, 'id', what, isString, 'a string') };
    case 'result':
      return {
        kind: 'result',
        id: field<string>(o, 'id', what, isString, 'a string'),
        verdict: field<Verdict>(o, 'verdict', what, (v) => typeof v === 'string' && VERDICTS.includes(v), `one of ${VERDICTS.join(', ')}`),
        message: field<string | null>(o, 'message', what, orNull(isString), 'a string') ?? '',
        durationMs: field<number | null>(o, 'durationMs', what, orNull(isNumber), 'a number') ?? 0,
        output: field<string | null>(o, 'output', what, orNull(isString), 'a string') ?? '',
        result: field<string | null>(o, 'result', what, orNull(isString), 'a string') ?? '',
      };
    case 'summary': {
      const n = (k: string) => field<number>(o, k, what, isNumber, 'a number');
      return { kind: 'summary', passed: n('passed'), failed: n('failed'), errors: n('errors'), skipped: n('skipped'), total: n('total') };
    }
    default:
      throw new ProtocolError(`unknown runner event kind ${JSON.stringify(o.kind)}`);
  }
}

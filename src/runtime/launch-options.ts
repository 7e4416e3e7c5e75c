// Validation of the `launch` attributes: every bad value becomes a UserFacingError naming the
// attribute and what is expected; good values are resolved (absolute paths, defaults applied).
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CMDLINE_MAX } from '../kernel/userprog/loader';
import { EVICTION_POLICY_NAMES, LAUNCH_DEFAULTS, type EvictionPolicy, type PintosLaunchArguments } from '../shared/launch';
import { UserFacingError } from './contract';
import { writablePathInside } from './workspace-path';

/** Longest file name the Pintos base file system accepts. */
export const GUEST_NAME_MAX = 14;
/** Highest guest speed (instructions per second) a launch or `pintos/setGuestSpeed` may ask for. */
export const MAX_GUEST_SPEED = 1_000_000_000;

/** A host file to put on the Pintos disk under `guest`. */
export interface DiskFile {
  host: string;
  guest: string;
}

/** Launch attributes after validation. Paths are absolute. */
export interface LaunchOptions {
  /** absolute host path of the program */
  program: string;
  /** the program's name on the Pintos disk */
  programGuest: string;
  args: string[];
  /** files listed by the user (the program and its siblings are added later) */
  files: DiskFile[];
  memoryMB: number;
  swapDisk: number;
  evictionPolicy: EvictionPolicy;
  seed: number;
  stdin: Uint8Array;
  stopOnEntry: boolean;
  stopAtEnd: boolean;
  historyMB: number;
  guestSpeed: number;
  /** compile-time prefix → local prefix, longest prefix first */
  sourceMap: [string, string][];
  checkInvariants: boolean;
  trace: string | undefined;
  cwd: string;
}

/** Shows a bad value in an error message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws a UserFacingError naming `attribute`. */
export function fail(attribute: string, message: string): never {
  throw new UserFacingError(`${attribute}: ${message}`, attribute);
}

/** Throws a UserFacingError saying what `attribute` must be and what it was. */
export function expect(attribute: string, expected: string, got: unknown): never {
  throw new UserFacingError(`${attribute} must be ${expected}, got ${shown(got)}`, attribute);
}

/** `value` as an integer in [low, high], `fallback` when absent; fails naming `attribute`. */
export function integerIn(attribute: string, value: unknown, fallback: number, low: number, high: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    expect(attribute, `an integer between ${low} and ${high}`, value);
  }
  return value;
}

/** `value` as a boolean, `fallback` when absent; fails naming `attribute`. */
export function boolean(attribute: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') expect(attribute, 'true or false', value);
  return value;
}

/** Resolves `p` against `cwd`. */
function absolute(cwd: string, p: string): string {
  return path.resolve(cwd, p);
}

/** Checks a host file exists and is a regular file; fails naming `attribute`. */
export function requireHostFile(attribute: string, file: string): void {
  if (!existsSync(file)) fail(attribute, `${file}: no such file`);
  if (statSync(file).isDirectory()) fail(attribute, `${file} is a directory, expected a file`);
}

/** Checks `name` can be a file name on the Pintos disk. */
function checkGuestName(attribute: string, name: string): void {
  if (name.length === 0 || name.length > GUEST_NAME_MAX || name.includes('/') || /\s/.test(name)) {
    expect(attribute, `a Pintos file name (1 to ${GUEST_NAME_MAX} characters, no '/' or spaces)`, name);
  }
}

/** The working directory: `value` made absolute (it must exist), else the process's. */
export function resolveCwd(value: unknown): string {
  if (value === undefined) return process.cwd();
  if (typeof value !== 'string' || value.length === 0) expect('cwd', 'a directory path', value);
  const dir = path.resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail('cwd', `${dir}: no such directory`);
  return dir;
}

function resolveArgs(value: unknown): string[] {
  if (value === undefined) return [...LAUNCH_DEFAULTS.args];
  if (!Array.isArray(value)) expect('args', 'an array of strings', value);
  return value.map((a, i) => {
    if (typeof a !== 'string') expect(`args[${i}]`, 'a string', a);
    if (a.length === 0 || /\s/.test(a)) expect(`args[${i}]`, 'a non-empty word without spaces (Pintos splits the command line on spaces)', a);
    return a;
  });
}

/** The `files` attribute as host/guest pairs, each host file checked. */
export function resolveFiles(value: unknown, cwd: string): DiskFile[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) expect('files', 'an array of paths or { host, guest } objects', value);
  return value.map((entry, i) => {
    const attribute = `files[${i}]`;
    let host: unknown = entry;
    let guest: unknown;
    if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
      host = (entry as { host?: unknown }).host;
      guest = (entry as { guest?: unknown }).guest;
    }
    if (typeof host !== 'string' || host.length === 0) expect(attribute, 'a path or a { host, guest } object', entry);
    const file = absolute(cwd, host);
    requireHostFile(attribute, file);
    const name = guest === undefined ? path.basename(file) : guest;
    if (typeof name !== 'string') expect(`${attribute}.guest`, 'a string', guest);
    checkGuestName(guest === undefined ? attribute : `${attribute}.guest`, name);
    return { host: file, guest: name };
  });
}

function resolveStdin(value: unknown, cwd: string): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  if (typeof value === 'string') return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
  const file = typeof value === 'object' && value !== null ? (value as { file?: unknown }).file : undefined;
  if (typeof file !== 'string' || file.length === 0) expect('stdin', "a string or { file: 'path' }", value);
  const host = absolute(cwd, file);
  requireHostFile('stdin', host);
  return new Uint8Array(readFileSync(host));
}

/** The pairs of `sourceMap` and `sourceFileMap` (attribute names given for messages), longest prefix first. */
export function resolveSourceMap(maps: [string, unknown][]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of maps) {
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) expect(name, 'an object mapping compile-time paths to local paths', value);
    for (const [from, to] of Object.entries(value as Record<string, unknown>)) {
      if (typeof to !== 'string') expect(`${name}['${from}']`, 'a path', to);
      pairs.push([from, to]);
    }
  }
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

/** The trace file: a path inside `cwd` (symbolic links resolved), else fails naming `trace`. */
function resolveTrace(value: unknown, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) expect('trace', 'a file path', value);
  const place = writablePathInside(cwd, value);
  if ('problem' in place) fail('trace', place.problem);
  return place.path;
}

/** Validates and resolves launch arguments. Throws UserFacingError naming the first bad attribute. */
export function resolveLaunchOptions(args: PintosLaunchArguments): LaunchOptions {
  if (typeof args !== 'object' || args === null) throw new UserFacingError('launch arguments must be an object', 'program');
  const cwd = resolveCwd(args.cwd);
  if (typeof args.program !== 'string' || args.program.length === 0) expect('program', 'the path of a Pintos user program (ELF file)', args.program);
  const program = absolute(cwd, args.program);
  requireHostFile('program', program);
  const programGuest = path.basename(program);
  if (programGuest.length > GUEST_NAME_MAX) fail('program', `the name '${programGuest}' is longer than ${GUEST_NAME_MAX} characters, the Pintos file-name limit`);
  if (/\s/.test(programGuest)) fail('program', `the name '${programGuest}' contains a space; Pintos splits the command line on spaces`);
  const programArgs = resolveArgs(args.args);
  const cmdline = [programGuest, ...programArgs].join(' ');
  if (cmdline.length > CMDLINE_MAX) fail('args', `the command line '${cmdline}' is longer than ${CMDLINE_MAX} bytes`);
  const policy = args.evictionPolicy ?? LAUNCH_DEFAULTS.evictionPolicy;
  if (!EVICTION_POLICY_NAMES.includes(policy)) expect('evictionPolicy', `one of ${EVICTION_POLICY_NAMES.join(', ')}`, args.evictionPolicy);
  return {
    program,
    programGuest,
    args: programArgs,
    files: resolveFiles(args.files, cwd),
    memoryMB: integerIn('memoryMB', args.memoryMB, LAUNCH_DEFAULTS.memoryMB, 2, 1024),
    swapDisk: integerIn('swapDisk', args.swapDisk, LAUNCH_DEFAULTS.swapDisk, 0, 64),
    evictionPolicy: policy,
    seed: integerIn('seed', args.seed, LAUNCH_DEFAULTS.seed, 0, 2 ** 32 - 1),
    stdin: resolveStdin(args.stdin, cwd),
    stopOnEntry: boolean('stopOnEntry', args.stopOnEntry, LAUNCH_DEFAULTS.stopOnEntry),
    stopAtEnd: boolean('stopAtEnd', args.stopAtEnd, LAUNCH_DEFAULTS.stopAtEnd),
    historyMB: integerIn('historyMB', args.historyMB, LAUNCH_DEFAULTS.historyMB, 16, 16384),
    guestSpeed: integerIn('guestSpeed', args.guestSpeed, LAUNCH_DEFAULTS.guestSpeed, 0, MAX_GUEST_SPEED),
    sourceMap: resolveSourceMap([
      ['sourceMap', args.sourceMap],
      ['sourceFileMap', args.sourceFileMap],
    ]),
    checkInvariants: boolean('checkInvariants', args.checkInvariants, LAUNCH_DEFAULTS.checkInvariants),
    trace: resolveTrace(args.trace, cwd),
    cwd,
  };
}

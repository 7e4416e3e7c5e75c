// Drives dist/adapter.js over a real DAP stream for the adapter tests: builds the adapter and the
// test programs, finds breakpoint lines by their `#BP:name` markers, records every event so a
// test can wait for "the next stop" without racing the adapter, and wraps common sequences.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ADAPTER = path.join(ROOT, 'dist', 'adapter.js');
const USERPROGS = path.join(ROOT, 'userprogs');
const TEST_PROGRAMS = path.join(__dirname, 'programs');
const TEST_BUILD = path.join(USERPROGS, 'build', 'adapter-tests');

/** Timeout for a single wait on the emulator (a cold start of a sample takes well under this). */
export const WAIT_MS = 20_000;

let built = false;

/** Builds dist/adapter.js and the sample programs once per test run. */
export function buildAdapter(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  execFileSync('make', ['-s', '-C', USERPROGS, 'all'], { stdio: 'pipe' });
  built = true;
}

/** Path of sample program `name` (userprogs/build/NAME). */
export function sample(name: string): string {
  return path.join(USERPROGS, 'build', name);
}

/** Source file of sample `name` (userprogs/src/NAME.c). */
export function sampleSource(name: string): string {
  return path.join(USERPROGS, 'src', `${name}.c`);
}

/** Source file of test program `name` (test/adapter/programs/NAME.c). */
export function testSource(name: string): string {
  return path.join(TEST_PROGRAMS, `${name}.c`);
}

/** Prints one variable of the userprogs Makefile (with its own defaults). */
function makeVariable(name: string): string {
  const rule = `adapter-test-print: ; @echo $(${name})`;
  return execFileSync('make', ['-s', '-C', USERPROGS, `--eval=${rule}`, 'adapter-test-print'], { encoding: 'utf8' }).trim();
}

/**
 * Builds test program `name` (test/adapter/programs/NAME.c) with exactly the compile and link
 * flags the userprogs Makefile uses for the samples, linked with the same user library.
 * Returns the path of the ELF.
 */
export function buildTestProgram(name: string): string {
  buildAdapter();
  mkdirSync(TEST_BUILD, { recursive: true });
  const out = path.join(TEST_BUILD, name);
  const words = (s: string) => s.split(/\s+/).filter((w) => w.length > 0);
  const compile = [...words(makeVariable('CODEFLAGS')), ...words(makeVariable('CPPFLAGS')), ...words(makeVariable('WARNFLAGS'))];
  const link = [...words(makeVariable('LDFLAGS')), ...words(makeVariable('LIBOBJS'))];
  execFileSync('gcc', [...compile, '-o', out, testSource(name), ...link], { cwd: USERPROGS, stdio: 'pipe' });
  return out;
}

/** The 1-based line of the `/* #BP:marker *\/` comment in `file`; throws when it is not there. */
export function markerLine(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`#BP:${marker} `) || l.endsWith(`#BP:${marker}`));
  if (index < 0) throw new Error(`no #BP:${marker} in ${file}`);
  return index + 1;
}

/** The 1-based line of the first line of `file` containing `text` (for lines without a marker). */
export function lineWith(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`no line with '${text}' in ${file}`);
  return index + 1;
}

/** Event types the harness records. */
const RECORDED = ['initialized', 'stopped', 'continued', 'output', 'thread', 'exited', 'terminated', 'breakpoint', 'invalidated', 'memory', 'pintos/vmChanged'];

/** A DebugClient connected to a fresh adapter process, with recorded events. */
export class AdapterSession {
  readonly dc: DebugClient;
  private readonly events: DebugProtocol.Event[] = [];
  private readonly cursor = new Map<string, number>();
  private waiters: (() => void)[] = [];
  capabilities: DebugProtocol.Capabilities = {};

  /** `env`: extra environment variables of the adapter process (e.g. PINTOS_VM_LOG). */
  constructor(env: Record<string, string> = {}) {
    if (!existsSync(ADAPTER)) throw new Error(`${ADAPTER} is missing`);
    this.dc = new DebugClient(process.execPath, ADAPTER, 'pintos', { env: { ...process.env, ...env } });
    this.dc.defaultTimeout = WAIT_MS;
    for (const type of RECORDED) {
      this.dc.on(type, (event: DebugProtocol.Event) => {
        this.events.push(event);
        for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  /** Starts the adapter and sends `initialize` (announcing invalidated and memory events). */
  async start(): Promise<void> {
    await this.dc.start();
    const response = await this.dc.initializeRequest({
      adapterID: 'pintos',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
      supportsInvalidatedEvent: true,
      supportsMemoryEvent: true,
      supportsVariableType: true,
    });
    this.capabilities = response.body ?? {};
  }

  /** The spawned adapter process (DebugClient keeps it private). */
  get adapterProcess(): ChildProcess {
    return (this.dc as unknown as { _adapterProcess: ChildProcess })._adapterProcess;
  }

  /** Disconnects (waiting at most 3 s for the answer) and makes sure the adapter process is gone. */
  async stop(): Promise<void> {
    const proc = this.adapterProcess;
    if (proc.exitCode === null && proc.signalCode === null) {
      await Promise.race([this.dc.disconnectRequest({}).catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    }
    proc.kill();
  }

  /** Every event of `type` recorded so far. */
  all(type: string): DebugProtocol.Event[] {
    return this.events.filter((e) => e.event === type);
  }

  /**
   * The next event of `type` not yet returned by next() (and matching `accept`), waiting for it
   * up to `timeout` ms. Events are recorded as they arrive, so none is missed between requests.
   */
  async next<E extends DebugProtocol.Event>(type: string, accept: (e: E) => boolean = () => true, timeout = WAIT_MS): Promise<E> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const from = this.cursor.get(type) ?? 0;
      for (let i = from; i < this.events.length; i++) {
        const e = this.events[i];
        if (e.event !== type) continue;
        this.cursor.set(type, i + 1);
        if (accept(e as E)) return e as E;
      }
      this.cursor.set(type, this.events.length);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${type}' event within ${timeout} ms; last events: ${this.describeRecent()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next `stopped` event. */
  nextStop(timeout = WAIT_MS): Promise<DebugProtocol.StoppedEvent> {
    return this.next<DebugProtocol.StoppedEvent>('stopped', () => true, timeout);
  }

  private describeRecent(): string {
    return this.events
      .slice(-6)
      .map((e) => `${e.event} ${JSON.stringify(e.body ?? {}).slice(0, 160)}`)
      .join(' | ');
  }

  /**
   * Launches with `args`, then, between `initialized` and `configurationDone`, runs `configure`
   * (set breakpoints there). Resolves once configurationDone has been answered. Runs end without
   * the stop at the end unless `args` asks for it (`stopAtEnd: true`; tested on its own).
   */
  async launch(args: Record<string, unknown>, configure: () => Promise<unknown> = async () => undefined): Promise<void> {
    const launched = this.dc.launchRequest({ stopAtEnd: false, ...args } as DebugProtocol.LaunchRequestArguments);
    await this.next('initialized');
    await launched;
    await configure();
    await this.dc.configurationDoneRequest();
  }

  /** Sets line breakpoints at the `#BP` markers of `file` (optionally with conditions etc.). */
  async breakAt(file: string, points: (string | ({ marker: string } & Omit<DebugProtocol.SourceBreakpoint, 'line'>))[]): Promise<DebugProtocol.Breakpoint[]> {
    const breakpoints = points.map((p) => {
      const { marker, ...rest } = typeof p === 'string' ? { marker: p } : p;
      return { line: markerLine(file, marker), ...rest };
    });
    const r = await this.dc.setBreakpointsRequest({ source: { path: file }, breakpoints });
    return r.body.breakpoints;
  }

  /** The top `levels` frames (all when 0) of thread `threadId`. */
  async frames(threadId: number, levels = 0): Promise<DebugProtocol.StackFrame[]> {
    return (await this.dc.stackTraceRequest({ threadId, startFrame: 0, levels })).body.stackFrames;
  }

  /** Variables of a scope named `scopeName` (e.g. 'Locals') of frame `frameId`, by name. */
  async scopeVariables(frameId: number, scopeName: string): Promise<Map<string, DebugProtocol.Variable>> {
    const scopes = (await this.dc.scopesRequest({ frameId })).body.scopes;
    const scope = scopes.find((s) => s.name === scopeName);
    if (!scope) throw new Error(`no scope '${scopeName}' (have ${scopes.map((s) => s.name).join(', ')})`);
    return this.children(scope.variablesReference);
  }

  /** Children of variables reference `ref`, by name. */
  async children(ref: number): Promise<Map<string, DebugProtocol.Variable>> {
    const vars = (await this.dc.variablesRequest({ variablesReference: ref })).body.variables;
    return new Map(vars.map((v) => [v.name, v]));
  }

  /**
   * Sends `command` and returns its sequence number and its raw response, success or not
   * (DebugClient's own methods reject failures with the message only).
   */
  request(command: string, args?: unknown): { seq: number; response: Promise<DebugProtocol.Response> } {
    const client = this.dc as unknown as RawClient;
    const seq = client.sequence;
    const response = new Promise<DebugProtocol.Response>((resolve) => client.doSend(command, args, resolve));
    return { seq, response };
  }

  /** Sends `command`; its raw response. */
  raw(command: string, args?: unknown): Promise<DebugProtocol.Response> {
    return this.request(command, args).response;
  }
}

/** The parts of ProtocolClient the typings keep private: the next sequence number and the raw send. */
interface RawClient {
  sequence: number;
  doSend(command: string, args: unknown, callback: (response: DebugProtocol.Response) => void): void;
}

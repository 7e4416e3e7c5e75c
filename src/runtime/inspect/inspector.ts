// The inspection side of the debugger: scopes and variables, expressions (evaluate, set, complete),
// raw memory, disassembly, and the conditions and log messages of breakpoints. Everything is read
// without side effects on the machine (no page is ever faulted in) unless the user assigns.
import { stripTypedefs } from '../../debuginfo';
import { UserFacingError, type FrameContext } from '../contract';
import type { CompiledCondition, DataLocation, EventFields, InspectorHost, InspectorServices } from '../inspector-host';
import { completionsFor } from './completions';
import { compileCondition, evaluateCondition, formatLogMessage } from './conditions';
import { disassembleAround } from './disassembly';
import { evaluateExpr } from './expr/evaluator';
import { convertForAssignment } from './expr/operators';
import { frameEnv, processEnv, type ScopeEnv } from './frame-env';
import { addressOfValue, locationOfValue, parseIn } from './locate';
import { readProcessMemory, writeProcessMemory } from './memory-requests';
import { flagRows, registerRows } from './register-rows';
import { isReplCommand, REPL_HELP, runReplCommand } from './repl-commands';
import { childRows, type Row } from './value-children';
import { isLvalue, loadBytes, storeBytes } from './value';
import { rowView, VariableStore, type Container, type EnvKey } from './variable-store';
import type { CompletionView, EvaluateContext, EvaluateResult, InstructionView, MemoryContents, ScopeView, SetVariableResult, VariablesOptions, VariableView } from './views';

/** Most rows one variables answer holds. */
export const MAX_VARIABLE_ROWS = 10_000;

/**
 * Answers the inspection requests of one debugged machine. Construct with the runtime's host; call
 * `invalidate` whenever the machine runs (references handed out before become stale).
 */
export class Inspector implements InspectorServices {
  private readonly store = new VariableStore();
  private readonly envs = new Map<string, ScopeEnv>();

  constructor(private readonly host: InspectorHost) {}

  // ---- environments

  /** The environment of `key`; throws UserFacingError when the frame or process is gone. */
  private env(key: EnvKey, allowWrites = false): ScopeEnv {
    const id = 'frameId' in key ? `f${key.frameId}` : `p${key.pid}`;
    let env = this.envs.get(id);
    if (!env) {
      if ('frameId' in key) {
        const frame = this.host.frameContext(key.frameId);
        if (!frame) throw new UserFacingError('that frame is no longer valid (the program has run since)');
        env = frameEnv(frame, false);
      } else {
        const memory = this.host.processMemory(key.pid);
        if (!memory) throw new UserFacingError(`no process ${key.pid}`);
        env = processEnv(this.host.debugInfoFor(key.pid), memory, false);
      }
      this.envs.set(id, env);
    }
    return allowWrites ? { ...env, allowWrites: true } : env;
  }

  /** The key of a frame, or of the selected process when no frame is given. */
  private keyFor(frameId: number | undefined): EnvKey {
    if (frameId !== undefined) return { frameId };
    const pid = this.host.selectedPid();
    if (pid === undefined) throw new UserFacingError('no process is running');
    return { pid };
  }

  private pidOf(key: EnvKey): number {
    if ('pid' in key) return key.pid;
    const frame = this.host.frameContext(key.frameId);
    if (!frame) throw new UserFacingError('that frame is no longer valid (the program has run since)');
    return frame.pid;
  }

  /** Forgets references and cached environments: call on every resume. */
  invalidate(): void {
    this.store.clear();
    this.envs.clear();
  }

  // ---- scopes and variables

  /** Locals, Registers and Globals of frame `frameId`. Throws UserFacingError for a stale frame. */
  scopes(frameId: number): ScopeView[] {
    const key: EnvKey = { frameId };
    const env = this.env(key);
    return [
      { name: 'Locals', presentationHint: 'locals', variablesReference: this.store.add({ kind: 'locals', key }), namedVariables: env.locals.length, expensive: false },
      { name: 'Registers', presentationHint: 'registers', variablesReference: this.store.add({ kind: 'registers', key }), expensive: false },
      { name: 'Globals', presentationHint: 'globals', variablesReference: this.store.add({ kind: 'globals', key }), namedVariables: env.globals.length, expensive: false },
    ];
  }

  private rows(container: Container, env: ScopeEnv, start = 0, count = Infinity): Row[] {
    switch (container.kind) {
      case 'locals': return env.locals.slice(start, start + count).map((v) => ({ name: v.name, value: env.valueOf(v), evaluateName: v.name }));
      case 'globals': return env.globals.slice(start, start + count).map((v) => ({ name: v.name, value: env.valueOf(v), evaluateName: v.name }));
      case 'registers': return env.registers ? registerRows(env.registers).slice(start, start + count) : [];
      case 'children':
        if (container.row.display === 'rflags') return flagRows().slice(start, start + count);
        return childRows(container.row, env, env.types, start, count);
    }
  }

  /**
   * The variables of reference `ref` (a scope or an expandable value), paged by `start`/`count`;
   * at most MAX_VARIABLE_ROWS rows (also when `count` is missing or larger).
   * A stale or unknown reference gives []. Never throws for unreadable memory.
   */
  variables(ref: number, options: VariablesOptions = {}): VariableView[] {
    const container = this.store.get(ref);
    if (!container) return [];
    let env: ScopeEnv;
    try {
      env = this.env(container.key);
    } catch {
      return [];
    }
    const indexed = container.kind === 'children' && container.row.display !== 'rflags' && childIsIndexed(container.row);
    if ((options.filter === 'indexed' && !indexed) || (options.filter === 'named' && indexed)) return [];
    const count = options.count === undefined || options.count <= 0 ? MAX_VARIABLE_ROWS : Math.min(options.count, MAX_VARIABLE_ROWS);
    const rows = this.rows(container, env, Math.max(0, options.start ?? 0), count);
    return rows.map((row) => rowView(row, env, container.key, this.store, { hex: options.hex }));
  }

  /** Sets child `name` of reference `ref` to the value of expression `value`; returns its new display. */
  setVariable(ref: number, name: string, value: string, options: { hex?: boolean } = {}): SetVariableResult {
    const container = this.store.get(ref);
    if (!container) throw new UserFacingError('that variable is no longer valid (the program has run since)');
    const env = this.env(container.key, true);
    const row = this.rows(container, env).find((r) => r.name === name);
    if (!row) throw new UserFacingError(`no variable named '${name}' here`);
    if (!isLvalue(row.value)) throw new UserFacingError(`cannot change '${name}': not an lvalue`);
    const newValue = evaluateExpr(parseIn(value, env), env);
    storeBytes(row.value, loadBytes(convertForAssignment(newValue, row.value.type, env), env), env);
    const fresh = this.env(container.key);
    const updated = { ...row, value: { ...row.value, bytes: undefined } };
    const view = rowView(updated, fresh, container.key, this.store, options);
    return { value: view.value, type: view.type, variablesReference: view.variablesReference, indexedVariables: view.indexedVariables, namedVariables: view.namedVariables, memoryReference: view.memoryReference };
  }

  // ---- expressions

  /**
   * Evaluates `expression` in frame `frameId` (or the selected process). In the 'repl' context it
   * also runs the VM commands (`help` lists them) and allows assignments. Throws UserFacingError.
   */
  evaluate(expression: string, frameId: number | undefined, context: EvaluateContext, options: { hex?: boolean } = {}): EvaluateResult {
    if (context === 'repl' && /^\s*help\s*$/.test(expression)) return { result: REPL_HELP, variablesReference: 0 };
    const key = this.keyFor(frameId);
    if (context === 'repl' && isReplCommand(expression)) {
      const env = this.env(key);
      if (!namesVariable(expression, env)) return { result: runReplCommand(expression, { host: this.host, pid: this.pidOf(key), env }), variablesReference: 0 };
    }
    const env = this.env(key, context === 'repl');
    const value = evaluateExpr(parseIn(expression, env), env);
    return this.resultView({ name: expression, value, evaluateName: expression }, this.env(key), key, options.hex);
  }

  private resultView(row: Row, env: ScopeEnv, key: EnvKey, hex: boolean | undefined): EvaluateResult {
    const view = rowView(row, env, key, this.store, { hex });
    const result: EvaluateResult = { result: view.value, type: view.type, variablesReference: view.variablesReference };
    if (view.indexedVariables !== undefined) result.indexedVariables = view.indexedVariables;
    if (view.namedVariables !== undefined) result.namedVariables = view.namedVariables;
    if (view.memoryReference !== undefined) result.memoryReference = view.memoryReference;
    if (view.presentationHint !== undefined) result.presentationHint = view.presentationHint;
    return result;
  }

  /** Assigns the value of `value` to the lvalue `expression`; returns the new display. */
  setExpression(expression: string, value: string, frameId: number | undefined, options: { hex?: boolean } = {}): EvaluateResult {
    const key = this.keyFor(frameId);
    const env = this.env(key, true);
    const target = evaluateExpr(parseIn(expression, env), env);
    if (!isLvalue(target)) throw new UserFacingError(`cannot change '${expression}': not an lvalue`);
    const newValue = evaluateExpr(parseIn(value, env), env);
    storeBytes(target, loadBytes(convertForAssignment(newValue, target.type, env), env), env);
    const fresh = this.env(key);
    return this.resultView({ name: expression, value: evaluateExpr(parseIn(expression, fresh), fresh), evaluateName: expression }, fresh, key, options.hex);
  }

  /** Completions for `text` at 1-based `column` in frame `frameId` (or the selected process). */
  completions(text: string, column: number, frameId?: number): CompletionView[] {
    let env: ScopeEnv | undefined;
    try {
      env = this.env(this.keyFor(frameId));
    } catch {
      env = undefined;
    }
    return completionsFor(text, column, env);
  }

  // ---- memory and code

  /** Reads `count` bytes at `memoryReference` + `offset` of the selected process (readable prefix only). */
  readMemory(memoryReference: string, offset: number, count: number): MemoryContents {
    const pid = this.pidOf(this.keyFor(undefined));
    return readProcessMemory(this.processMemory(pid), this.evaluateAddress(memoryReference) + offset, count);
  }

  /** Writes `data` at `memoryReference` + `offset`; all or nothing unless `allowPartial`. */
  writeMemory(memoryReference: string, offset: number, data: Uint8Array, allowPartial = false): { bytesWritten: number } {
    const pid = this.pidOf(this.keyFor(undefined));
    return writeProcessMemory(this.processMemory(pid), this.evaluateAddress(memoryReference) + offset, data, allowPartial);
  }

  private processMemory(pid: number) {
    const memory = this.host.processMemory(pid);
    if (!memory) throw new UserFacingError(`no process ${pid}`);
    return memory;
  }

  /**
   * `count` instructions starting `instructionOffset` instructions from `memoryReference` + `offset`
   * (negative: before it) in the process of frame `frameId` or the selected one.
   */
  disassemble(memoryReference: string, offset: number, instructionOffset: number, count: number, resolveSymbols = true, frameId?: number): InstructionView[] {
    const pid = this.pidOf(this.keyFor(frameId));
    const address = this.evaluateAddress(memoryReference, frameId) + offset;
    const localPath = (p: string) => this.host.localSourcePath?.(p) ?? p;
    return disassembleAround(this.processMemory(pid), (a) => this.host.debugInfoForAddress(pid, a), address, instructionOffset, count, resolveSymbols, localPath);
  }

  // ---- services for the runtime

  /** See InspectorServices.compileCondition. */
  compileCondition(text: string): CompiledCondition {
    return compileCondition(text);
  }

  /** See InspectorServices.evaluateCondition. */
  evaluateCondition(compiled: CompiledCondition, env: FrameContext | EventFields): boolean {
    return evaluateCondition(compiled, env, this.host);
  }

  /** See InspectorServices.formatLogMessage. */
  formatLogMessage(template: string, frame: FrameContext): string {
    return formatLogMessage(template, frame);
  }

  /** See InspectorServices.locateData. */
  locateData(args: { name: string; variablesReference?: number; frameId?: number }): DataLocation {
    if (args.variablesReference !== undefined) {
      const container = this.store.get(args.variablesReference);
      if (!container) throw new UserFacingError('that variable is no longer valid (the program has run since)');
      const env = this.env(container.key);
      const row = this.rows(container, env).find((r) => r.name === args.name);
      if (!row) throw new UserFacingError(`no variable named '${args.name}' here`);
      return locationOfValue(row.value, row.evaluateName ?? args.name, this.pidOf(container.key));
    }
    const key = this.keyFor(args.frameId);
    const env = this.env(key);
    return locationOfValue(evaluateExpr(parseIn(args.name, env), env), args.name, this.pidOf(key));
  }

  /** See InspectorServices.evaluateAddress: `0x…` and decimal numbers directly, else a C expression. */
  evaluateAddress(expression: string, frameId?: number): number {
    const text = expression.trim();
    if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(text)) return Number(BigInt(text));
    const env = this.env(this.keyFor(frameId));
    return addressOfValue(evaluateExpr(parseIn(text, env), env), env);
  }
}

/** True when `line` is a C expression starting with a variable in scope (a variable named like a command wins). */
function namesVariable(line: string, env: ScopeEnv): boolean {
  const word = /^\s*([A-Za-z_]\w*)/.exec(line)?.[1];
  if (word === undefined || !(env.locals.some((v) => v.name === word) || env.globals.some((v) => v.name === word))) return false;
  try {
    parseIn(line, env);
    return true;
  } catch {
    return false;
  }
}

function childIsIndexed(row: Row): boolean {
  return stripTypedefs(row.value.type).kind === 'array';
}

// Reads makefiles the way make does for variables: assignments of every flavour, includes,
// conditionals, `define`, target- and pattern-specific variables (`tests/%.output: X = 1`),
// rules (target → prerequisites; recipes skipped). Nothing is built and no command is run.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expand, type Scope } from './make-expand';
import { indexOutsideReferences, logicalLines, topLevelIndex, words, type MakeLine } from './make-lines';
import { matchPattern } from './make-patterns';

export type AssignOp = '=' | ':=' | '::=' | '+=' | '?=' | '!=';

/** Part of a variable's value: kept as written (recursive flavour) or already expanded (simple). */
interface Piece {
  text: string;
  expandOnUse: boolean;
}

interface Definition {
  recursive: boolean;
  pieces: Piece[];
}

/** `TARGET: NAME OP TEXT` — TARGET may be a `%` pattern. */
interface TargetAssignment {
  target: string;
  name: string;
  op: AssignOp;
  piece: Piece;
}

/** The target a value is wanted for, with its automatic variables (`@`, `*`, `^`, `<`). */
export interface TargetContext {
  target: string;
  automatic: Readonly<Record<string, string>>;
}

/** State of one `ifeq`/`ifdef` ... `endif`. */
interface Conditional {
  active: boolean;
  taken: boolean;
}

const conditionalKeywords = new Set(['ifdef', 'ifndef', 'ifeq', 'ifneq', 'else', 'endif']);

/** The variables and rules of the makefiles read so far, as make would have them. */
export class MakeDatabase {
  /** Things make would do that we did not (a `$(shell)`, a missing include...), for the user. */
  readonly warnings: string[] = [];
  /** Absolute paths of the makefiles read, in order. */
  readonly filesRead: string[] = [];
  /** Explicit rules: target → prerequisites, as written (expanded). */
  readonly rules = new Map<string, string[]>();
  private readonly variables = new Map<string, Definition>();
  private readonly targetAssignments: TargetAssignment[] = [];
  private readonly expanding = new Set<string>();

  /** `cwd`: the directory make runs in; includes and relative file names resolve against it. */
  constructor(readonly cwd: string) {
    this.assign('CURDIR', ':=', cwd);
  }

  /**
   * Reads makefile `file` (relative to cwd or absolute). Returns false when it does not exist;
   * then, unless `optional`, a warning is recorded as make would complain.
   */
  readFile(file: string, optional = false): boolean {
    const abs = path.resolve(this.cwd, file);
    if (!existsSync(abs)) {
      if (!optional) this.warn(`included makefile ${file} not found`);
      return false;
    }
    this.filesRead.push(abs);
    this.readLines(logicalLines(readFileSync(abs, 'utf8'), file));
    return true;
  }

  /** Reads `text` as makefile lines (what `$(eval TEXT)` does). */
  evaluate(text: string, origin = '$(eval)'): void {
    this.readLines(logicalLines(text, origin));
  }

  /** Sets a variable as the makefile line `NAME OP VALUE` would. */
  assign(name: string, op: AssignOp, value: string): void {
    const old = this.variables.get(name);
    const scope = this.scope();
    switch (op) {
      case '=':
        this.variables.set(name, { recursive: true, pieces: [{ text: value, expandOnUse: true }] });
        break;
      case ':=':
      case '::=':
        this.variables.set(name, { recursive: false, pieces: [{ text: expand(value, scope), expandOnUse: false }] });
        break;
      case '?=':
        if (!old) this.assign(name, '=', value);
        break;
      case '+=':
        if (!old) this.assign(name, '=', value);
        else if (old.recursive) old.pieces.push({ text: value, expandOnUse: true });
        else old.pieces.push({ text: expand(value, scope), expandOnUse: false });
        break;
      case '!=':
        this.warn(`not run: ${name} != ${value}`);
        this.variables.set(name, { recursive: false, pieces: [] });
        break;
    }
  }

  /** The expanded value of `name`, for `context`'s target when given ('' when undefined). */
  value(name: string, context?: TargetContext): string {
    return this.scope(context).variable(name);
  }

  /** Expands `text` as make would in a recipe of `context`'s target (or globally). */
  expand(text: string, context?: TargetContext): string {
    return expand(text, this.scope(context));
  }

  /** True when `name` has a non-empty value as written (make's `ifdef`). */
  isDefined(name: string): boolean {
    return (this.variables.get(name)?.pieces ?? []).some((p) => p.text.trim() !== '');
  }

  /** The scope expansions run in: `locals` first, then automatic, target-specific, global. */
  scope(context?: TargetContext, locals: ReadonlyMap<string, string> = new Map()): Scope {
    const scope: Scope = {
      cwd: this.cwd,
      variable: (name) => locals.get(name) ?? automaticVariable(name, context) ?? this.expandDefinition(name, context, scope),
      definition: (name) => {
        const def = this.definitionFor(name, context);
        return def?.pieces.map((p) => p.text).join(' ');
      },
      withLocals: (more) => this.scope(context, new Map([...locals, ...more])),
      evaluate: (text) => this.evaluate(text),
      warn: (message) => this.warn(message),
    };
    return scope;
  }

  private warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** Expands the definition of `name` in `scope` (so foreach and call variables stay visible). */
  private expandDefinition(name: string, context: TargetContext | undefined, scope: Scope): string {
    const def = this.definitionFor(name, context);
    if (!def) return '';
    if (this.expanding.has(name)) {
      this.warn(`variable ${name} refers to itself`);
      return '';
    }
    this.expanding.add(name);
    try {
      return def.pieces
        .map((p) => (p.expandOnUse ? expand(p.text, scope) : p.text))
        .filter((v) => v !== '')
        .join(' ');
    } finally {
      this.expanding.delete(name);
    }
  }

  /** The definition of `name` with the target- and pattern-specific assignments for `context` applied. */
  private definitionFor(name: string, context: TargetContext | undefined): Definition | undefined {
    let def = this.variables.get(name);
    if (!context) return def;
    const matching = this.targetAssignments.filter((a) => a.name === name && matchPattern(a.target, context.target) !== undefined);
    const ordered = [...matching.filter((a) => a.target.includes('%')), ...matching.filter((a) => !a.target.includes('%'))];
    for (const a of ordered) {
      if (a.op === '+=' && def) def = { recursive: def.recursive, pieces: [...def.pieces, a.piece] };
      else if (a.op !== '?=' || !def) def = { recursive: a.piece.expandOnUse, pieces: [a.piece] };
    }
    return def;
  }

  /** Reads logical lines: directives, conditionals, assignments and rules; skips recipes. */
  private readLines(lines: MakeLine[]): void {
    const conditionals: Conditional[] = [];
    let inRule = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.tabbed && inRule) continue;
      const text = line.text.trim();
      if (text === '') continue;
      const keyword = directiveOf(text);
      const rest = text.slice(keyword.length).trim();
      if (conditionalKeywords.has(keyword)) {
        this.conditional(keyword, rest, conditionals, line.where);
        continue;
      }
      const active = conditionals.every((c) => c.active);
      if (keyword === 'define') {
        const end = lines.findIndex((l, j) => j > i && /^\s*endef\b/.test(l.text));
        const body = lines.slice(i + 1, end < 0 ? lines.length : end).map((l) => l.text);
        if (active) this.define(rest, body.join('\n'));
        i = end < 0 ? lines.length : end;
        continue;
      }
      if (!active) continue;
      inRule = this.statement(text, keyword, rest, line.where);
    }
    if (conditionals.length > 0) this.warn(`missing endif in ${lines[0]?.where.replace(/:\d+$/, '') ?? 'makefile'}`);
  }

  /** Handles one conditional directive, updating the stack of open conditionals. */
  private conditional(keyword: string, rest: string, stack: Conditional[], where: string): void {
    const enclosingActive = (depth: number) => stack.slice(0, depth).every((c) => c.active);
    if (keyword === 'endif') {
      if (!stack.pop()) this.warn(`${where}: endif without a matching if`);
      return;
    }
    if (keyword === 'else') {
      const top = stack.at(-1);
      if (!top) return this.warn(`${where}: else without a matching if`);
      if (top.taken || !enclosingActive(stack.length - 1)) {
        top.active = false;
        return;
      }
      const inner = /^(ifdef|ifndef|ifeq|ifneq)\b/.exec(rest);
      const holds = inner ? this.condition(inner[1], rest.slice(inner[1].length).trim()) : true;
      top.active = holds;
      top.taken = holds;
      return;
    }
    const evaluate = enclosingActive(stack.length);
    const holds = evaluate && this.condition(keyword, rest);
    stack.push({ active: holds, taken: holds || !evaluate });
  }

  /** Whether `ifdef X`, `ifndef X`, `ifeq (A,B)` / `ifeq "A" "B"` or `ifneq ...` holds. */
  private condition(keyword: string, rest: string): boolean {
    const scope = this.scope();
    if (keyword === 'ifdef' || keyword === 'ifndef') {
      return this.isDefined(expand(rest, scope).trim()) === (keyword === 'ifdef');
    }
    let a = '';
    let b = '';
    if (rest.startsWith('(') && rest.endsWith(')')) {
      const inside = rest.slice(1, -1);
      const comma = topLevelIndex(inside, ',');
      a = comma < 0 ? inside : inside.slice(0, comma);
      b = comma < 0 ? '' : inside.slice(comma + 1);
    } else {
      const quoted = /^(["'])(.*?)\1\s+(["'])(.*?)\3$/.exec(rest);
      if (!quoted) this.warn(`cannot read the condition '${keyword} ${rest}'`);
      else [a, b] = [quoted[2], quoted[4]];
    }
    const equal = expand(a, scope).trim() === expand(b, scope).trim();
    return equal === (keyword === 'ifeq');
  }

  /** `define NAME [OP]` ... `endef`. */
  private define(header: string, body: string): void {
    const m = /^(\S+)\s*(=|:=|::=|\+=|\?=)?$/.exec(header.replace(/^(override|export)\s+/, ''));
    if (!m) return this.warn(`cannot read 'define ${header}'`);
    this.assign(expand(m[1], this.scope()), (m[2] as AssignOp | undefined) ?? '=', body);
  }

  /** One statement: include, assignment, rule, or a line that expands to one. Returns true for a rule. */
  private statement(text: string, keyword: string, rest: string, where: string): boolean {
    if (keyword === 'include' || keyword === '-include' || keyword === 'sinclude') {
      for (const file of words(expand(rest, this.scope()))) this.readFile(file, keyword !== 'include');
      return false;
    }
    if (keyword === 'vpath' || keyword === 'unexport') return false;
    if (keyword === 'export' || keyword === 'override' || keyword === 'private') {
      if (rest === '' || indexOutsideReferences(rest, (c) => c === '=') < 0) return false;
      return this.statement(rest, directiveOf(rest), rest, where);
    }
    const split = assignmentOrRule(text);
    if (split.kind === 'assignment') {
      this.assign(expand(split.name, this.scope()).trim(), split.op, split.value);
      return false;
    }
    if (split.kind === 'rule') return this.rule(split.targets, split.rest);
    const expanded = expand(text, this.scope()).trim();
    if (expanded !== '' && expanded !== text) return this.statement(expanded, '', expanded, where);
    if (expanded !== '') this.warn(`${where}: cannot read '${text}'`);
    return false;
  }

  /** `TARGETS: PREREQUISITES` or `TARGETS: NAME OP VALUE`. Returns true when a recipe may follow. */
  private rule(targetText: string, rest: string): boolean {
    const scope = this.scope();
    const targets = words(expand(targetText, scope));
    const body = rest.startsWith(':') ? rest.slice(1) : rest;
    const split = assignmentOrRule(body);
    if (split.kind === 'assignment') {
      const name = expand(split.name.replace(/^(override|export|private)\s+/, ''), scope).trim();
      const simple = split.op === ':=' || split.op === '::=';
      const piece = { text: simple ? expand(split.value, scope) : split.value, expandOnUse: !simple };
      for (const target of targets) this.targetAssignments.push({ target, name, op: split.op, piece });
      return false;
    }
    const semicolon = indexOutsideReferences(body, (c) => c === ';');
    const prerequisites = split.kind === 'rule' ? [] : words(expand(semicolon < 0 ? body : body.slice(0, semicolon), scope));
    for (const target of targets) this.rules.set(target, [...(this.rules.get(target) ?? []), ...prerequisites]);
    return true;
  }
}

/** The directive word a line starts with (`include`, `ifeq`...), or '' (`include_dirs = x` has none). */
function directiveOf(text: string): string {
  return /^-?[a-z]+(?=[\s(]|$)/.exec(text)?.[0] ?? '';
}

type Split =
  | { kind: 'assignment'; name: string; op: AssignOp; value: string }
  | { kind: 'rule'; targets: string; rest: string }
  | { kind: 'other' };

/** Tells an assignment (`NAME OP VALUE`) from a rule (`TARGETS: ...`) by what comes first. */
function assignmentOrRule(text: string): Split {
  const at = indexOutsideReferences(text, (c) => c === '=' || c === ':');
  if (at < 0) return { kind: 'other' };
  if (text[at] === ':') {
    if (text[at + 1] === '=') return assignment(text, at, ':=', 2);
    if (text[at + 1] === ':' && text[at + 2] === '=') return assignment(text, at, '::=', 3);
    return { kind: 'rule', targets: text.slice(0, at), rest: text.slice(at + 1) };
  }
  const before = text[at - 1];
  if (before === '+' || before === '?' || before === '!') return assignment(text, at - 1, `${before}=` as AssignOp, 2);
  return assignment(text, at, '=', 1);
}

function assignment(text: string, start: number, op: AssignOp, length: number): Split {
  return { kind: 'assignment', name: text.slice(0, start).trim(), op, value: text.slice(start + length).trim() };
}

/** `$@`, `$*`, `$(@D)`, `$(*F)`...: from `context`, or undefined when `name` is not automatic. */
function automaticVariable(name: string, context: TargetContext | undefined): string | undefined {
  const m = /^([@*^<?+|])([DF]?)$/.exec(name);
  if (!m) return undefined;
  const value = context?.automatic[m[1]] ?? '';
  if (m[2] === '') return value;
  return words(value)
    .map((w) => {
      const slash = w.lastIndexOf('/');
      if (m[2] === 'F') return w.slice(slash + 1);
      return slash < 0 ? '.' : w.slice(0, slash) || '/';
    })
    .join(' ');
}

// Expands make text: `$$`, `$X`, `$(NAME)`, `${NAME}`, computed names (`$($(d)_TESTS)`),
// substitution references (`$(VAR:%.c=%.o)`) and function calls (see make-functions.ts).
import { callFunction, isFunctionName } from './make-functions';
import { topLevelIndex } from './make-lines';
import { substitute } from './make-patterns';

/** What expansion needs from the makefile being read. */
export interface Scope {
  /** The expanded value of variable `name` ('' when undefined). */
  variable(name: string): string;
  /** The unexpanded text of variable `name` (what `call` expands with its arguments bound). */
  definition(name: string): string | undefined;
  /** A scope where `locals` (foreach's variable, call's $(1)...) hide the other variables. */
  withLocals(locals: ReadonlyMap<string, string>): Scope;
  /** Reads `text` as makefile lines (the `eval` function). */
  evaluate(text: string): void;
  /** Records something make would do that we do not (a message for the user, never fatal). */
  warn(message: string): void;
  /** The directory make runs in: relative paths are resolved against it. */
  readonly cwd: string;
}

/** `text` with every reference expanded in `scope`. Never throws. */
export function expand(text: string, scope: Scope): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === undefined) return out;
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '(' || next === '{') {
      const end = closingIndex(text, dollar + 1);
      if (end < 0) {
        scope.warn(`unterminated variable reference in '${text}'`);
        return out;
      }
      out += reference(text.slice(dollar + 2, end), scope);
      i = end + 1;
    } else {
      out += scope.variable(next);
      i = dollar + 2;
    }
  }
  return out;
}

/** Index of the delimiter closing the one at `open` (same kind, nesting counted), or -1. */
function closingIndex(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return -1;
}

/** The expansion of one `$(INNER)`: a function call, a substitution reference or a variable. */
function reference(inner: string, scope: Scope): string {
  const call = /^([a-z-]+)[ \t]/.exec(inner);
  if (call && isFunctionName(call[1])) {
    return callFunction(call[1], inner.slice(call[0].length).replace(/^[ \t]+/, ''), scope, expand);
  }
  const colon = topLevelIndex(inner, ':');
  if (colon >= 0 && inner.indexOf('=', colon) > colon) {
    const value = scope.variable(expand(inner.slice(0, colon), scope));
    const rule = expand(inner.slice(colon + 1), scope);
    const eq = rule.indexOf('=');
    return substitute(value, rule.slice(0, eq), rule.slice(eq + 1));
  }
  return scope.variable(expand(inner, scope));
}

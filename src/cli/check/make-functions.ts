// The make functions a Pintos tree's makefiles use (text, file names, conditionals, foreach,
// call, eval). `shell` is never run: it expands to nothing, with a warning.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Scope } from './make-expand';
import { topLevelIndex, words } from './make-lines';
import { matchPattern, patternSubstitute } from './make-patterns';

type Expand = (text: string, scope: Scope) => string;

/** A function: how many arguments it takes at most, and what it does with them unexpanded. */
interface MakeFunction {
  maxArgs: number;
  call(args: string[], scope: Scope, expand: Expand): string;
}

/** A function whose arguments are all expanded before it runs. */
function eager(maxArgs: number, fn: (args: string[], scope: Scope) => string): MakeFunction {
  return { maxArgs, call: (args, scope, expand) => fn(args.map((a) => expand(a, scope)), scope) };
}

const mapWords = (text: string, fn: (w: string) => string) => words(text).map(fn).join(' ');
const lastSlash = (w: string) => w.lastIndexOf('/');
const suffixOf = (w: string) => {
  const dot = w.lastIndexOf('.');
  return dot > lastSlash(w) ? w.slice(dot) : '';
};
const filterWords = (patterns: string, text: string, keep: boolean) => {
  const ps = words(patterns);
  return words(text)
    .filter((w) => ps.some((p) => matchPattern(p, w) !== undefined) === keep)
    .join(' ');
};

const functions: Record<string, MakeFunction> = {
  subst: eager(3, ([from, to, text]) => (from === '' ? text : text.split(from).join(to))),
  patsubst: eager(3, ([pattern, replacement, text]) => patternSubstitute(pattern.trim(), replacement.trim(), text)),
  strip: eager(1, ([text]) => words(text).join(' ')),
  findstring: eager(2, ([find, text]) => (text.includes(find) ? find : '')),
  filter: eager(2, ([patterns, text]) => filterWords(patterns, text, true)),
  'filter-out': eager(2, ([patterns, text]) => filterWords(patterns, text, false)),
  sort: eager(1, ([text]) => [...new Set(words(text))].sort().join(' ')),
  word: eager(2, ([n, text]) => words(text)[Number(n.trim()) - 1] ?? ''),
  wordlist: eager(3, ([s, e, text]) => words(text).slice(Number(s.trim()) - 1, Number(e.trim())).join(' ')),
  words: eager(1, ([text]) => String(words(text).length)),
  firstword: eager(1, ([text]) => words(text)[0] ?? ''),
  lastword: eager(1, ([text]) => words(text).at(-1) ?? ''),
  dir: eager(1, ([text]) => mapWords(text, (w) => (lastSlash(w) >= 0 ? w.slice(0, lastSlash(w) + 1) : './'))),
  notdir: eager(1, ([text]) => mapWords(text, (w) => w.slice(lastSlash(w) + 1))),
  suffix: eager(1, ([text]) => words(text).map(suffixOf).filter(Boolean).join(' ')),
  basename: eager(1, ([text]) => mapWords(text, (w) => w.slice(0, w.length - suffixOf(w).length))),
  addsuffix: eager(2, ([suffix, text]) => mapWords(text, (w) => w + suffix)),
  addprefix: eager(2, ([prefix, text]) => mapWords(text, (w) => prefix + w)),
  join: eager(2, ([a, b]) => joinWords(words(a), words(b))),
  abspath: eager(1, ([text], scope) => mapWords(text, (w) => path.resolve(scope.cwd, w))),
  realpath: eager(1, ([text], scope) => words(text).filter((w) => existsSync(path.resolve(scope.cwd, w))).map((w) => path.resolve(scope.cwd, w)).join(' ')),
  wildcard: eager(1, ([text], scope) => words(text).flatMap((w) => glob(w, scope.cwd)).join(' ')),
  if: {
    maxArgs: 3,
    call: ([cond, then, otherwise], scope, expand) =>
      expand(cond, scope).trim() !== '' ? expand(then ?? '', scope) : expand(otherwise ?? '', scope),
  },
  or: { maxArgs: Infinity, call: (args, scope, expand) => args.map((a) => expand(a, scope).trim()).find((v) => v !== '') ?? '' },
  and: {
    maxArgs: Infinity,
    call: (args, scope, expand) => {
      let last = '';
      for (const a of args) if ((last = expand(a, scope).trim()) === '') return '';
      return last;
    },
  },
  foreach: {
    maxArgs: 3,
    call: ([name, list, body], scope, expand) => {
      const variable = expand(name, scope).trim();
      return words(expand(list, scope))
        .map((w) => expand(body ?? '', scope.withLocals(new Map([[variable, w]]))))
        .join(' ');
    },
  },
  call: {
    maxArgs: Infinity,
    call: (args, scope, expand) => {
      const values = args.map((a) => expand(a, scope));
      const locals = new Map(values.map((v, i) => [String(i), i === 0 ? v.trim() : v] as [string, string]));
      return expand(scope.definition(values[0].trim()) ?? '', scope.withLocals(locals));
    },
  },
  eval: {
    maxArgs: 1,
    call: ([text], scope, expand) => {
      scope.evaluate(expand(text, scope));
      return '';
    },
  },
  shell: eager(1, ([command], scope) => {
    scope.warn(`not run: $(shell ${command})`);
    return '';
  }),
  error: eager(1, ([message], scope) => {
    scope.warn(`the makefile reports an error: ${message}`);
    return '';
  }),
  warning: eager(1, () => ''),
  info: eager(1, () => ''),
};

/** True when `name` is a function we evaluate. */
export function isFunctionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(functions, name);
}

/** Calls function `name` on its unexpanded argument text. */
export function callFunction(name: string, argText: string, scope: Scope, expand: Expand): string {
  const fn = functions[name];
  return fn.call(splitArguments(argText, fn.maxArgs), scope, expand);
}

/** Splits `text` at top-level commas into at most `max` arguments (the last keeps the rest). */
function splitArguments(text: string, max: number): string[] {
  const args: string[] = [];
  let start = 0;
  while (args.length < max - 1) {
    const comma = topLevelIndex(text, ',', start);
    if (comma < 0) break;
    args.push(text.slice(start, comma));
    start = comma + 1;
  }
  args.push(text.slice(start));
  return args;
}

function joinWords(a: string[], b: string[]): string {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => (a[i] ?? '') + (b[i] ?? '')).join(' ');
}

/** `$(wildcard WORD)`: `*` and `?` in the last component of WORD, relative to `cwd`. */
function glob(word: string, cwd: string): string[] {
  const slash = lastSlash(word);
  const dir = slash >= 0 ? word.slice(0, slash + 1) : '';
  const leaf = word.slice(slash + 1);
  if (!/[*?]/.test(leaf)) return existsSync(path.resolve(cwd, word)) ? [word] : [];
  const re = new RegExp(`^${leaf.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  try {
    return readdirSync(path.resolve(cwd, dir || '.'))
      .filter((f) => re.test(f) && !f.startsWith('.'))
      .sort()
      .map((f) => dir + f);
  } catch {
    return [];
  }
}

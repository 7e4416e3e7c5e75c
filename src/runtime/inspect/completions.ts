// Debug Console completions: REPL commands at the start of a line, registers after `$`, struct
// members after `.` and `->`, otherwise the identifiers in scope (locals first), globals,
// functions, enum constants and type names.
import { stripTypedefs } from '../../debuginfo';
import { evaluateExpr } from './expr/evaluator';
import { registerNames } from './expr/registers';
import type { ScopeEnv } from './frame-env';
import { parseIn } from './locate';
import type { CompletionView } from './views';

const COMMANDS = ['help', 'walk', 'pte', 'spt', 'frame', 'swap', 'x/'];
const KEYWORDS = ['sizeof', 'struct', 'union', 'enum', 'unsigned', 'signed', 'char', 'short', 'int', 'long', 'void'];
const MAX_ITEMS = 300;

/** The start of the postfix expression (`a.b[i]->c`) that ends right before index `end` of `text`. */
function objectStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  while (i > 0) {
    const c = text[i - 1];
    if (c === ']' || c === ')') {
      const open = c === ']' ? '[' : '(';
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (text[j] === c) depth++;
        else if (text[j] === open && --depth === 0) break;
      }
      if (j < 0) return i;
      i = j;
    } else if (/[\w$.]/.test(c)) i--;
    else if (c === '>' && text[i - 2] === '-') i -= 2;
    else break;
  }
  return i;
}

function memberNames(objectText: string, arrow: boolean, env: ScopeEnv): string[] {
  try {
    const value = evaluateExpr(parseIn(objectText, env), { ...env, allowWrites: false });
    let t = stripTypedefs(value.type);
    if (t.kind === 'pointer' || (arrow && t.kind === 'array')) t = stripTypedefs(t.kind === 'pointer' ? t.target : t.element);
    const aggregate = env.types.complete(t);
    if (aggregate.kind !== 'struct' && aggregate.kind !== 'union') return [];
    const names: string[] = [];
    const collect = (members: typeof aggregate.members, depth: number): void => {
      for (const m of members) {
        if (m.name !== undefined) names.push(m.name);
        else if (depth < 8) {
          const inner = env.types.complete(stripTypedefs(m.type));
          if (inner.kind === 'struct' || inner.kind === 'union') collect(inner.members, depth + 1);
        }
      }
    };
    collect(aggregate.members, 0);
    return names;
  } catch {
    return [];
  }
}

/**
 * Completions for `text` with the cursor at 1-based `column`; each item replaces the `length`
 * characters from 1-based `start`. `env` is the frame's (or undefined when there is none).
 */
export function completionsFor(text: string, column: number, env: ScopeEnv | undefined): CompletionView[] {
  const cursor = Math.max(0, Math.min(text.length, column - 1));
  const before = text.slice(0, cursor);
  const word = /\$?[A-Za-z_]\w*$|\$$/.exec(before)?.[0] ?? '';
  const wordStart = cursor - word.length;
  const item = (label: string, type: CompletionView['type'], detail?: string): CompletionView => {
    const out: CompletionView = { label, type, start: wordStart + 1, length: word.length };
    if (detail !== undefined) out.detail = detail;
    return out;
  };
  const items: CompletionView[] = [];
  const add = (labels: Iterable<string>, type: CompletionView['type'], detail?: (l: string) => string | undefined): void => {
    for (const label of labels) if (label.startsWith(word) && !items.some((i) => i.label === label)) items.push(item(label, type, detail?.(label)));
  };
  if (word.startsWith('$')) {
    add(registerNames().map((r) => `$${r}`), 'value');
    return items.slice(0, MAX_ITEMS);
  }
  const operator = /(\.|->)\s*$/.exec(before.slice(0, wordStart));
  if (operator) {
    if (!env) return [];
    const opStart = wordStart - operator[0].length;
    const objectText = before.slice(objectStart(before, opStart), opStart);
    add(memberNames(objectText, operator[1] === '->', env), 'field');
    return items.slice(0, MAX_ITEMS);
  }
  const atLineStart = /^\s*$/.test(before.slice(0, wordStart));
  if (env) {
    add(env.locals.map((v) => v.name), 'variable', () => 'local');
    add(env.globals.map((v) => v.name), 'variable', () => 'global');
    add(env.debugInfo?.functions().map((f) => f.name) ?? [], 'function');
    const names = env.types.names();
    add(names.enumerators, 'enum');
    add(names.typedefs, 'type');
  }
  if (atLineStart) add(COMMANDS.filter((c) => c !== word), 'keyword', () => 'command');
  add(KEYWORDS, 'keyword');
  return items.slice(0, MAX_ITEMS);
}

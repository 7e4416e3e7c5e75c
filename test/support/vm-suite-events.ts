// `#! events:` rules of the VM test set: `KIND [FIELD OP VALUE]... OP COUNT`, e.g.
// `write-back = 0`, `eviction > 0`, `page-fault resolution=cow-reuse user=true >= 2`,
// `page-fault resolution=invalid detail="stack growth beyond 1 MiB" = 1`. The run's trace (the
// JSON lines of `pintos-vm --trace`) must have COUNT events of KIND, in relation OP, whose fields
// all satisfy the filters.

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';
const OPS: Op[] = ['<=', '>=', '!=', '=', '<', '>'];

/** A filter on one field of an event. */
interface Filter {
  field: string;
  op: Op;
  value: string;
}

/** A parsed `#! events:` rule. */
export interface EventRule {
  /** the rule as written */
  text: string;
  kind: string;
  filters: Filter[];
  /** whether `count` matching events satisfy the rule */
  holds: (count: number) => boolean;
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** A number written in decimal or 0x hex, or undefined. */
function numberOf(text: string): number | undefined {
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(text)) return undefined;
  return text.startsWith('-') ? -Number(text.slice(1)) : Number(text);
}

/** Parses rule `text`; `where` names it in errors. */
export function parseEventRule(text: string, where: string): EventRule {
  const tokens: string[] = text.match(/(?:[^\s"]|"[^"]*")+/g) ?? [];
  if (tokens.length < 3) throw new Error(`${where}: 'events' takes KIND [FIELD=VALUE]... OP COUNT`);
  const kind = tokens[0];
  const op = tokens[tokens.length - 2] as Op;
  const count = numberOf(tokens[tokens.length - 1]);
  if (!OPS.includes(op) || count === undefined) throw new Error(`${where}: 'events' must end with OP COUNT (OP one of ${OPS.join(' ')})`);
  const filters = tokens.slice(1, -2).map((t): Filter => {
    const m = /^([A-Za-z]+)(<=|>=|!=|=|<|>)(.+)$/.exec(t);
    if (!m) throw new Error(`${where}: bad event filter '${t}'`);
    const value = m[3].replace(/^"(.*)"$/, '$1');
    const fop = m[2] as Op;
    if (fop !== '=' && fop !== '!=' && numberOf(value) === undefined) throw new Error(`${where}: '${t}' compares with a non-number`);
    return { field: m[1], op: fop, value };
  });
  return { text, kind, filters, holds: (n) => compare(n, op, count) };
}

/** Whether `event` satisfies `filter`. */
function passes(event: Record<string, unknown>, filter: Filter): boolean {
  const actual = event[filter.field];
  const wanted = numberOf(filter.value);
  if (typeof actual === 'number' && wanted !== undefined) return compare(actual, filter.op, wanted);
  if (filter.op !== '=' && filter.op !== '!=') return false;
  return (String(actual) === filter.value) === (filter.op === '=');
}

/** 1 when `event` is of the rule's kind and passes its filters, else 0. */
export function countMatching(rule: EventRule, event: Record<string, unknown>): number {
  return event.kind === rule.kind && rule.filters.every((f) => passes(event, f)) ? 1 : 0;
}

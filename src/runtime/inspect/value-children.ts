// What a shown value expands into: struct/union members (named), array elements (indexed, paged),
// the members of a struct a pointer points at, or the single target `*p` of other pointers; and
// the C expression (evaluateName) of each child.
import { stripTypedefs, type DwarfType } from '../../debuginfo';
import { arrayLength, elementType, isPointer } from './c-types';
import { failureText } from './format-value';
import type { Storage } from './value';
import type { TypeIndex } from './type-index';
import { derefValue, elementValue, memberValue } from './value-parts';
import { loadInteger, type Value } from './value';

/** One row of a variables list. */
export interface Row {
  name: string;
  value: Value;
  /** a C expression for the row, when one exists */
  evaluateName?: string;
  /** how to show it: as a C value (default), a register in hex, or rflags with its decoded flags */
  display?: 'value' | 'register' | 'rflags';
}

/** How many children a row has; undefined when it does not expand. */
export interface ChildCount {
  indexed?: number;
  named?: number;
}

const SIMPLE = /^[A-Za-z_$][\w$]*(?:(?:\.|->)[A-Za-z_]\w*|\[[^[\]]*\])*$/;

/** `expr` ready to be followed by a postfix operator (parenthesised unless it is a simple chain). */
function postfixable(expr: string): string {
  return SIMPLE.test(expr) ? expr : `(${expr})`;
}

function target(value: Value, storage: Storage, types: TypeIndex): { kind: 'aggregate' | 'single'; value: Value } | undefined {
  const t = stripTypedefs(value.type);
  if (t.kind !== 'pointer') return undefined;
  const pointee = types.complete(stripTypedefs(t.target));
  if (pointee.kind === 'void' || pointee.kind === 'function' || (pointee.kind === 'struct' || pointee.kind === 'union') && pointee.declaration) return undefined;
  try {
    if (loadInteger(value, storage) === 0n) return undefined;
  } catch {
    return undefined;
  }
  const deref = derefValue(value, storage, types);
  return { kind: pointee.kind === 'struct' || pointee.kind === 'union' ? 'aggregate' : 'single', value: deref };
}

function aggregateOf(type: DwarfType, types: TypeIndex): (DwarfType & { kind: 'struct' | 'union' }) | undefined {
  const t = types.complete(stripTypedefs(type));
  return (t.kind === 'struct' || t.kind === 'union') && !t.declaration ? t : undefined;
}

/** The children count of `row` (arrays: indexed; structs and pointers: named). */
export function childCount(row: Row, storage: Storage, types: TypeIndex): ChildCount | undefined {
  if (row.display === 'rflags') return { named: 8 };
  if (row.display === 'register' || row.value.error !== undefined || row.value.text !== undefined) return undefined;
  const t = stripTypedefs(row.value.type);
  if (t.kind === 'array') {
    const n = arrayLength(t);
    return n === undefined || n === 0 ? undefined : { indexed: n };
  }
  const aggregate = aggregateOf(t, types);
  if (aggregate) return aggregate.members.length > 0 ? { named: aggregate.members.length } : undefined;
  if (isPointer(t)) {
    const found = target(row.value, storage, types);
    if (!found) return undefined;
    if (found.kind === 'single') return { named: 1 };
    const members = aggregateOf(found.value.type, types)?.members.length ?? 0;
    return members > 0 ? { named: members } : undefined;
  }
  return undefined;
}

function memberRows(object: Value, parentExpr: string | undefined, arrow: boolean, storage: Storage, types: TypeIndex): Row[] {
  const aggregate = aggregateOf(object.type, types);
  if (!aggregate) return [];
  const whole: Value = { ...object, type: aggregate };
  return aggregate.members.map((m) => {
    const value = memberValue(whole, m, storage);
    if (m.name === undefined) return { name: `<anonymous ${stripTypedefs(m.type).kind}>`, value, evaluateName: arrow && parentExpr !== undefined ? `*${postfixable(parentExpr)}` : parentExpr };
    const evaluateName = parentExpr === undefined ? undefined : `${postfixable(parentExpr)}${arrow ? '->' : '.'}${m.name}`;
    return { name: m.name, value, evaluateName };
  });
}

/**
 * The children of `row` from index `start` (arrays) for at most `count` rows. Unreadable memory
 * does not throw: the children show it when formatted.
 */
export function childRows(row: Row, storage: Storage, types: TypeIndex, start = 0, count = Infinity): Row[] {
  const value = row.value;
  const expr = row.evaluateName;
  const t = stripTypedefs(value.type);
  if (t.kind === 'array') {
    const n = arrayLength(t) ?? 0;
    const rows: Row[] = [];
    const element = elementType(t);
    for (let i = start; i < Math.min(n, start + count); i++) {
      let child: Value;
      try {
        child = elementValue(value, BigInt(i), storage);
      } catch (error) {
        child = { type: element, place: { kind: 'none' }, error: failureText(error).slice(1, -1) };
      }
      rows.push({ name: `[${i}]`, value: child, evaluateName: expr === undefined ? undefined : `${postfixable(expr)}[${i}]` });
    }
    return rows;
  }
  let rows: Row[];
  if (aggregateOf(t, types)) rows = memberRows(value, expr, false, storage, types);
  else {
    const found = target(value, storage, types);
    if (!found) rows = [];
    else if (found.kind === 'aggregate') rows = memberRows(found.value, expr, true, storage, types);
    else rows = [{ name: `*${row.name}`, value: found.value, evaluateName: expr === undefined ? undefined : `*${postfixable(expr)}` }];
  }
  return rows.slice(start, start + count);
}

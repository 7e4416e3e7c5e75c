// Variable references: numbers handed to the client for expandable containers (a scope, or a
// value's children), valid until the machine runs again. Numbers are never reused, so a stale
// reference finds nothing instead of someone else's children.
import { formatTypeName, sizeOfType, stripTypedefs } from '../../debuginfo';
import { isPointer } from './c-types';
import type { ScopeEnv } from './frame-env';
import { failureText, formatValue, type FormatOptions } from './format-value';
import { hex } from './format-text';
import { formatRflags } from './register-rows';
import { childCount, type Row } from './value-children';
import { isLvalue, loadInteger, type Value } from './value';
import type { VariableView } from './views';

/** Which environment a container is read in: a frame, or a process without a frame. */
export type EnvKey = { frameId: number } | { pid: number };

/** What a variables reference stands for. */
export type Container =
  | { kind: 'locals'; key: EnvKey }
  | { kind: 'registers'; key: EnvKey }
  | { kind: 'globals'; key: EnvKey }
  | { kind: 'children'; key: EnvKey; row: Row };

/** The table of live references. */
export class VariableStore {
  private next = 1;
  private readonly table = new Map<number, Container>();

  /** A new reference for `container`. */
  add(container: Container): number {
    const ref = this.next++;
    this.table.set(ref, container);
    return ref;
  }

  /** The container of `ref`, or undefined when stale or unknown. */
  get(ref: number): Container | undefined {
    return this.table.get(ref);
  }

  /** Forgets every reference (the numbers are not reused). */
  clear(): void {
    this.table.clear();
  }
}

/** The text of a row's value: registers in hex (rip with its symbol), rflags decoded, others as C values. */
export function rowText(row: Row, env: ScopeEnv, options: FormatOptions): string {
  if (row.display === 'register' || row.display === 'rflags') {
    const place = row.value.place;
    const v = place.kind === 'register' ? env.registers?.get(place.name) : undefined;
    if (v === undefined) return '<not saved>';
    if (row.display === 'rflags') return formatRflags(v);
    const name = row.name === 'rip' ? env.symbolize(Number(v)) : undefined;
    return name === undefined ? hex(v) : `${hex(v)} <${name}>`;
  }
  return formatValue(row.value, env, env.types, { ...options, symbolize: options.symbolize ?? ((a) => env.symbolize(a)) });
}

/** Where a value in memory lives when its page is not in a frame (`in swap slot 17`), else undefined. */
function originText(row: Row, env: ScopeEnv): string | undefined {
  if (row.display === 'register' || row.display === 'rflags' || row.value.error !== undefined) return undefined;
  const place = row.value.place;
  if (place.kind !== 'memory') return undefined;
  return env.memory.originOf(place.address, Math.max(1, sizeOfType(row.value.type) ?? 1));
}

/** The memory reference of a value: what a pointer holds, or where an object lives. */
export function memoryReferenceOf(value: Value, env: ScopeEnv): string | undefined {
  if (value.error !== undefined) return undefined;
  if (isPointer(value.type)) {
    try {
      return hex(BigInt.asUintN(64, loadInteger(value, env)));
    } catch {
      return undefined;
    }
  }
  if (value.place.kind === 'memory') return hex(value.place.address);
  return undefined;
}

/** The type name shown for a row (the declared name: typedefs are kept). */
export function typeText(row: Row): string {
  if (row.display === 'register' || row.display === 'rflags') return stripTypedefs(row.value.type).kind === 'pointer' ? formatTypeName(row.value.type) : 'unsigned long';
  return formatTypeName(row.value.type);
}

/** The view of `row`, registering a reference for its children when it has some. */
export function rowView(row: Row, env: ScopeEnv, key: EnvKey, store: VariableStore, options: FormatOptions): VariableView {
  let value: string;
  try {
    value = rowText(row, env, options);
    const origin = originText(row, env);
    if (origin !== undefined) value = `${value} (${origin})`;
  } catch (error) {
    value = failureText(error);
  }
  const count = childCount(row, env, env.types);
  const view: VariableView = {
    name: row.name,
    value,
    type: typeText(row),
    variablesReference: count ? store.add({ kind: 'children', key, row }) : 0,
  };
  if (count?.indexed !== undefined) view.indexedVariables = count.indexed;
  if (count?.named !== undefined) view.namedVariables = count.named;
  const memoryReference = row.display === 'register' || row.display === 'rflags' ? undefined : memoryReferenceOf(row.value, env);
  if (memoryReference !== undefined) view.memoryReference = memoryReference;
  if (row.evaluateName !== undefined) view.evaluateName = row.evaluateName;
  if (!isLvalue(row.value)) view.presentationHint = { attributes: ['readOnly'] };
  return view;
}

// Deep copies of plain-data object graphs (the kernel's state) for snapshots. Shared references
// and cycles are kept (one copy per object), class instances keep their prototype, typed arrays
// and their buffers are copied, and three kinds of values are shared instead of copied: functions,
// frozen objects (immutable, such as emitted events) and the caller's external objects (the
// emulator, which snapshots itself). Objects may take part through the hooks of
// src/kernel/snapshot-hooks.ts: wiring fields kept as they are, and self-copying storage.
import { SNAPSHOT_COPY, SNAPSHOT_KEEP, SNAPSHOT_RESTORE } from '../../kernel/snapshot-hooks';

/** Objects a copy refers to instead of copying, and copies already made (original → copy). */
export interface CopyContext {
  readonly externals: ReadonlySet<object>;
  readonly memo: Map<object, unknown>;
}

/** A fresh context sharing `externals`. */
export function copyContext(externals: ReadonlySet<object>): CopyContext {
  return { externals, memo: new Map() };
}

/**
 * A deep copy of `value` in `ctx`: objects met before (in this context) give their first copy.
 * Throws Error on values that cannot be copied faithfully (WeakMap, Promise, host objects).
 */
export function copyValue<T>(value: T, ctx: CopyContext): T {
  if (value === null || typeof value !== 'object') return value;
  const obj = value as object;
  if (ctx.externals.has(obj) || Object.isFrozen(obj)) return value;
  const seen = ctx.memo.get(obj);
  if (seen !== undefined) return seen as T;
  return copyObject(obj, ctx) as T;
}

function copyObject(obj: object, ctx: CopyContext): unknown {
  if (ArrayBuffer.isView(obj)) return copyView(obj, ctx);
  if (obj instanceof ArrayBuffer) {
    const copy = obj.slice(0);
    ctx.memo.set(obj, copy);
    return copy;
  }
  if (Array.isArray(obj)) {
    const copy: unknown[] = new Array(obj.length);
    ctx.memo.set(obj, copy);
    for (let i = 0; i < obj.length; i++) copy[i] = copyValue(obj[i], ctx);
    return copy;
  }
  if (obj instanceof Map) {
    const copy = new Map();
    ctx.memo.set(obj, copy);
    for (const [k, v] of obj) copy.set(copyValue(k, ctx), copyValue(v, ctx));
    return copy;
  }
  if (obj instanceof Set) {
    const copy = new Set();
    ctx.memo.set(obj, copy);
    for (const v of obj) copy.add(copyValue(v, ctx));
    return copy;
  }
  if (obj instanceof WeakMap || obj instanceof WeakSet || obj instanceof Promise || isGenerator(obj)) {
    throw new Error(`cannot snapshot a ${obj.constructor?.name ?? 'generator'}: kernel state must be plain data`);
  }
  const self = obj as { [SNAPSHOT_COPY]?: () => object };
  if (typeof self[SNAPSHOT_COPY] === 'function') {
    const copy = self[SNAPSHOT_COPY]();
    ctx.memo.set(obj, copy);
    return copy;
  }
  const copy = Object.create(Object.getPrototypeOf(obj) as object | null) as Record<string, unknown>;
  ctx.memo.set(obj, copy);
  const keep = keptFields(obj);
  for (const key of Object.keys(obj)) {
    const value = (obj as Record<string, unknown>)[key];
    copy[key] = keep.includes(key) ? value : copyValue(value, ctx);
  }
  return copy;
}

/** The wiring fields an object's class declares (SNAPSHOT_KEEP), or none. */
function keptFields(obj: object): readonly string[] {
  return (obj as { [SNAPSHOT_KEEP]?: string[] })[SNAPSHOT_KEEP] ?? [];
}

function isGenerator(obj: object): boolean {
  return typeof (obj as { next?: unknown }).next === 'function' && typeof (obj as { throw?: unknown }).throw === 'function' && Symbol.iterator in obj;
}

function copyView(view: ArrayBufferView, ctx: CopyContext): unknown {
  const buffer = copyValue(view.buffer, ctx);
  const Ctor = view.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => ArrayBufferView;
  const length = view instanceof DataView ? view.byteLength : (view as unknown as { length: number }).length;
  const copy = new Ctor(buffer, view.byteOffset, length);
  ctx.memo.set(view, copy);
  return copy;
}

/**
 * Makes the live objects `targets` hold what their snapshot copies `sources` hold (same order),
 * keeping the identity of each target: every own field is replaced by a fresh copy of the
 * source's, and references anywhere in the copied graph to a source (or to `aliases` keys) lead
 * to the matching live object. Objects held only inside the graph are new after a restore.
 */
export function restoreInPlace(targets: readonly object[], sources: readonly object[], externals: ReadonlySet<object>, aliases: ReadonlyMap<object, object> = new Map()): void {
  const ctx = copyContext(externals);
  for (const [from, to] of aliases) ctx.memo.set(from, to);
  sources.forEach((s, i) => ctx.memo.set(s, targets[i]));
  sources.forEach((source, i) => {
    const target = targets[i] as Record<string, unknown> & { [SNAPSHOT_RESTORE]?: (s: object) => void };
    if (typeof target[SNAPSHOT_RESTORE] === 'function') {
      target[SNAPSHOT_RESTORE](source);
      return;
    }
    const keep = keptFields(target);
    for (const key of Object.keys(target)) if (!(key in source) && !keep.includes(key)) delete target[key];
    for (const key of Object.keys(source)) {
      if (!keep.includes(key)) target[key] = copyValue((source as Record<string, unknown>)[key], ctx);
    }
  });
}

// Images of the kernel's state for checkpoints, with structural sharing. An image lists every
// object reachable from the kernel (by identity) with a record of its own fields at the time; a
// record refers to other objects by identity, so it stays exact on its own and an object whose
// fields did not change since an earlier image keeps that image's record (no copy). Restoring an
// image puts every listed object's fields back: the live objects keep their identity and the
// objects created since become unreachable. Three kinds of values are never recorded: functions,
// frozen objects (immutable, such as emitted events) and the caller's external objects (the
// emulator, which snapshots itself). Objects take part through the hooks of
// src/kernel/snapshot-hooks.ts: wiring fields left alone, lists of immutable items (the items kept
// by reference, never looked into) and self-copying storage.
import { SNAPSHOT_COPY, SNAPSHOT_IMMUTABLE_ITEMS, SNAPSHOT_KEEP, SNAPSHOT_RESTORE, type SelfSnapshotting } from '../../kernel/snapshot-hooks';
import { recordBytes, type ObjectRecord } from './object-record';

/** The kernel's state at one point: the reachable objects and their records (same order). */
export interface KernelImage {
  readonly objects: readonly object[];
  readonly records: readonly ObjectRecord[];
  /** estimated bytes this image added: its lists and the records it did not share */
  readonly bytes: number;
  /** records made by this image (not shared with the one before) */
  readonly fresh: number;
}

/**
 * Takes images of one object graph, sharing the records of unchanged objects with the images
 * taken before by the same imager (any of them: a record is shared only when it equals the fields).
 */
export class KernelImager {
  private readonly latest = new WeakMap<object, ObjectRecord>();

  constructor(private readonly externals: ReadonlySet<object>) {}

  /**
   * An image of everything reachable from `root` now. Throws Error on values that cannot be
   * restored faithfully (WeakMap, Promise, generators: kernel state must be plain data).
   */
  take(root: object): KernelImage {
    const objects: object[] = [];
    const records: ObjectRecord[] = [];
    const seen = new Set<object>();
    /** lists whose items are immutable values: recorded, their items not looked into */
    const flat = new Set<object>();
    const stack: unknown[] = [root];
    let bytes = 0;
    let fresh = 0;
    while (stack.length > 0) {
      const value = stack.pop();
      if (value === null || typeof value !== 'object' || seen.has(value)) continue;
      seen.add(value);
      if (this.externals.has(value) || Object.isFrozen(value)) continue;
      if (ArrayBuffer.isView(value)) {
        stack.push(value.buffer);
        continue;
      }
      const previous = this.latest.get(value);
      let record = previous !== undefined && recordHolds(previous, value) ? previous : undefined;
      if (record === undefined) {
        record = recordOf(value);
        this.latest.set(value, record);
        bytes += recordBytes(record) + (flat.has(value) ? newItemBytes(record, previous) : 0);
        fresh++;
      }
      objects.push(value);
      records.push(record);
      if (flat.has(value)) continue;
      pushChildren(record, stack);
      if (record.kind === 'fields') for (const list of immutableItemLists(value)) flat.add(list);
    }
    return { objects, records, bytes: bytes + objects.length * 16, fresh };
  }
}

/** Puts every object of `image` back as its record describes (the objects keep their identity). */
export function restoreImage(image: KernelImage): void {
  image.records.forEach((record, i) => applyRecord(image.objects[i], record));
}

/** The copies self-snapshotting objects made for `image` (disks, for measuring what they hold). */
export function selfCopies(image: KernelImage): object[] {
  return image.records.filter((r) => r.kind === 'self').map((r) => r.copy);
}

/** Bytes an image holds for the immutable items of a list that were not in its `previous` record (a rough 160 each). */
function newItemBytes(record: ObjectRecord, previous: ObjectRecord | undefined): number {
  if (record.kind !== 'array') return 0;
  const before = previous?.kind === 'array' ? previous.values : [];
  let count = 0;
  for (let i = 0; i < record.values.length; i++) if (record.values[i] !== before[i]) count++;
  return count * 160;
}

function recordOf(obj: object): ObjectRecord {
  if (obj instanceof ArrayBuffer) return { kind: 'bytes', bytes: new Uint8Array(obj.slice(0)) };
  if (Array.isArray(obj)) return { kind: 'array', values: obj.slice() };
  if (obj instanceof Map) {
    const entries: unknown[] = [];
    for (const [k, v] of obj) entries.push(k, v);
    return { kind: 'map', entries };
  }
  if (obj instanceof Set) return { kind: 'set', values: [...obj] };
  if (obj instanceof WeakMap || obj instanceof WeakSet || obj instanceof Promise || isGenerator(obj)) {
    throw new Error(`cannot snapshot a ${obj.constructor?.name ?? 'generator'}: kernel state must be plain data`);
  }
  const self = obj as Partial<SelfSnapshotting>;
  if (typeof self[SNAPSHOT_COPY] === 'function') return { kind: 'self', copy: self[SNAPSHOT_COPY]() };
  const keys = stateKeys(obj);
  return { kind: 'fields', keys, values: keys.map((k) => (obj as Record<string, unknown>)[k]) };
}

/** True when `record` describes `obj` as it is now (self-copying objects never compare equal). */
function recordHolds(record: ObjectRecord, obj: object): boolean {
  switch (record.kind) {
    case 'fields': {
      const keys = stateKeys(obj);
      if (keys.length !== record.keys.length) return false;
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] !== record.keys[i] || !Object.is((obj as Record<string, unknown>)[keys[i]], record.values[i])) return false;
      }
      return true;
    }
    case 'array':
      return sameList(obj as unknown[], record.values);
    case 'map': {
      const map = obj as Map<unknown, unknown>;
      if (map.size * 2 !== record.entries.length) return false;
      let i = 0;
      for (const [k, v] of map) {
        if (!Object.is(k, record.entries[i]) || !Object.is(v, record.entries[i + 1])) return false;
        i += 2;
      }
      return true;
    }
    case 'set': {
      const set = obj as Set<unknown>;
      if (set.size !== record.values.length) return false;
      let i = 0;
      for (const v of set) if (!Object.is(v, record.values[i++])) return false;
      return true;
    }
    case 'bytes':
      return Buffer.from(obj as ArrayBuffer).equals(record.bytes);
    case 'self':
      return false;
  }
}

function sameList(live: readonly unknown[], saved: readonly unknown[]): boolean {
  if (live.length !== saved.length) return false;
  for (let i = 0; i < live.length; i++) if (!Object.is(live[i], saved[i])) return false;
  return true;
}

function pushChildren(record: ObjectRecord, stack: unknown[]): void {
  switch (record.kind) {
    case 'fields':
    case 'array':
    case 'set':
      for (const v of record.values) if (typeof v === 'object' && v !== null) stack.push(v);
      return;
    case 'map':
      for (const v of record.entries) if (typeof v === 'object' && v !== null) stack.push(v);
      return;
    default:
      return;
  }
}

function applyRecord(obj: object, record: ObjectRecord): void {
  switch (record.kind) {
    case 'fields': {
      const target = obj as Record<string, unknown>;
      const keys = stateKeys(obj);
      // the same fields in the same order are assigned; otherwise rebuilt, so the order is the saved one
      if (!sameList(keys, record.keys)) for (const k of keys) delete target[k];
      record.keys.forEach((k, i) => {
        target[k] = record.values[i];
      });
      return;
    }
    case 'array': {
      const list = obj as unknown[];
      list.length = record.values.length;
      for (let i = 0; i < record.values.length; i++) list[i] = record.values[i];
      return;
    }
    case 'map': {
      const map = obj as Map<unknown, unknown>;
      map.clear();
      for (let i = 0; i < record.entries.length; i += 2) map.set(record.entries[i], record.entries[i + 1]);
      return;
    }
    case 'set': {
      const set = obj as Set<unknown>;
      set.clear();
      for (const v of record.values) set.add(v);
      return;
    }
    case 'bytes':
      new Uint8Array(obj as ArrayBuffer).set(record.bytes);
      return;
    case 'self':
      (obj as SelfSnapshotting)[SNAPSHOT_RESTORE](record.copy);
      return;
  }
}

/** The arrays `obj`'s class declares as holding immutable items (SNAPSHOT_IMMUTABLE_ITEMS). */
function immutableItemLists(obj: object): object[] {
  const names = (obj as { [SNAPSHOT_IMMUTABLE_ITEMS]?: string[] })[SNAPSHOT_IMMUTABLE_ITEMS];
  if (names === undefined) return [];
  return names.map((n) => (obj as Record<string, unknown>)[n]).filter((v): v is object => Array.isArray(v));
}

/** The own enumerable fields of `obj` that are state (its class's SNAPSHOT_KEEP wiring aside). */
function stateKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  const keep = (obj as { [SNAPSHOT_KEEP]?: string[] })[SNAPSHOT_KEEP];
  return keep === undefined ? keys : keys.filter((k) => !keep.includes(k));
}

function isGenerator(obj: object): boolean {
  return typeof (obj as { next?: unknown }).next === 'function' && typeof (obj as { throw?: unknown }).throw === 'function' && Symbol.iterator in obj;
}

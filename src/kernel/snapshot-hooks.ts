// How kernel objects take part in whole-machine snapshots (time travel). Kernel state is plain
// data copied field by field; these hooks let an object say what is not state (wiring such as
// listener lists, kept as they are when a snapshot is restored), which lists hold values that never
// change once stored (saved by reference, never looked into) and copy itself more cheaply
// (copy-on-write storage shared between the live object and its snapshots).

/** On a class prototype: names of fields that are wiring, not state (never copied, never restored). */
export const SNAPSHOT_KEEP = Symbol('snapshot.keep');

/**
 * On a class prototype: names of array fields whose items never change once stored (such as a
 * ring of emitted events). The array is state; its items are kept by reference and never looked into.
 */
export const SNAPSHOT_IMMUTABLE_ITEMS = Symbol('snapshot.immutableItems');

/** A method returning a copy of the object for a snapshot (instead of a field-by-field deep copy). */
export const SNAPSHOT_COPY = Symbol('snapshot.copy');

/** A method making the live object hold what its snapshot copy `source` holds (instead of field-by-field restore). */
export const SNAPSHOT_RESTORE = Symbol('snapshot.restore');

/** An object that copies and restores itself for snapshots. */
export interface SelfSnapshotting {
  [SNAPSHOT_COPY](): object;
  [SNAPSHOT_RESTORE](source: object): void;
}

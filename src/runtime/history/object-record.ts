// What a kernel image keeps of one object: its own state, with references to other objects kept
// by identity (never copied). Records are never changed once made, so images share them.

/** The saved state of one object, by the kind of object. */
export type ObjectRecord =
  /** a plain or class object: its state fields, in order */
  | { readonly kind: 'fields'; readonly keys: readonly string[]; readonly values: readonly unknown[] }
  | { readonly kind: 'array'; readonly values: readonly unknown[] }
  /** a Map: keys and values alternating, in insertion order */
  | { readonly kind: 'map'; readonly entries: readonly unknown[] }
  | { readonly kind: 'set'; readonly values: readonly unknown[] }
  /** an ArrayBuffer: a copy of its bytes */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** an object copying itself (snapshot hooks): the copy it made */
  | { readonly kind: 'self'; readonly copy: object };

/** A rough size of `record` in bytes (a fixed cost per record and per slot, plus copied bytes; self copies count as their own storage elsewhere). */
export function recordBytes(record: ObjectRecord): number {
  switch (record.kind) {
    case 'fields':
      return 48 + record.keys.length * 16;
    case 'array':
    case 'set':
      return 48 + record.values.length * 8;
    case 'map':
      return 48 + record.entries.length * 8;
    case 'bytes':
      return 48 + record.bytes.byteLength;
    case 'self':
      return 48;
  }
}

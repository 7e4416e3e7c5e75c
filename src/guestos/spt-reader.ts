// Reads a booted Pintos kernel's supplemental page table through its DWARF: the skeleton's
// `struct page` (va, frame, operations) kept in the `struct hash` that the student put in
// `struct supplemental_page_table`, whatever they named it (found by its type). Read-only: only
// reads of guest memory with no side effect.
import type { DwarfType } from '../debuginfo';
import { sizeOfType, stripTypedefs } from '../debuginfo';
import { GuestReadError, readU64, readUnsigned, type GuestMemory } from './guest-memory';
import { memberOf, type StructIndex } from './struct-index';

/** One page of a process's supplemental page table, as the guest kernel holds it. */
export interface GuestPage {
  /** address of the kernel's `struct page` */
  address: number;
  /** the user virtual page */
  va: number;
  /** the page kind from its operations' `type` (uninit, anon, file, ...) */
  kind: string;
  /** address of its `struct frame`, when it has one */
  frame?: number;
  /** the frame's kernel virtual address (`kva`) */
  kva?: number;
}

/** Members to read by name where finding them by type fails (two hashes in the table, say). */
export interface SptMemberNames {
  /** the `struct hash` member of `struct supplemental_page_table` */
  sptHash?: string;
  /** the `struct hash_elem` member of `struct page` */
  pageHashElem?: string;
}

/** The pages, or what the reader could not find (a message naming the struct or member). */
export type SptRead = { ok: true; pages: GuestPage[] } | { ok: false; missing: string };

/** Most pages read from one table (a corrupt hash cannot make the reader loop). */
const MAX_PAGES = 1 << 20;

type Struct = DwarfType & { kind: 'struct' | 'union' };

/** The offset of member `name` (or the one of struct type `typeName`) of `s`, or a message. */
function offsetOf(s: Struct, what: { name?: string; typeName?: string }): number | string {
  const m = memberOf(s, what.typeName ?? '', what.name);
  return m === undefined ? `no ${what.name !== undefined ? `member '${what.name}'` : `member of type struct ${what.typeName}`} in struct ${s.name}` : m.offset;
}

/** The page kind named by an enumerator of `type`'s `type` member's value (VM_ANON -> anon). */
function kindName(enumType: DwarfType | undefined, value: number): string {
  const t = enumType === undefined ? undefined : stripTypedefs(enumType);
  const e = t?.kind === 'enum' ? t.enumerators.find((x) => Number(x.value) === (value & 7)) : undefined;
  return e === undefined ? `type ${value}` : e.name.replace(/^VM_/, '').toLowerCase();
}

/**
 * Reads the supplemental page table of the thread whose `struct thread` is at `thread`. Fails with
 * a message naming what the kernel's DWARF lacks (`struct thread`, its supplemental page table,
 * the `struct hash` in it, ...); a read of unmapped memory fails with where it was.
 */
export function readSupplementalPageTable(types: StructIndex, mem: GuestMemory, thread: number, names: SptMemberNames = {}): SptRead {
  const need = (name: string): Struct | string => types.struct(name) ?? `struct ${name} in the kernel's debug information`;
  const structs = ['thread', 'supplemental_page_table', 'hash', 'list', 'list_elem', 'hash_elem', 'page'].map(need);
  const missing = structs.find((s): s is string => typeof s === 'string');
  if (missing !== undefined) return { ok: false, missing };
  const [threadT, sptT, hashT, listT, elemT, hashElemT, pageT] = structs as Struct[];
  const offsets = {
    spt: offsetOf(threadT, { typeName: 'supplemental_page_table' }),
    hash: offsetOf(sptT, names.sptHash !== undefined ? { name: names.sptHash } : { typeName: 'hash' }),
    buckets: offsetOf(hashT, { name: 'buckets' }),
    bucketCount: offsetOf(hashT, { name: 'bucket_cnt' }),
    head: offsetOf(listT, { name: 'head' }),
    tail: offsetOf(listT, { name: 'tail' }),
    next: offsetOf(elemT, { name: 'next' }),
    listElem: offsetOf(hashElemT, { typeName: 'list_elem' }),
    hashElem: offsetOf(pageT, names.pageHashElem !== undefined ? { name: names.pageHashElem } : { typeName: 'hash_elem' }),
    va: offsetOf(pageT, { name: 'va' }),
    frame: offsetOf(pageT, { name: 'frame' }),
    operations: offsetOf(pageT, { name: 'operations' }),
  };
  const bad = Object.values(offsets).find((o): o is string => typeof o === 'string');
  if (bad !== undefined) return { ok: false, missing: bad };
  const o = offsets as Record<keyof typeof offsets, number>;
  const listSize = sizeOfType(listT) ?? 32;
  const frameT = types.struct('frame');
  const kvaOffset = frameT?.members.find((m) => m.name === 'kva')?.offset;
  const opsT = types.struct('page_operations');
  const typeMember = opsT?.members.find((m) => m.name === 'type');
  try {
    const hash = thread + o.spt + o.hash;
    const buckets = readU64(mem, hash + o.buckets, 'the hash table\'s buckets');
    const count = readU64(mem, hash + o.bucketCount, 'the hash table\'s bucket count');
    if (count > MAX_PAGES) return { ok: false, missing: `a sane bucket count (read ${count})` };
    const pages: GuestPage[] = [];
    for (let b = 0; b < count; b++) {
      const list = buckets + b * listSize;
      const end = list + o.tail;
      for (let e = readU64(mem, list + o.head + o.next, 'a bucket\'s first element'); e !== end; e = readU64(mem, e + o.next, 'a list element')) {
        if (pages.length >= MAX_PAGES) return { ok: false, missing: `an end to bucket ${b} (more than ${MAX_PAGES} pages)` };
        const page = e - o.listElem - o.hashElem;
        const frame = readU64(mem, page + o.frame, 'a page\'s frame');
        const ops = readU64(mem, page + o.operations, 'a page\'s operations');
        const kind = typeMember === undefined || ops === 0 ? 'unknown' : kindName(typeMember.type, readUnsigned(mem, ops + typeMember.offset, sizeOfType(typeMember.type) ?? 4, 'the operations\' type'));
        const entry: GuestPage = { address: page, va: readU64(mem, page + o.va, 'a page\'s va'), kind };
        if (frame !== 0) {
          entry.frame = frame;
          if (kvaOffset !== undefined) entry.kva = readU64(mem, frame + kvaOffset, 'a frame\'s kva');
        }
        pages.push(entry);
      }
    }
    pages.sort((a, b) => a.va - b.va);
    return { ok: true, pages };
  } catch (e) {
    if (e instanceof GuestReadError) return { ok: false, missing: `readable memory: ${e.message}` };
    throw e;
  }
}

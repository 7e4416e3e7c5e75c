// One entry of a supplemental page table: what the kernel knows about a user page beyond the
// hardware PTE. Plain data; `ops` points at the operations table of the page's current kind
// (uninit, anon, file), which an UNINIT page replaces by its target's table on its first fault.
import type { OpenFile } from '../filesys/file';
import type { PageOps } from './page-ops';

/** What part of the program a page belongs to (for views and kill reasons). */
export type Region = 'code' | 'data' | 'bss' | 'stack' | 'mmap';

/** Final kinds an UNINIT page can turn into. */
export type PageTarget = 'anon' | 'file';

/** Bytes [0, length) of a page come from `file` at `offset` (length ≤ page size). */
export interface FileSpan {
  file: OpenFile;
  /** name of the file, for events and views */
  name: string;
  offset: number;
  length: number;
}

/** The initializer of an UNINIT page: zero the frame, then copy each span in order. */
export interface LazyInit {
  target: PageTarget;
  spans: FileSpan[];
}

/** A supplemental page-table entry. */
export interface Page {
  /** page-aligned user address */
  readonly va: number;
  /** operations of the page's current kind */
  ops: PageOps;
  /** may the process write it (the logical right; the PTE may still be read-only for COW) */
  writable: boolean;
  region: Region;
  /** user-pool frame index while resident */
  frame: number | undefined;
  /** swap slot while an ANON page is swapped out */
  slot: number | undefined;
  /** the PTE is read-only because the frame is shared copy-on-write */
  cow: boolean;
  /** UNINIT only: how to produce the content on first touch */
  lazy: LazyInit | undefined;
  /** FILE only: where the page lives in its file */
  backing: FileSpan | undefined;
  /** id of the mmap region the page belongs to */
  mapping: number | undefined;
  /** seq of the event that last brought the page into a frame */
  loadSeq: number | undefined;
}


// Constructors of SPT entries: every page starts UNINIT (vm_alloc_page_with_initializer); its
// initializer says what it becomes.
import type { OpenFile } from '../filesys/file';
import type { FileSpan, Page, PageTarget, Region } from './page';
import { uninitOps } from './page-kinds/uninit';

/** Returns an UNINIT page at `va` becoming `target`, filled from `spans` (then zeros). */
export function newUninitPage(va: number, target: PageTarget, spans: FileSpan[], writable: boolean, region: Region, mapping?: number): Page {
  return {
    va,
    ops: uninitOps,
    writable,
    region,
    frame: undefined,
    slot: undefined,
    cow: false,
    lazy: { target, spans },
    backing: undefined,
    mapping,
    loadSeq: undefined,
  };
}

/** Returns an UNINIT stack page at `va` (zero-filled ANON on first touch). */
export function newStackPage(va: number): Page {
  return newUninitPage(va, 'anon', [], true, 'stack');
}

/**
 * Returns the fork child's copy of `page`: same kind, rights, region and initializer or backing,
 * with files replaced through `files` (parent's description → child's) and the mapping id through
 * `mappings`; not resident, no slot, not COW (the caller shares frame or slot).
 */
export function copyPageForChild(page: Page, files: Map<OpenFile, OpenFile>, mappings: Map<number, number>): Page {
  const span = (s: FileSpan): FileSpan => ({ ...s, file: files.get(s.file) ?? s.file });
  return {
    va: page.va,
    ops: page.ops,
    writable: page.writable,
    region: page.region,
    frame: undefined,
    slot: undefined,
    cow: false,
    lazy: page.lazy === undefined ? undefined : { target: page.lazy.target, spans: page.lazy.spans.map(span) },
    backing: page.backing === undefined ? undefined : span(page.backing),
    mapping: page.mapping === undefined ? undefined : mappings.get(page.mapping),
    loadSeq: page.loadSeq,
  };
}

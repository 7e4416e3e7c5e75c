// The page-operations interface: one implementation per page kind (page-kinds/uninit.ts, anon.ts,
// file.ts), as Pintos-KAIST's `struct page_operations`. These tables are the only functions kernel
// objects hold; everything else is plain data.
import type { FaultResolution } from '../events';
import type { AddressSpace } from '../memory/address-space';
import type { FrameRecord } from './frame-table';
import type { Page } from './page';
import type { VmState } from './vm-state';

/** How a page was filled: the fault resolution it stands for. */
export type FillResolution = Extract<FaultResolution, 'lazy-anon' | 'lazy-file' | 'swap-in' | 'file-reload'>;

/** A page sharing a frame, with its address space. */
export interface Sharer {
  space: AddressSpace;
  page: Page;
}

/** The operations of one page kind (the Pintos-KAIST page_operations table). */
export interface PageOps {
  readonly kind: 'uninit' | 'anon' | 'file';
  /**
   * Fills `frame` (pinned, not yet mapped) with the content of `page`, owned by process `pid`.
   * An UNINIT page switches `page.ops` to its target kind here. Returns how the content was
   * obtained. Assumes the page has no frame. Throws only on a kernel bug.
   */
  swapIn(vm: VmState, pid: number, page: Page, frame: FrameRecord): FillResolution;
  /**
   * Saves the content of `frame`, last shared by `sharers` (all of this kind, already unmapped
   * from it), before the frame is taken away: ANON writes it once to a swap slot shared by every
   * sharer, FILE writes it back when `dirty`. Its event, if any, is the last thing it does. Does
   * not touch PTEs or the frame table. Returns false (and changes nothing) when the content
   * cannot be saved (no free swap slot).
   */
  swapOut(vm: VmState, frame: FrameRecord, sharers: Sharer[], dirty: boolean): boolean;
  /**
   * Releases what `page` of `space` holds besides its frame and PTE, which the caller unlinks
   * afterwards: ANON drops its swap-slot reference, FILE writes a dirty resident frame back.
   * Returns true when it wrote the page back to its file.
   */
  destroy(vm: VmState, space: AddressSpace, page: Page): boolean;
}

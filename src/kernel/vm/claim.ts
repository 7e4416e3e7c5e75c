// Bringing a page into a frame (vm_do_claim_page): a frame from the evictor, the content from the
// page's kind (initializer, swap slot or file), then the mapping in the space's page table.
import type { AddressSpace } from '../memory/address-space';
import type { Steps } from '../steps';
import type { FrameShortage } from './evictor';
import { obtainFrame } from './evictor';
import { linkPage } from './frame-sharers';
import type { Page } from './page';
import type { FillResolution } from './page-ops';
import { leafAddress } from './user-pte';
import { stopAsked, type VmState } from './vm-state';

/** The frame and how it was filled, or why no frame could be had. */
export type ClaimResult = { ok: true; resolution: FillResolution; frame: number } | { ok: false; reason: FrameShortage | 'out of kernel memory' };

/**
 * Puts non-resident `page` of `space` in a frame and maps it (writable iff the page is). The leaf
 * page table is made to exist first, so a kernel-pool shortage is found before any content moves
 * (a swap slot is only released once its content is in a frame). Returns how the content was
 * obtained, or why no frame or table page could be had (the page is then unchanged). Pauses at
 * each event a debugger stops on, the last one 'swap-in' before the page is mapped (see steps.ts).
 */
export function* claimPage(vm: VmState, space: AddressSpace, page: Page): Steps<ClaimResult> {
  if (leafAddress(vm, space, page.va, true) === undefined) return { ok: false, reason: 'out of kernel memory' };
  const frame = yield* obtainFrame(vm, space.pid, page.va);
  if (typeof frame === 'string') return { ok: false, reason: frame };
  const resolution = page.ops.swapIn(vm, space.pid, page, frame);
  if (resolution === 'swap-in' && stopAsked(vm)) yield `mapping frame ${frame.index}`;
  if (!linkPage(vm, space, page, frame, page.writable)) throw new Error(`page table for 0x${page.va.toString(16)} vanished during a claim`);
  frame.pins--;
  return { ok: true, resolution, frame: frame.index };
}

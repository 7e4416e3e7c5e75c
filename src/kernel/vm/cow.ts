// Breaking copy-on-write sharing on a write fault: the last sharer of a frame gets write access
// back ('cow-reuse'); any other sharer gets a private copy ('cow-copy'). The source frame is pinned
// while the copy's frame is found, so the eviction that may need cannot take it.
import { PTE_W } from '../../emu/memory/pte';
import type { AddressSpace } from '../memory/address-space';
import type { Steps } from '../steps';
import type { FrameShortage } from './evictor';
import { obtainFrame } from './evictor';
import { frameDirty, linkPage, unlinkPage } from './frame-sharers';
import type { Page } from './page';
import { editLeaf } from './user-pte';
import type { VmState } from './vm-state';

/** The resolution and the frame now mapped writable, or why no frame could be had for the copy. */
export type CowResult = { ok: true; resolution: 'cow-copy' | 'cow-reuse'; frame: number } | { ok: false; reason: FrameShortage };

/**
 * Gives `page` of `space` (resident, writable, marked COW) a frame it may write. Returns the
 * resolution and the frame, or why no frame could be had for the copy (nothing changed then).
 * Pauses at each event of getting the copy's frame that a debugger stops on (see steps.ts).
 */
export function* breakCow(vm: VmState, space: AddressSpace, page: Page): Steps<CowResult> {
  const src = vm.frames.get(page.frame as number);
  if (src.owners.length === 1) {
    editLeaf(vm, space, page.va, PTE_W, 0n);
    page.cow = false;
    return { ok: true, resolution: 'cow-reuse', frame: src.index };
  }
  src.pins++;
  const dst = yield* obtainFrame(vm, space.pid, page.va);
  if (typeof dst === 'string') {
    src.pins--;
    return { ok: false, reason: dst };
  }
  vm.deps.phys.copyPage(dst.pa, src.pa);
  dst.dirty = frameDirty(vm, src);
  unlinkPage(vm, space, page);
  src.pins--;
  if (!linkPage(vm, space, page, dst, true)) throw new Error(`page table for 0x${page.va.toString(16)} vanished during a COW copy`);
  dst.pins--;
  return { ok: true, resolution: 'cow-copy', frame: dst.index };
}

// FILE pages: mmap pages, backed by a span of the mapping's own file. Eviction writes a dirty frame
// back and drops it; a fault reads the span again (the tail past end of file reads as zeros).
import type { FrameRecord } from '../frame-table';
import { frameDirty, markFrameClean } from '../frame-sharers';
import type { Page } from '../page';
import type { PageOps } from '../page-ops';
import { emit, type VmState } from '../vm-state';

/**
 * Writes the file part of `frame` (the content of FILE page `page` of process `pid`) to its span of
 * the file; emits 'write-back'. The frame stays dirty for the caller to clear.
 */
export function writeBack(vm: VmState, pid: number, page: Page, frame: FrameRecord): void {
  const span = page.backing;
  if (span === undefined) throw new Error(`FILE page 0x${page.va.toString(16)} has no backing span`);
  const bytes = vm.deps.phys.readBytes(frame.pa, span.length);
  const written = span.length === 0 ? 0 : span.file.writeAt(bytes, span.length, span.offset);
  vm.stats.of(pid).writeBacks++;
  emit(vm, pid, { kind: 'write-back', page: page.va, frame: frame.index, file: span.name, offset: span.offset, bytes: written });
}

/** Operations of FILE pages: reload from the file; write back when dirty at eviction and destruction. */
export const fileOps: PageOps = {
  kind: 'file',
  swapIn(vm, _pid, page, frame) {
    const span = page.backing;
    if (span === undefined) throw new Error(`FILE page 0x${page.va.toString(16)} has no backing span`);
    const buf = new Uint8Array(4096);
    if (span.length > 0) span.file.readAt(buf, span.length, span.offset);
    vm.deps.phys.writeBytes(frame.pa, buf);
    return 'file-reload';
  },
  swapOut(vm, frame, sharers, dirty) {
    if (dirty) {
      const first = sharers[0];
      writeBack(vm, first.space.pid, first.page, frame);
      frame.dirty = false;
    }
    return true;
  },
  destroy(vm, space, page) {
    if (page.frame === undefined) return false;
    const frame = vm.frames.get(page.frame);
    if (!frameDirty(vm, frame)) return false;
    writeBack(vm, space.pid, page, frame);
    markFrameClean(vm, frame);
    return true;
  },
};

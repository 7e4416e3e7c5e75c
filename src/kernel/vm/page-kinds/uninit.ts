// UNINIT pages: registered but never touched. Their first fault runs the initializer (zero the
// frame, copy the file spans) and switches the page to its target kind's operations.
import type { PageOps } from '../page-ops';
import { anonOps } from './anon';
import { fileOps } from './file';

/** Operations of UNINIT pages: swapIn runs the initializer and switches the page to its target kind; swapOut never happens. */
export const uninitOps: PageOps = {
  kind: 'uninit',
  swapIn(vm, _pid, page, frame) {
    const init = page.lazy;
    if (init === undefined) throw new Error(`UNINIT page 0x${page.va.toString(16)} has no initializer`);
    const phys = vm.deps.phys;
    phys.zeroPage(frame.pa);
    for (const span of init.spans) {
      if (span.length === 0) continue;
      const buf = new Uint8Array(span.length);
      const n = span.file.readAt(buf, span.length, span.offset);
      phys.writeBytes(frame.pa, buf.subarray(0, n));
    }
    page.lazy = undefined;
    if (init.target === 'file') {
      page.ops = fileOps;
      page.backing = init.spans[0];
      return 'lazy-file';
    }
    page.ops = anonOps;
    return init.spans.some((s) => s.length > 0) ? 'lazy-file' : 'lazy-anon';
  },
  swapOut(_vm, frame) {
    throw new Error(`UNINIT page in frame ${frame.index}: an UNINIT page never has a frame`);
  },
  destroy() {
    return false;
  },
};

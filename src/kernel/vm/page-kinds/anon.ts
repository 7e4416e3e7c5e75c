// ANON pages: content with no file behind it (stack, .bss, executable segments once loaded, COW
// copies). Eviction writes the frame once to a swap slot shared by all its sharers; a fault reads
// it back and drops one slot reference.
import { PAGE_SIZE } from '../layout';
import { touchSlot } from '../touch-log';
import { emit } from '../vm-state';
import type { PageOps } from '../page-ops';

/** Operations of ANON pages: swap slot out and in; destroy drops the slot reference. */
export const anonOps: PageOps = {
  kind: 'anon',
  swapIn(vm, pid, page, frame) {
    const slot = page.slot;
    if (slot === undefined) throw new Error(`ANON page 0x${page.va.toString(16)} is neither resident nor in swap`);
    vm.deps.phys.writeBytes(frame.pa, vm.swap.readPage(slot));
    vm.swap.dropRef(slot);
    page.slot = undefined;
    touchSlot(vm, slot, page.va);
    vm.stats.of(pid).swapIns++;
    emit(vm, pid, { kind: 'swap-in', page: page.va, frame: frame.index, slot });
    return 'swap-in';
  },
  swapOut(vm, frame, sharers) {
    const slot = vm.swap.allocate(sharers.length);
    if (slot === undefined) return false;
    vm.swap.writePage(slot, vm.deps.phys.ram.subarray(frame.pa, frame.pa + PAGE_SIZE));
    for (const s of sharers) s.page.slot = slot;
    const first = sharers[0];
    touchSlot(vm, slot, first.page.va);
    vm.stats.of(first.space.pid).swapOuts++;
    emit(vm, first.space.pid, { kind: 'swap-out', page: first.page.va, frame: frame.index, slot, sharers: sharers.length });
    return true;
  },
  destroy(vm, _space, page) {
    if (page.slot !== undefined) {
      vm.swap.dropRef(page.slot);
      touchSlot(vm, page.slot, page.va);
      page.slot = undefined;
    }
    return false;
  },
};

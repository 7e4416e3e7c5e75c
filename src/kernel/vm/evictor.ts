// Getting a frame for a page: the lowest free frame of the user pool, or, when the pool is empty,
// one taken from its current pages by the selected eviction policy. Eviction saves the content
// the way the victim's kind says (swap slot or file write-back) and unmaps every sharer.
import { POLICIES } from './eviction/policies';
import type { VictimChoice } from './eviction/policy';
import type { FrameRecord } from './frame-table';
import { frameDirty, releaseIfUnused, unlinkPage } from './frame-sharers';
import { emit, ownerPage, type VmState } from './vm-state';

/** Why no frame could be had. */
export type FrameShortage = 'out of swap' | 'out of memory';

/** Kind of the pages sharing `frame` (they all have the same kind). */
function frameKind(vm: VmState, frame: FrameRecord): string {
  return ownerPage(vm, frame.owners[0]).page.ops.kind;
}

/**
 * Returns a frame for page `va` of process `pid`: pinned once (the caller unpins it after filling
 * and mapping it), with no owner; emits 'frame-alloc' (after the eviction events, if any).
 * Returns 'out of swap' when only frames needing a swap slot could be evicted and the swap disk is
 * full (or absent), 'out of memory' when every frame is pinned. Never evicts a pinned frame.
 */
export function obtainFrame(vm: VmState, pid: number, va: number): FrameRecord | FrameShortage {
  let frame = vm.frames.allocate(vm.policy.lruNow);
  if (frame === undefined) {
    const swapFree = vm.swap.hasFree();
    const unpinned = (f: FrameRecord) => f.pins === 0 && f.owners.length > 0;
    const choice = POLICIES[vm.deps.policy](vm, (f) => unpinned(f) && (swapFree || frameKind(vm, f) !== 'anon'));
    if (choice === undefined) return vm.frames.inUse().some(unpinned) ? 'out of swap' : 'out of memory';
    evictFrame(vm, choice, pid);
    frame = vm.frames.allocate(vm.policy.lruNow);
    if (frame === undefined) throw new Error('no free frame right after an eviction');
  }
  emit(vm, pid, { kind: 'frame-alloc', frame: frame.index, page: va });
  return frame;
}

/**
 * Evicts the chosen frame for process `pid`: emits 'eviction', saves the content through the kind's
 * swapOut (one swap slot shared by all sharers, or a write-back when dirty), unmaps every sharer
 * and frees the frame. Assumes the policy only chose a frame whose content can be saved.
 */
export function evictFrame(vm: VmState, choice: VictimChoice, pid: number): void {
  const frame = choice.frame;
  const sharers = frame.owners.map((o) => ownerPage(vm, o));
  const first = sharers[0];
  const dirty = frameDirty(vm, frame);
  vm.stats.of(pid).evictionsCaused++;
  emit(vm, pid, {
    kind: 'eviction',
    victimPid: first.space.pid,
    page: first.page.va,
    frame: frame.index,
    policy: vm.deps.policy,
    handTravel: choice.handTravel,
    pageKind: first.page.ops.kind,
    dirty,
  });
  if (!first.page.ops.swapOut(vm, frame, sharers, dirty)) throw new Error(`frame ${frame.index} chosen as victim but its content cannot be saved`);
  for (const s of sharers) {
    unlinkPage(vm, s.space, s.page);
    vm.stats.of(s.space.pid).pagesEvicted++;
  }
  frame.dirty = false;
  releaseIfUnused(vm, frame, first.space.pid, first.page.va);
}

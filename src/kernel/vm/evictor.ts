// Getting a frame for a page: the lowest free frame of the user pool, or, when the pool is empty,
// one taken from its current pages by the selected eviction policy. Eviction unmaps every sharer
// and saves the content the way the victim's kind says (swap slot or file write-back).
import type { Steps } from '../steps';
import { POLICIES } from './eviction/policies';
import type { VictimChoice } from './eviction/policy';
import type { FrameRecord } from './frame-table';
import { frameDirty, releaseIfUnused, unlinkPage } from './frame-sharers';
import { touchFrame } from './touch-log';
import { emit, ownerPage, stopAsked, type VmState } from './vm-state';

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
 * Pauses at each event a debugger stops on (see steps.ts).
 */
export function* obtainFrame(vm: VmState, pid: number, va: number): Steps<FrameRecord | FrameShortage> {
  let frame = vm.frames.allocate(vm.policy.lruNow);
  if (frame === undefined) {
    const swapFree = vm.swap.hasFree();
    const unpinned = (f: FrameRecord) => f.pins === 0 && f.owners.length > 0;
    const choice = POLICIES[vm.deps.policy](vm, (f) => unpinned(f) && (swapFree || frameKind(vm, f) !== 'anon'));
    if (choice === undefined) return vm.frames.inUse().some(unpinned) ? 'out of swap' : 'out of memory';
    yield* evictFrame(vm, choice, pid);
    frame = vm.frames.allocate(vm.policy.lruNow);
    if (frame === undefined) throw new Error('no free frame right after an eviction');
  }
  touchFrame(vm, frame.index);
  emit(vm, pid, { kind: 'frame-alloc', frame: frame.index, page: va });
  if (stopAsked(vm)) yield `filling frame ${frame.index}`;
  return frame;
}

/**
 * Evicts the chosen frame for process `pid`: emits 'eviction' (the victim still in its frame),
 * unmaps every sharer, saves the content through the kind's swapOut (one swap slot shared by all
 * sharers, or a write-back when dirty; its event finds the victim out of the frame, in its slot
 * or file) and frees the frame. Assumes the policy only chose a frame whose content can be saved.
 * Pauses at each event a debugger stops on (see steps.ts).
 */
export function* evictFrame(vm: VmState, choice: VictimChoice, pid: number): Steps<void> {
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
  if (stopAsked(vm)) yield `evicting frame ${frame.index} (page 0x${first.page.va.toString(16)} of pid ${first.space.pid})`;
  for (const s of sharers) {
    unlinkPage(vm, s.space, s.page);
    vm.stats.of(s.space.pid).pagesEvicted++;
  }
  if (!first.page.ops.swapOut(vm, frame, sharers, dirty)) throw new Error(`frame ${frame.index} chosen as victim but its content cannot be saved`);
  if (stopAsked(vm)) yield `evicting frame ${frame.index}: its page is saved`;
  frame.dirty = false;
  releaseIfUnused(vm, frame, first.space.pid, first.page.va);
  if (stopAsked(vm)) yield `frame ${frame.index} is free`;
}

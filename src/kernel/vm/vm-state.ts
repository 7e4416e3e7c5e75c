// The state of the VM subsystem shared by all its parts: the machine it runs on (VmDeps), the frame
// table, the swap map, the live address spaces, the eviction policy's state and the statistics.
// Plain data; the functions working on it live in the other files of this folder.
import type { MemoryBus } from '../../emu/memory/contract';
import type { PhysicalMemory } from '../../emu/memory/physical-memory';
import type { BlockDevice } from '../devices/block-device';
import type { EventBus, KernelEvent, KernelEventBody } from '../events';
import type { AddressSpace } from '../memory/address-space';
import type { FramePool } from '../memory/frame-pool';
import { FrameTable, type FrameOwner } from './frame-table';
import type { Page } from './page';
import { StatsBook } from './stats';
import { SwapTable } from './swap-table';
import { newTouchLog, type TouchLog } from './touch-log';

export type EvictionPolicyName = 'clock' | 'fifo' | 'lru' | 'random';
/** Every policy name, clock (the Pintos default) first. */
export const EVICTION_POLICIES: readonly EvictionPolicyName[] = ['clock', 'fifo', 'lru', 'random'];

/** What the VM subsystem runs on. */
export interface VmDeps {
  /** the MMU: setRoot / invalidatePage / translate */
  mem: MemoryBus;
  /** RAM by physical address */
  phys: PhysicalMemory;
  /** frames for user pages */
  userPool: FramePool;
  /** page-table pages and kernel bookkeeping */
  kernelPool: FramePool;
  /** N*252 slots of 8 sectors; undefined = no swap */
  swapDisk: BlockDevice | undefined;
  events: EventBus;
  policy: EvictionPolicyName;
  /** seed of the random policy's generator */
  seed: number;
  /** run the invariant checker after every VM operation and throw on a violation */
  checkInvariants: boolean;
  /** kernel virtual address of physical address 0 (0x8004000000) */
  kernBase: number;
  /** charges `units` of busy kernel work to guest time (work-costs.ts); absent: not charged */
  chargeWork?: (units: number) => void;
}

/** State of the eviction policies (all of it plain numbers). */
export interface PolicyState {
  /** next frame index the clock hand looks at */
  clockHand: number;
  /** xorshift32 state of the random policy */
  rng: number;
  /** current LRU observation round */
  lruNow: number;
}

/** Everything the VM subsystem knows; every function of this folder takes it first. */
export interface VmState {
  readonly deps: VmDeps;
  readonly frames: FrameTable;
  readonly swap: SwapTable;
  /** live address spaces by id, in creation order */
  readonly spaces: Map<number, AddressSpace>;
  readonly policy: PolicyState;
  readonly stats: StatsBook;
  nextSpaceId: number;
  nextMappingId: number;
  /** rip to stamp events with during the operation in progress (a fault's rip) */
  rip: number | undefined;
  /** what the operation in progress changed, for the incremental invariant checker; undefined when it is off */
  touched: TouchLog | undefined;
}

/** Returns the initial state over `deps`. */
export function newVmState(deps: VmDeps): VmState {
  const seed = deps.seed >>> 0;
  return {
    deps,
    frames: new FrameTable(deps.userPool),
    swap: new SwapTable(deps.swapDisk),
    spaces: new Map(),
    policy: { clockHand: 0, rng: seed === 0 ? 0x9e3779b9 : seed, lruNow: 0 },
    stats: new StatsBook(),
    nextSpaceId: 1,
    nextMappingId: 1,
    rip: undefined,
    touched: deps.checkInvariants ? newTouchLog() : undefined,
  };
}

/** Emits an event about process `pid`, stamped with the rip of the operation in progress. */
export function emit(vm: VmState, pid: number, body: KernelEventBody): KernelEvent {
  return vm.deps.events.emit(pid, body, vm.rip);
}

/** True when a listener of the event just emitted asked the machine to stop: the work in progress pauses there (see steps.ts). */
export function stopAsked(vm: VmState): boolean {
  return vm.deps.events.stopRequested;
}

/** The live space with id `id`; throws when there is none (a kernel bug). */
export function spaceById(vm: VmState, id: number): AddressSpace {
  const s = vm.spaces.get(id);
  if (s === undefined) throw new Error(`address space ${id} is not alive`);
  return s;
}

/** The page and space an owner entry names; throws when either is gone (a kernel bug). */
export function ownerPage(vm: VmState, owner: FrameOwner): { space: AddressSpace; page: Page } {
  const space = spaceById(vm, owner.space);
  const page = space.spt.get(owner.va);
  if (page === undefined) throw new Error(`frame owner ${owner.space}:0x${owner.va.toString(16)} has no SPT entry`);
  return { space, page };
}

// What kernel work costs in guest time, in work units (retired user instructions; TICK_WORK of
// them make a tick). Calibrated against Pintos-KAIST on QEMU (PINTOS-ABI.md §8): a file-system
// sector costs about 0.05 tick (syn-read moves ~11,400 sectors in ~500 ticks), a swap sector
// about 0.01 tick (swap-anon moves ~96,000 in ~1,100), booting a trivial test about 60 ticks of
// which ~35 are idle, a fork with its exit a fraction of a tick. A disk sector is a wait for
// the controller (idle time) plus a transfer done by the CPU (busy time).
import type { KernelEventBody } from '../events';
import { TICK_WORK } from './timer';

/** A disk sector: the wait for the controller (idle) and the transfer by the CPU (busy). */
export interface SectorCost {
  wait: number;
  transfer: number;
}

/** Sectors of the file-system, scratch and kernel disks: 0.012 tick waiting + 0.038 moving. */
export const FS_SECTOR_COST: SectorCost = { wait: 78_000, transfer: 247_000 };
/** Sectors of the swap disk (whole pages, written and read in runs): 0.003 + 0.007 tick. */
export const SWAP_SECTOR_COST: SectorCost = { wait: 19_500, transfer: 45_500 };

/** Booting before the first disk access: timer calibration and set-up (busy), probing the disks (idle). */
export const BOOT_COST = { calibrate: 13 * TICK_WORK, probeDisks: 32 * TICK_WORK } as const;

/** Busy kernel work, in work units. */
export const KERNEL_COST = {
  /** entering and leaving the kernel, checking the arguments */
  syscall: 2_000,
  /** one character to the serial port and the screen */
  consoleChar: 1_000,
  /** finding the page, taking a frame, zeroing or copying it, mapping it */
  pageFault: 10_000,
  /** choosing a victim frame, plus each frame the clock hand passes */
  eviction: 5_000,
  evictionHandStep: 100,
  /** a new thread, page table and descriptor table, 0.1 tick */
  fork: 650_000,
  /** each page a fork shares copy-on-write (both page tables updated) */
  cowSharePage: 5_000,
  /** loading an executable (beside the sectors it reads): the first process or an exec, 0.05 tick */
  load: 325_000,
  /** registering one page of an executable segment for lazy loading (its page record and hash entry) */
  segmentPage: 1_000,
  /** tearing a process down: descriptors, address space, thread, 0.03 tick */
  exit: 200_000,
} as const;

/** Busy work charged for the kernel event `e` when it happens (0 for events that cost nothing extra). */
export function eventWork(e: KernelEventBody): number {
  switch (e.kind) {
    case 'page-fault':
      return KERNEL_COST.pageFault;
    case 'eviction':
      return KERNEL_COST.eviction + e.handTravel * KERNEL_COST.evictionHandStep;
    case 'fork':
      return KERNEL_COST.fork;
    case 'cow-share':
      return e.pages * KERNEL_COST.cowSharePage;
    case 'process-start':
      return e.parentPid === 0 ? KERNEL_COST.load : 0;
    case 'exec':
      return KERNEL_COST.load;
    case 'exit':
      return KERNEL_COST.exit;
    default:
      return 0;
  }
}

// A checkpoint of the whole machine, taken between two instructions: the CPU and its retired count,
// physical memory (a copy-on-write snapshot of the memory system), every kernel object (an image of
// the kernel's state sharing the records of objects unchanged since the previous checkpoint, disks
// shared copy-on-write) and what the debugger derived from the kernel's events (its history
// participants). Restoring one puts the machine back exactly where it was, so
// running forward from it repeats the same instructions and events (the machine is deterministic).
import type { SnapshotHandle } from '../../emu/memory';
import type { MachineSnapshot } from '../../emu/machine';
import type { BootedMachine } from '../machine-boot';
import { KernelImager, restoreImage, type KernelImage } from './kernel-image';

/** State of the debugger that follows the machine (derived from its events) and travels with it. */
export interface HistoryParticipant {
  /** A copy of the state (taken at a checkpoint). */
  saveHistory(): unknown;
  /** Makes the live state what `saved` (from saveHistory) describes. */
  restoreHistory(saved: unknown): void;
}

/** Where a checkpoint was taken: instructions retired and kernel events emitted so far. */
export interface MachinePosition {
  readonly retired: number;
  readonly seq: number;
}

/** One checkpoint. */
export interface MachineCheckpoint extends MachinePosition {
  readonly cpu: MachineSnapshot;
  readonly memory: SnapshotHandle;
  readonly kernel: KernelImage;
  readonly participants: unknown[];
}

/** The emulator objects the kernel refers to; they snapshot themselves and are never copied. */
function externalsOf(booted: BootedMachine): Set<object> {
  return new Set<object>([booted.machine, booted.machine.cpu, booted.memory, booted.memory.phys]);
}

/** An imager for `booted`'s kernel: checkpoints taken with the same one share unchanged records. */
export function kernelImager(booted: BootedMachine): KernelImager {
  return new KernelImager(externalsOf(booted));
}

/**
 * Takes a checkpoint of `booted` and `participants` now. The machine must be between two
 * instructions with no kernel work held back by a debugger stop (a process's pending fault
 * resolution is a running generator and cannot be copied: that throws). `imager` (from
 * kernelImager for the same machine) shares records with the checkpoints it took before.
 */
export function takeCheckpoint(booted: BootedMachine, participants: readonly HistoryParticipant[], imager = kernelImager(booted)): MachineCheckpoint {
  const { kernel, machine, memory } = booted;
  const image = imager.take(kernel);
  return {
    retired: machine.retired,
    seq: kernel.events.count,
    cpu: machine.snapshot(),
    memory: memory.snapshot(),
    kernel: image,
    participants: participants.map((p) => p.saveHistory()),
  };
}

/**
 * Puts `booted` and `participants` back at checkpoint `cp` (which stays usable; checkpoints taken
 * after it are released by the memory system and must be dropped by the caller). Every kernel
 * object keeps its identity; those created after the checkpoint are no longer reachable.
 */
export function restoreCheckpoint(booted: BootedMachine, cp: MachineCheckpoint, participants: readonly HistoryParticipant[]): void {
  const { machine, memory } = booted;
  memory.restore(cp.memory);
  machine.restore(cp.cpu);
  machine.flushDecodedCode();
  restoreImage(cp.kernel);
  participants.forEach((p, i) => p.restoreHistory(cp.participants[i]));
}

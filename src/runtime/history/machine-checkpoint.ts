// A checkpoint of the whole machine, taken between two instructions: the CPU and its retired count,
// physical memory (a copy-on-write snapshot of the memory system), every kernel object (a deep copy
// of the kernel's state, disks shared copy-on-write) and what the debugger derived from the kernel's
// events (its history participants). Restoring one puts the machine back exactly where it was, so
// running forward from it repeats the same instructions and events (the machine is deterministic).
import type { SnapshotHandle } from '../../emu/memory';
import type { MachineSnapshot } from '../../emu/machine';
import type { Kernel } from '../../kernel/kernel';
import type { BootedMachine } from '../machine-boot';
import { copyContext, copyValue, restoreInPlace } from './object-graph';

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
  readonly kernel: Kernel;
  readonly participants: unknown[];
}

/** The emulator objects the kernel refers to; they snapshot themselves and are never copied. */
function externalsOf(booted: BootedMachine): Set<object> {
  return new Set<object>([booted.machine, booted.machine.cpu, booted.memory, booted.memory.phys]);
}

/** The kernel's own objects (its fields, the emulator's aside): restored in place, so references to them stay valid. */
function topLevel(kernel: Kernel, externals: ReadonlySet<object>): object[] {
  return Object.values(kernel).filter((v): v is object => typeof v === 'object' && v !== null && !Object.isFrozen(v) && !externals.has(v));
}

/**
 * Takes a checkpoint of `booted` and `participants` now. The machine must be between two
 * instructions with no kernel work held back by a debugger stop (a process's pending fault
 * resolution is a running generator and cannot be copied: that throws).
 */
export function takeCheckpoint(booted: BootedMachine, participants: readonly HistoryParticipant[]): MachineCheckpoint {
  const { kernel, machine, memory } = booted;
  const externals = externalsOf(booted);
  const kernelCopy = copyValue(kernel, copyContext(externals));
  return {
    retired: machine.retired,
    seq: kernel.events.count,
    cpu: machine.snapshot(),
    memory: memory.snapshot(),
    kernel: kernelCopy,
    participants: participants.map((p) => p.saveHistory()),
  };
}

/**
 * Puts `booted` and `participants` back at checkpoint `cp` (which stays usable; checkpoints taken
 * after it are released by the memory system and must be dropped by the caller). The kernel object
 * and its direct parts keep their identity; everything below them is fresh.
 */
export function restoreCheckpoint(booted: BootedMachine, cp: MachineCheckpoint, participants: readonly HistoryParticipant[]): void {
  const { kernel, machine, memory } = booted;
  memory.restore(cp.memory);
  machine.restore(cp.cpu);
  machine.flushDecodedCode();
  const externals = externalsOf(booted);
  const parts = topLevel(kernel, externals);
  const saved = cp.kernel as unknown as Record<string, unknown>;
  const live: object[] = [];
  const copies: object[] = [];
  for (const [key, part] of Object.entries(kernel)) {
    const copy = saved[key];
    if (!parts.includes(part) || typeof copy !== 'object' || copy === null || Object.getPrototypeOf(copy) !== Object.getPrototypeOf(part)) continue;
    live.push(part as object);
    copies.push(copy);
  }
  restoreInPlace([kernel, ...live], [cp.kernel, ...copies], externals);
  participants.forEach((p, i) => p.restoreHistory(cp.participants[i]));
}

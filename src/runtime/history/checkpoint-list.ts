// The checkpoints of one run, oldest first: one right after boot, then one every INTERVAL retired
// instructions as the machine runs (forward or replaying), within a memory budget. Restoring one
// drops the later ones (the memory system releases their snapshots); running on takes them again.
import { BlockDevice } from '../../kernel/devices/block-device';
import type { BootedMachine } from '../machine-boot';
import type { KernelImager } from './kernel-image';
import { selfCopies } from './kernel-image';
import { kernelImager, restoreCheckpoint, takeCheckpoint, type HistoryParticipant, type MachineCheckpoint, type MachinePosition } from './machine-checkpoint';

/** Retired instructions between two checkpoints: bounds the replay behind every step back. */
export const CHECKPOINT_INTERVAL = 2_000_000;

/** What the history holds now. */
export interface HistoryStats {
  checkpoints: number;
  /** estimated bytes held by checkpoints (RAM pages saved, kernel copies, disk chunks) */
  bytes: number;
  budgetBytes: number;
  oldestRetired: number;
  newestRetired: number;
}

interface Entry {
  cp: MachineCheckpoint;
  /** the disks as the checkpoint saved them */
  disks: BlockDevice[];
}

/** The checkpoints of one machine. */
export class CheckpointList {
  private readonly entries: Entry[] = [];
  /** images of the kernel: each checkpoint shares the records of objects unchanged since one before */
  private readonly imager: KernelImager;

  constructor(
    private readonly booted: BootedMachine,
    private readonly participants: readonly HistoryParticipant[],
    private readonly budgetBytes: number,
    private readonly interval = CHECKPOINT_INTERVAL,
  ) {
    this.imager = kernelImager(booted);
  }

  /** Instructions the machine may run before the next checkpoint is due (at least 1). */
  untilNext(): number {
    const last = this.entries[this.entries.length - 1];
    if (last === undefined) return 1;
    return Math.max(1, last.cp.retired + this.interval - this.booted.machine.retired);
  }

  /** True when a checkpoint is due: none yet, or INTERVAL instructions since the newest. */
  due(): boolean {
    const last = this.entries[this.entries.length - 1];
    return last === undefined || this.booted.machine.retired >= last.cp.retired + this.interval;
  }

  /**
   * Takes a checkpoint if one is due. Call only between instructions with no kernel work held
   * back by a stop. Keeps within the budget by dropping old checkpoints (never the first).
   */
  takeIfDue(): void {
    if (!this.due()) return;
    const cp = takeCheckpoint(this.booted, this.participants, this.imager);
    this.entries.push({ cp, disks: selfCopies(cp.kernel).filter((c): c is BlockDevice => c instanceof BlockDevice) });
    this.keepWithinBudget();
  }

  /** The newest checkpoint taken at or before `pos` (by instructions, then events), if any. */
  latestAtOrBefore(pos: MachinePosition): MachineCheckpoint | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const cp = this.entries[i].cp;
      if (cp.retired < pos.retired || (cp.retired === pos.retired && cp.seq <= pos.seq)) return cp;
    }
    return undefined;
  }

  /** The newest checkpoint, if any. */
  newest(): MachineCheckpoint | undefined {
    return this.entries[this.entries.length - 1]?.cp;
  }

  /** The checkpoint before `cp`, if any. */
  before(cp: MachineCheckpoint): MachineCheckpoint | undefined {
    const i = this.entries.findIndex((e) => e.cp === cp);
    return i > 0 ? this.entries[i - 1].cp : undefined;
  }

  /** Puts the machine back at `cp` and forgets the checkpoints after it. */
  restore(cp: MachineCheckpoint): void {
    const i = this.entries.findIndex((e) => e.cp === cp);
    if (i < 0) throw new Error('internal error: restoring a checkpoint that was dropped');
    restoreCheckpoint(this.booted, cp, this.participants);
    this.entries.length = i + 1;
  }

  /** Sizes and span of the history. */
  stats(): HistoryStats {
    const memory = this.booted.memory;
    let bytes = 0;
    for (const e of this.entries) bytes += e.cp.kernel.bytes + memory.snapshotPageCount(e.cp.memory) * 4096;
    bytes += this.diskBytes();
    return {
      checkpoints: this.entries.length,
      bytes,
      budgetBytes: this.budgetBytes,
      oldestRetired: this.entries[0]?.cp.retired ?? 0,
      newestRetired: this.entries[this.entries.length - 1]?.cp.retired ?? 0,
    };
  }

  /** Bytes of disk chunks that only checkpoints hold (the live disks no longer use them). */
  private diskBytes(): number {
    const live = new Set<Uint8Array>();
    const k = this.booted.kernel;
    for (const disk of [k.fsDisk, k.swapDisk, k.scratchDisk, k.kernelDisk]) for (const c of disk?.storageChunks() ?? []) live.add(c);
    const held = new Set<Uint8Array>();
    for (const e of this.entries) for (const disk of e.disks) for (const c of disk.storageChunks()) if (!live.has(c)) held.add(c);
    let bytes = 0;
    for (const c of held) bytes += c.byteLength;
    return bytes;
  }

  /** Drops every other checkpoint after the first while the history is over its budget. */
  private keepWithinBudget(): void {
    while (this.entries.length > 2 && this.stats().bytes > this.budgetBytes) {
      const before = this.entries.length;
      for (let i = this.entries.length - 2; i >= 1; i -= 2) {
        this.booted.memory.releaseSnapshot(this.entries[i].cp.memory);
        this.entries.splice(i, 1);
      }
      if (this.entries.length === before) return;
    }
  }
}

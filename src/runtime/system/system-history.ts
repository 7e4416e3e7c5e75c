// Time travel for a booted kernel: checkpoints of the whole PC (RAM copy-on-write, CPU, devices,
// disks, how much serial output there was) taken at stops and every CHECKPOINT_INTERVAL retired
// instructions, and replays from them. Runs are deterministic (guest time is retired
// instructions), so restoring a checkpoint and running N instructions reaches exactly the state a
// forward run had N instructions after it. Replays yield between chunks so requests are answered.
import type { DebugInfo } from '../../debuginfo/debug-info';
import type { PcMachine, PcSnapshot } from '../../emu/pc/pc-machine';
import type { BlockDevice } from '../../kernel/devices/block-device';
import { SNAPSHOT_COPY, SNAPSHOT_RESTORE } from '../../kernel/snapshot-hooks';
import type { Work } from '../history/time-travel';

/** Retired instructions between checkpoints taken while running. */
export const CHECKPOINT_INTERVAL = 250_000;
/** Most checkpoints kept; beyond it every other old one is dropped. */
const MAX_CHECKPOINTS = 256;
/** Instructions replayed between yields. */
const REPLAY_CHUNK = 200_000;
/** Single steps between yields while scanning for a line start. */
const SCAN_CHUNK = 20_000;

interface Checkpoint {
  retired: number;
  pc: PcSnapshot;
  disks: object[];
  serial: number;
}

/** What a scan of the past looks for at each instruction boundary it passes. */
export type BoundaryTest = () => boolean;

/** The checkpoints of one run and the replays between them. */
export class SystemHistory {
  private readonly checkpoints: Checkpoint[] = [];

  constructor(
    private readonly pc: PcMachine,
    private readonly disks: BlockDevice[],
    /** serial bytes produced so far, and setting it back on a restore */
    private readonly serial: { count(): number; rewind(count: number): void },
  ) {}

  /** Retired instructions of the oldest checkpoint (how far back travel can go). */
  get start(): number {
    return this.checkpoints[0]?.retired ?? this.pc.machine.retired;
  }

  /** Takes a checkpoint here, unless the newest is at this instruction already. */
  take(): void {
    const retired = this.pc.machine.retired;
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.retired >= retired) return;
    this.checkpoints.push({ retired, pc: this.pc.snapshot(), disks: this.disks.map((d) => d[SNAPSHOT_COPY]()), serial: this.serial.count() });
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.thin();
  }

  /** Takes a checkpoint when CHECKPOINT_INTERVAL instructions passed since the newest. */
  takeIfDue(): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (!last || this.pc.machine.retired - last.retired >= CHECKPOINT_INTERVAL) this.take();
  }

  /**
   * Puts the machine at exactly `target` retired instructions (not after now, not before the
   * oldest checkpoint): restores the newest checkpoint at or before it and replays the rest with
   * no stop (breakpoints and exception stops pass).
   */
  *travelTo(target: number): Work<void> {
    const cp = this.restoreAtOrBefore(target);
    yield* this.replay(cp.retired, target);
  }

  /**
   * The last instruction boundary in [from, before) where `test` holds, scanning back a
   * checkpoint's stretch at a time; the machine is left there (or at the oldest checkpoint when
   * there is none, and then undefined).
   */
  *lastBoundary(before: number, test: BoundaryTest): Work<number | undefined> {
    let end = before;
    for (;;) {
      const cp = this.restoreAtOrBefore(end - 1);
      let found: number | undefined;
      while (this.pc.machine.retired < end) {
        for (let n = 0; n < SCAN_CHUNK && this.pc.machine.retired < end; n++) {
          if (test()) found = this.pc.machine.retired;
          this.stepOne();
        }
        yield;
      }
      if (found !== undefined) {
        yield* this.travelTo(found);
        return found;
      }
      if (cp === this.checkpoints[0] || cp.retired >= end) {
        this.restoreAtOrBefore(cp.retired);
        return undefined;
      }
      end = cp.retired;
    }
  }

  /** Runs exactly one instruction (a pending interrupt may be delivered first), passing every stop. */
  private stepOne(): void {
    const before = this.pc.machine.retired;
    for (let k = 0; k < 4 && this.pc.machine.retired === before; k++) {
      const stop = this.pc.run(1);
      if (stop.kind === 'power' || stop.kind === 'dead' || stop.kind === 'triple-fault') return;
    }
  }

  private *replay(from: number, to: number): Work<void> {
    void from;
    while (this.pc.machine.retired < to) {
      const stop = this.pc.run(Math.min(REPLAY_CHUNK, to - this.pc.machine.retired));
      if (stop.kind === 'power' || stop.kind === 'dead' || stop.kind === 'triple-fault') return;
      if (stop.kind === 'budget') yield;
    }
  }

  /** Restores the newest checkpoint at or before `retired` (the oldest when none is) and drops those after it. */
  private restoreAtOrBefore(retired: number): Checkpoint {
    let i = this.checkpoints.length - 1;
    while (i > 0 && this.checkpoints[i].retired > retired) i--;
    const cp = this.checkpoints[i];
    // restoring releases the memory snapshots taken after this one
    this.checkpoints.length = i + 1;
    this.pc.restore(cp.pc);
    this.disks.forEach((d, k) => d[SNAPSHOT_RESTORE](cp.disks[k]));
    this.serial.rewind(cp.serial);
    return cp;
  }

  /** Drops every other checkpoint of the older half (their memory snapshots released). */
  private thin(): void {
    const keep: Checkpoint[] = [];
    const half = this.checkpoints.length >> 1;
    this.checkpoints.forEach((cp, i) => {
      if (i === 0 || i >= half || i % 2 === 0) keep.push(cp);
      else this.pc.memory.releaseSnapshot(cp.pc.memory);
    });
    this.checkpoints.length = 0;
    this.checkpoints.push(...keep);
  }
}

/**
 * The boundary test of a line step back from where `pc` stands now: an instruction that starts a
 * statement of another line, in this function or a caller (rsp at or above today's on the same
 * stack and address space), so calls and interrupt handlers on the way are stepped back over.
 */
export function previousLineTest(pc: PcMachine, infoAt: (va: number) => DebugInfo | undefined): BoundaryTest {
  const cpu = pc.machine.cpu;
  const row = infoAt(cpu.rip)?.lineRangeAt(cpu.rip);
  const sp = Number(cpu.r64[4]);
  const root = pc.memory.root;
  return () => {
    const rip = cpu.rip;
    if (pc.memory.root !== root) return false;
    const rsp = Number(cpu.r64[4]);
    if (rsp < sp || (cpu.sys.cpl === 0 && Math.floor(rsp / 4096) !== Math.floor(sp / 4096))) return false;
    const here = infoAt(rip);
    const r = here?.lineRangeAt(rip);
    if (!here || !r || r.line === 0 || !here.isStatementStart(rip)) return false;
    return rsp > sp || r.line !== row?.line || r.file !== row?.file;
  };
}

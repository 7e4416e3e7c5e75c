// A PC running a whole kernel: the CPU (Machine, in full-system mode) wired to the devices
// (PcDevices) on virtual time. Time is retired instructions at a fixed rate plus the time the CPU
// spent halted, so a run is deterministic whatever the host does. Between instructions the
// platform delivers what the processor would: a pending interrupt from the PICs when IF is set and
// no interrupt shadow is open, and every exception through the guest's IDT (a fault while
// delivering one is a double fault; one while delivering that is a triple fault, which ends the
// run, as QEMU with -no-reboot ends).
import { Machine, type MachineOptions } from '../machine';
import { MemorySystem } from '../memory/memory-system';
import type { StopReason } from '../stop-reason';
import { deliver, type Delivery } from '../cpu/interrupt-delivery';
import { IF_FLAG, syncCpuMode } from '../cpu/privilege';
import { Cr0 } from '../cpu/system-state';
import { PcDevices, type PcDevicesOptions, type PcDevicesSnapshot } from './pc-devices';
import type { MachineSnapshot } from '../machine';
import type { SnapshotHandle } from '../memory/snapshot';
import { VirtualClock } from './virtual-time';
import type { PowerEvent } from './power';

/** Why `PcMachine.run` returned. */
export type PcStop =
  /** the instruction budget is used up */
  | { readonly kind: 'budget' }
  /** the guest asked to power off or reboot */
  | { readonly kind: 'power'; readonly event: PowerEvent }
  /** the CPU halted with interrupts off and no device event to come: it will never run again */
  | { readonly kind: 'dead'; readonly reason: string }
  /** a fault while delivering a double fault */
  | { readonly kind: 'triple-fault'; readonly message: string }
  /** a breakpoint, watchpoint or single step of the debugger (see StopReason) */
  | { readonly kind: 'debug'; readonly stop: StopReason }
  /**
   * an exception of a vector in `stopBeforeVectors`, raised and not yet delivered: rip is on the
   * faulting instruction, CR2 holds a page fault's address; the next `run` delivers it first
   */
  | { readonly kind: 'exception'; readonly vector: number; readonly errorCode?: number; readonly addr?: number };

/** A whole PC but its disks (which snapshot themselves, see PcDevices): RAM copy-on-write. */
export interface PcSnapshot {
  readonly memory: SnapshotHandle;
  readonly cpu: MachineSnapshot;
  readonly devices: PcDevicesSnapshot;
  readonly idleNs: number;
  readonly halted: boolean;
  readonly power: PowerEvent | undefined;
  readonly pending: Delivery | undefined;
  readonly deliveries: number;
}

/** How a PC is built. */
export interface PcMachineOptions extends Omit<PcDevicesOptions, 'onPower' | 'memoryBytes'> {
  /** RAM in bytes (a multiple of 4096) */
  readonly ramBytes: number;
  /** the virtual clock's rate: retired instructions per virtual second */
  readonly instructionsPerSecond: number;
  /** CPU tuning (compiled tier and threshold) */
  readonly cpu?: MachineOptions;
}

/** Where a delivered interrupt or exception came from (its handler's `iretq` returns there). */
export interface InterruptedContext {
  readonly vector: number;
  readonly rip: number;
  readonly rsp: number;
  readonly cpl: number;
  /** the page-table root (CR3) at the time */
  readonly root: number;
}

/** Exceptions that push an error code. */
const WITH_ERROR_CODE = new Set([8, 10, 11, 12, 13, 14, 17, 21, 29, 30]);
const DOUBLE_FAULT = 8;

/** One PC: memory, CPU, devices and the virtual clock. */
export class PcMachine {
  readonly memory: MemorySystem;
  readonly machine: Machine;
  readonly devices: PcDevices;
  readonly clock: VirtualClock;
  /** virtual ns spent halted (added to the instructions' time) */
  private idleNs = 0;
  private halted = false;
  private power: PowerEvent | undefined;
  /** an exception that stopped the run before delivery (see `stopBeforeVectors`) */
  private pending: Delivery | undefined;
  /** Exception vectors at which `run` stops before delivering them (the debugger's exception
   *  breakpoints); empty costs nothing on any path but the exception's own. */
  readonly stopBeforeVectors = new Set<number>();
  /** interrupts and exceptions delivered so far (a debugger stepping sees a handler entered) */
  deliveries = 0;
  /** the context the latest delivery interrupted: where its handler returns to */
  lastDelivery: InterruptedContext | undefined;

  /** Builds the PC with its CPU at CPL 0 in 32-bit protected mode, paging off (a boot loader's
   *  hand-over state; `bootDirect` or the caller sets the rest). */
  constructor(options: PcMachineOptions) {
    this.memory = new MemorySystem(options.ramBytes);
    this.machine = new Machine(this.memory, options.cpu);
    this.clock = new VirtualClock(options.instructionsPerSecond);
    this.devices = new PcDevices({ ...options, memoryBytes: options.ramBytes, onPower: (e) => void (this.power ??= e) });
    const cpu = this.machine.cpu;
    cpu.fullSystem = true;
    cpu.ports = {
      in: (port, size) => {
        this.syncDevices();
        return this.devices.in(port, size as 1 | 2 | 4);
      },
      out: (port, size, value) => {
        this.syncDevices();
        this.devices.out(port, size as 1 | 2 | 4, value);
      },
    };
    Object.assign(cpu.sys, { cpl: 0, codeBits: 32, cr0: Cr0.PE | Cr0.ET, cr4: 0, efer: 0 });
    cpu.controlFlags = 0x2;
    syncCpuMode(cpu);
    this.machine.flushDecodedCode();
  }

  /** Captures the PC (its disks excluded: their owner snapshots them at the same moment). */
  snapshot(): PcSnapshot {
    return {
      memory: this.memory.snapshot(), cpu: this.machine.snapshot(), devices: this.devices.snapshot(),
      idleNs: this.idleNs, halted: this.halted, power: this.power, pending: this.pending, deliveries: this.deliveries,
    };
  }

  /** Returns the PC to `s` (the disks to the same moment are the owner's part); later snapshots
   *  of memory are released. */
  restore(s: PcSnapshot): void {
    this.memory.restore(s.memory);
    this.machine.restore(s.cpu);
    syncCpuMode(this.machine.cpu);
    this.machine.flushDecodedCode();
    this.devices.restore(s.devices);
    this.idleNs = s.idleNs;
    this.halted = s.halted;
    this.power = s.power;
    this.pending = s.pending;
    this.deliveries = s.deliveries;
  }

  /** The virtual time in ns. */
  get now(): number {
    return this.clock.nsAt(this.machine.retired) + this.idleNs;
  }

  /** Brings the devices up to the current virtual time. */
  private syncDevices(): void {
    const now = this.now;
    if (now > this.devices.time) this.devices.advanceTo(now);
  }

  /** Runs up to `budget` instructions (halted time does not count against it); returns why it stopped. */
  run(budget: number): PcStop {
    const m = this.machine;
    const cpu = m.cpu;
    const end = m.retired + budget;
    // halted time counts against the budget as the instructions that would run in it
    const idleEnd = this.idleNs + this.clock.nsAt(budget);
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      const failed = this.enter(pending);
      if (failed) return failed;
    }
    while (this.power === undefined) {
      this.syncDevices();
      if (!cpu.sys.interruptShadow && (cpu.controlFlags & IF_FLAG) !== 0 && this.devices.interruptPending()) {
        this.halted = false;
        const failed = this.enter({ vector: this.devices.acknowledgeInterrupt() });
        if (failed) return failed;
      }
      if (this.halted) {
        const next = this.devices.nextEventAt();
        if ((cpu.controlFlags & IF_FLAG) === 0 || next === Infinity) return { kind: 'dead', reason: 'hlt with no interrupt to come' };
        if (this.idleNs >= idleEnd) return { kind: 'budget' };
        this.idleNs += Math.max(0, next - this.now);
        continue;
      }
      const left = end - m.retired;
      if (left <= 0) return { kind: 'budget' };
      const event = this.devices.nextEventAt();
      const untilEvent = event === Infinity ? Infinity : this.clock.instructionsUntil(Math.max(0, event - this.idleNs)) - m.retired;
      const shadow = cpu.sys.interruptShadow;
      const slice = shadow ? 1 : Math.max(1, Math.min(left, Number.isFinite(untilEvent) ? untilEvent : left));
      const stop = m.run(slice);
      if (shadow && m.retired > 0) cpu.sys.interruptShadow = false;
      const failed = this.handle(stop);
      if (failed) return failed;
    }
    return { kind: 'power', event: this.power };
  }

  /** Acts on a CPU stop; returns a PcStop when the run must end. */
  private handle(stop: StopReason): PcStop | undefined {
    switch (stop.kind) {
      case 'budget':
      case 'system':
        return undefined;
      case 'halt':
        this.halted = true;
        return undefined;
      case 'interrupt':
        return this.enter({ vector: stop.vector, software: true });
      case 'fault': {
        if (stop.vector === 14) this.machine.cpu.sys.cr2 = stop.addr ?? 0;
        const delivery = { vector: stop.vector, errorCode: WITH_ERROR_CODE.has(stop.vector) ? stop.errorCode ?? 0 : undefined };
        if (this.stopBeforeVectors.has(stop.vector)) {
          this.pending = delivery;
          return { kind: 'exception', vector: stop.vector, errorCode: delivery.errorCode, addr: stop.addr };
        }
        return this.enter(delivery);
      }
      case 'syscall':
        return { kind: 'triple-fault', message: 'syscall stop in full-system mode (an emulator bug)' };
      default:
        return { kind: 'debug', stop };
    }
  }

  /** Delivers `d`, escalating to a double fault and then a triple fault as the processor does. */
  private enter(d: Delivery): PcStop | undefined {
    const cpu = this.machine.cpu;
    this.deliveries++;
    this.lastDelivery = { vector: d.vector, rip: cpu.rip, rsp: Number(cpu.r64[4]), cpl: cpu.sys.cpl, root: this.memory.root };
    try {
      deliver(cpu, d);
      return undefined;
    } catch (first) {
      try {
        deliver(cpu, { vector: DOUBLE_FAULT, errorCode: 0 });
        return undefined;
      } catch (second) {
        const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
        return { kind: 'triple-fault', message: `vector ${d.vector}: ${why(first)}; double fault: ${why(second)}` };
      }
    }
  }
}
